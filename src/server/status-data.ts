/**
 * What /status shows, gathered from the queues, the store and the feed registry: each stage's jobs
 * by state (delayed split into held for the host's turn and retrying after a failure), its completions
 * per minute over the last hour, the latest failures, whether Redis and the store answer, and the
 * feeds that fail.
 */
import type { Job, Metrics } from 'bullmq';
import type { FeedService } from '../pipeline/feed-service.js';
import { THROUGHPUT_MINUTES, type PipelineQueues } from '../pipeline/pipeline-queues.js';
import { STAGES } from '../pipeline/stages.js';
import type { Stage } from '../shared/config.js';
import type { FeedRecord } from '../stages/feeds/feed-registry.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { answersWithin, HEALTH_CHECK_TIMEOUT_MS } from './ops-routes.js';

/** Latest failures listed: enough to see a pattern, few enough to read. */
const FAILURES_SHOWN = 10;
/** Delayed jobs looked at per stage to tell held from retrying; beyond this they count as held. */
const DELAYED_INSPECTED = 500;

export interface StageStatus {
  stage: Stage;
  waiting: number;
  active: number;
  /** Delayed without a failure: waiting for the host's turn (fetch) or for the store to answer. */
  held: number;
  /** Delayed after a failed attempt, to be retried. */
  retrying: number;
  failed: number;
  /** Jobs done per minute, oldest first, the last THROUGHPUT_MINUTES minutes. */
  perMinute: number[];
}

export interface FailureRow {
  stage: Stage;
  jobId: string;
  /** The job's name: the article's URL or title. */
  name: string;
  reason: string;
  at: number | null;
  attempts: number;
}

export interface StatusData {
  stages: StageStatus[];
  failures: FailureRow[];
  redis: boolean;
  store: { up: boolean; stored?: number; skipped?: number };
  /** Feeds with errors (null when this dashboard has no feed registry). */
  feeds: FeedRecord[] | null;
  at: number;
}

/**
 * Per-minute counts from BullMQ's metrics, oldest first, the last entry the current minute. BullMQ
 * keeps the minute of its latest job (`prevTS`) as a running count (`count - prevCount`) and pushes
 * it to `data` (newest first, from the minute before) when a later minute's first job arrives.
 */
export function lastHour(metrics: Metrics, now: number): number[] {
  const { count, prevTS, prevCount } = metrics.meta;
  if (!prevTS) return Array<number>(THROUGHPUT_MINUTES).fill(0);
  const gap = Math.max(0, Math.floor(now / 60_000) - Math.floor(prevTS / 60_000));
  const newestFirst = [...Array<number>(Math.min(gap, THROUGHPUT_MINUTES)).fill(0), count - prevCount, ...metrics.data];
  while (newestFirst.length < THROUGHPUT_MINUTES) newestFirst.push(0);
  return newestFirst.slice(0, THROUGHPUT_MINUTES).reverse();
}

async function stageStatus(queues: PipelineQueues, stage: Stage, now: number): Promise<StageStatus> {
  const q = queues.queues[stage];
  const [counts, delayed, metrics] = await Promise.all([
    q.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'),
    q.getDelayed(0, DELAYED_INSPECTED - 1),
    q.getMetrics('completed', 0, THROUGHPUT_MINUTES - 1),
  ]);
  const retrying = delayed.filter((j) => Boolean(j.failedReason)).length;
  return {
    stage,
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    active: counts.active ?? 0,
    held: (counts.delayed ?? 0) - retrying,
    retrying,
    failed: counts.failed ?? 0,
    perMinute: lastHour(metrics, now),
  };
}

function failureRow(stage: Stage, j: Job): FailureRow {
  return {
    stage,
    jobId: j.id ?? '',
    name: j.name,
    reason: j.failedReason || 'no reason recorded',
    at: j.finishedOn ?? j.processedOn ?? null,
    attempts: j.attemptsMade,
  };
}

export async function gatherStatus(deps: {
  queues: PipelineQueues;
  store: () => Promise<ArticleStore>;
  pingRedis: () => Promise<unknown>;
  feeds?: FeedService;
}): Promise<StatusData> {
  const now = Date.now();
  const [redis, counts] = await Promise.all([
    answersWithin(deps.pingRedis(), HEALTH_CHECK_TIMEOUT_MS),
    Promise.race([
      deps.store().then((s) => s.countArticles()),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('timeout')), HEALTH_CHECK_TIMEOUT_MS).unref(),
      ),
    ]).catch(() => undefined),
  ]);
  if (!redis)
    return { stages: [], failures: [], redis, store: { up: counts !== undefined, ...counts }, feeds: null, at: now };
  const [stages, failed, feeds] = await Promise.all([
    Promise.all(STAGES.map((s) => stageStatus(deps.queues, s, now))),
    Promise.all(
      STAGES.map(async (s) =>
        (await deps.queues.queues[s].getFailed(0, FAILURES_SHOWN - 1)).map((j) => failureRow(s, j)),
      ),
    ),
    deps.feeds ? deps.feeds.list() : Promise.resolve(null),
  ]);
  const failures = failed
    .flat()
    .sort((a, b) => (b.at ?? 0) - (a.at ?? 0))
    .slice(0, FAILURES_SHOWN);
  return {
    stages,
    failures,
    redis,
    store: { up: counts !== undefined, ...counts },
    feeds: feeds && feeds.filter((f) => f.status === 'failing' || f.status === 'erroring'),
    at: now,
  };
}

/**
 * Parley's four BullMQ queues, with the two ways an article moves through them: `submit` puts a new
 * article at its entry stage (a no-op while it is in flight), `forward` hands a stage's result on.
 */
import { Queue, type JobsOptions } from 'bullmq';
import type { RedisClient } from '../shared/redis.js';
import type { Config, Stage } from '../shared/config.js';
import { InvalidPayloadError } from '../shared/errors/index.js';
import { describeIssues } from './describe-issues.js';
import { StageDurations } from './stage-durations.js';
import { STAGES, STAGE_PAYLOADS, entryStage, nextStage } from './stage-order.js';
import { FEED_QUEUE } from '../shared/contracts.js';
import { AlertQueues } from './alert-queues.js';

/**
 * A stage job that completed has handed its article on, so it is removed at once; the last stage's
 * completed jobs are the articles' outcomes (for `enqueue --wait` and the dashboard) and are kept an
 * hour, at most a thousand, so Redis memory stays bounded however many articles pass.
 */
const KEEP_COMPLETED_LAST = { age: 3_600, count: 1_000 };
/** Events kept per queue in Redis's stream (BullMQ's default is 10,000); nothing of Parley's replays them. */
const MAX_EVENTS = 1_000;

/** Failed jobs are kept a week so a person can read why. */
const KEEP_FAILED = { age: 7 * 24 * 3_600, count: 10_000 };

/** Longest job name: enough to recognise an article's URL or title in bull-board's list. */
const MAX_JOB_NAME = 200;

/** A job's name in bull-board: the article it carries (its URL, else its title), not the queue's name again. */
export function jobNameOf(payload: object, stage: Stage): string {
  const { url, title } = payload as { url?: unknown; title?: unknown };
  const name = typeof url === 'string' ? url : typeof title === 'string' && title ? title : stage;
  return name.length > MAX_JOB_NAME ? `${name.slice(0, MAX_JOB_NAME - 1)}…` : name;
}

/** Minutes of per-minute job counts each stage keeps in Redis (BullMQ metrics): the dashboard's last-hour chart. */
export const THROUGHPUT_MINUTES = 60;

/** The backoff strategy name; workers register it (stage-worker.ts). */
export const BACKOFF_TYPE = 'parley';

const IN_FLIGHT = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** What became of an article submitted to the pipeline. */
export type ArticleOutcome =
  | { state: 'pending'; stage?: Stage }
  | { state: 'stored' | 'skipped'; title?: string; relevance?: number }
  | { state: 'failed'; stage: Stage; reason: string };

/** A new article for `submit`: its id, and a URL to fetch or the html/text to clean. */
export type SubmitPayload = { id: string; html?: unknown; text?: unknown; [field: string]: unknown };

/** Articles per `submitMany` call in bulk paths (a URL file, a big feed): memory stays bounded. */
export const BULK_CHUNK = 1_000;

/**
 * For each article, how many of its job keys exist (KEYS: STAGES.length job keys per article, in
 * order; ARGV[1]: STAGES.length). What `submitMany` asks once per chunk.
 */
const HELD_BY_STAGES = `
local per = tonumber(ARGV[1])
local held = {}
for i = 1, #KEYS, per do
  held[#held + 1] = redis.call('EXISTS', unpack(KEYS, i, i + per - 1))
end
return held`;

/** What `submit` did. */
export type SubmitResult = { id: string; queued: boolean; stage: Stage };

export class PipelineQueues {
  readonly queues: Record<Stage, Queue>;
  /** The feed poller's queue: a source of the pipeline rather than a stage (see feed-service.ts). */
  readonly feeds: Queue;
  /** Each stage's processing times: workers observe them, /metrics reads every process's. */
  readonly durations: StageDurations;
  /** The watch queues hung off the store: matching, deliveries, digests (alert-queues.ts). */
  readonly alerts: AlertQueues;

  constructor(
    private readonly connection: RedisClient,
    config: Config,
  ) {
    const jobOptions = (stage: Stage): JobsOptions => ({
      attempts: config.jobAttempts,
      backoff: { type: BACKOFF_TYPE, delay: config.jobBackoffMs },
      removeOnComplete: nextStage(stage) ? true : KEEP_COMPLETED_LAST,
      removeOnFail: KEEP_FAILED,
      // Stacks hold the server's file paths and belong in the log; bull-board shows the reason only.
      stackTraceLimit: 0,
    });
    this.queues = Object.fromEntries(
      STAGES.map((s) => [
        s,
        new Queue(s, {
          connection,
          prefix: config.queuePrefix,
          defaultJobOptions: jobOptions(s),
          streams: { events: { maxLen: MAX_EVENTS } },
        }),
      ]),
    ) as Record<Stage, Queue>;
    // Connection errors are logged (rate-limited) by the shared connection itself (shared/redis.ts);
    // a queue re-emitting them with no listener would print a stack per reconnect attempt.
    this.feeds = new Queue(FEED_QUEUE, {
      connection,
      prefix: config.queuePrefix,
      streams: { events: { maxLen: MAX_EVENTS } },
    });
    for (const q of [...Object.values(this.queues), this.feeds]) q.on('error', () => undefined);
    this.durations = new StageDurations(connection, config.queuePrefix);
    this.alerts = new AlertQueues(connection, config);
  }

  /**
   * Checks a new article's payload against its entry queue's schema and queues it under its
   * article id. While the article is anywhere in the pipeline this is a no-op (`queued: false`);
   * otherwise earlier finished runs of it are cleared so the new run's outcome is the one reported.
   */
  async submit(
    payload: SubmitPayload,
    /** BullMQ priority of the entry job (1 highest; none runs first): backfills go behind live work. */
    options: { priority?: number } = {},
  ): Promise<SubmitResult> {
    const addOptions = { jobId: payload.id, ...(options.priority ? { priority: options.priority } : {}) };
    const stage = entryStage(payload);
    const handled = { ...(payload.handled as object | undefined), queuedAt: new Date().toISOString() };
    const data = this.validate(stage, { ...payload, handled });
    const id = payload.id;
    // Most articles are new: one round trip asks whether any stage holds a job for this id at all.
    const held = await this.connection.exists(...STAGES.map((s) => this.queues[s].toKey(id)));
    if (held === 0) {
      await this.queues[stage].add(jobNameOf(payload, stage), data, addOptions);
      return { id, queued: true, stage };
    }
    const states = await Promise.all(STAGES.map((s) => this.queues[s].getJobState(id)));
    if (states.some((st) => IN_FLIGHT.has(st))) return { id, queued: false, stage };
    await Promise.all(STAGES.filter((_, i) => states[i] !== 'unknown').map((s) => this.queues[s].remove(id)));
    await this.queues[stage].add(jobNameOf(payload, stage), data, addOptions);
    return { id, queued: true, stage };
  }

  /**
   * `submit` for many articles at once, with the same meaning for each (an article in flight is a
   * no-op, an article seen before is queued anew), in the order given. One script call asks which
   * articles any stage holds; the new ones are added with one `addBulk` per entry
   * stage; the rare known ones go through `submit`. An id given twice is queued once. Callers
   * bound memory by passing chunks (BULK_CHUNK).
   */
  async submitMany(payloads: readonly SubmitPayload[], options: { priority?: number } = {}): Promise<SubmitResult[]> {
    if (payloads.length === 0) return [];
    const queuedAt = new Date().toISOString();
    const prepared = payloads.map((payload) => {
      const stage = entryStage(payload);
      const handled = { ...(payload.handled as object | undefined), queuedAt };
      return { payload, stage, data: this.validate(stage, { ...payload, handled }) };
    });
    // One script call for the whole chunk says, per article, how many stages hold a job for it:
    // one command instead of one per article. It declares every key, all in the prefix's slot.
    const keys = prepared.flatMap(({ payload }) => STAGES.map((s) => this.queues[s].toKey(payload.id)));
    const exists = (await this.connection.eval(HELD_BY_STAGES, keys.length, ...keys, STAGES.length)) as number[];
    const results: SubmitResult[] = new Array<SubmitResult>(prepared.length);
    const fresh = new Map<Stage, { name: string; data: unknown; opts: { jobId: string; priority?: number } }[]>();
    const known: number[] = [];
    const first = new Set<string>();
    prepared.forEach(({ payload, stage, data }, i) => {
      const { id } = payload;
      if (first.has(id)) return void (results[i] = { id, queued: false, stage });
      first.add(id);
      const held = (exists[i] ?? 0) > 0;
      if (held) return void known.push(i);
      const jobs = fresh.get(stage) ?? [];
      jobs.push({
        name: jobNameOf(payload, stage),
        data,
        opts: { jobId: id, ...(options.priority ? { priority: options.priority } : {}) },
      });
      fresh.set(stage, jobs);
      results[i] = { id, queued: true, stage };
    });
    await Promise.all([...fresh].map(([stage, jobs]) => this.queues[stage].addBulk(jobs)));
    for (const i of known) results[i] = await this.submit(prepared[i]!.payload, options);
    return results;
  }

  /** Hands a stage's result to the next stage under the same article id. */
  async forward(from: Stage, payload: { id: string }): Promise<Stage> {
    const stage = nextStage(from);
    if (!stage) throw new Error(`stage ${from} is the last; nothing to forward to`);
    const data = this.validate(stage, payload);
    // No finished job of an earlier run can swallow this add: `submit` cleared them when this run
    // began. A stage run twice (a worker died after handing on) adds a job that exists: a no-op.
    await this.queues[stage].add(jobNameOf(payload, stage), data, { jobId: payload.id });
    return stage;
  }

  /** Where an article stands: still moving, stored or skipped, or failed at a stage with its reason. */
  async outcome(id: string): Promise<ArticleOutcome> {
    for (const stage of [...STAGES].reverse()) {
      // The state first, then the job: a job read before it finished is a snapshot without its reason or result.
      const state = await this.queues[stage].getJobState(id);
      if (state === 'unknown') continue;
      if (state === 'failed')
        return { state: 'failed', stage, reason: (await this.queues[stage].getJob(id))?.failedReason || 'failed' };
      if (state === 'completed' && stage === 'store') {
        const job = await this.queues[stage].getJob(id);
        const r = (job?.returnvalue ?? {}) as { outcome?: 'stored' | 'skipped'; title?: string; relevance?: number };
        return { state: r.outcome ?? 'stored', title: r.title, relevance: r.relevance };
      }
      if (state !== 'completed') return { state: 'pending', stage };
    }
    return { state: 'pending' };
  }

  async close(): Promise<void> {
    await this.durations.close();
    await Promise.all([...STAGES.map((s) => this.queues[s].close()), this.feeds.close(), this.alerts.close()]);
  }

  private validate(stage: Stage, payload: unknown): unknown {
    const parsed = STAGE_PAYLOADS[stage].safeParse(payload);
    if (!parsed.success) {
      throw new InvalidPayloadError(`invalid ${stage} payload: ${describeIssues(parsed.error)}`);
    }
    return parsed.data;
  }
}

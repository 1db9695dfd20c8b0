/**
 * Runs one stage's job definition as a BullMQ worker: checks the payload, runs the stage, hands the
 * result on, logs one line per job, and sorts errors into retried and permanent ones.
 */
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { RedisClient } from '../shared/redis.js';
import type { Config, Stage } from '../shared/config.js';
import { isConnectionLost } from '../shared/connection-errors.js';
import { DeferError, PermanentError, TransientError } from '../shared/errors/index.js';
import type { Logger } from '../shared/logger.js';
import type { JobContext } from '../jobs/job-definition.js';
import { describeIssues } from '../pipeline/describe-issues.js';
import { BACKOFF_TYPE, THROUGHPUT_MINUTES, type PipelineQueues } from '../pipeline/pipeline-queues.js';
import { JOBS, nextStage } from '../pipeline/stages.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import type { StoreOutageGate } from './store-outage.js';
import { workerErrorLogger } from './worker-errors.js';

/**
 * How often a job may be taken back from a worker that died before it fails: twice covers a crash
 * and the crash of its replacement, while a page that kills every worker that opens it still ends.
 */
const MAX_STALLED_COUNT = 2;

/** Longest backoff between two attempts, whatever the attempt count or a Retry-After says. */
const MAX_BACKOFF_MS = 15 * 60_000;

export interface StageWorkerDeps {
  config: Config;
  connection: RedisClient;
  log: Logger;
  queues: PipelineQueues;
  store: () => Promise<ArticleStore>;
  /** Holds jobs and pauses the worker while the store is unreachable (no attempt spent). */
  outage?: StoreOutageGate;
}

/** Exponential backoff with jitter; a Retry-After from the server wins when it is longer. */
export function backoffDelay(attemptsMade: number, baseMs: number, err?: Error): number {
  const exponential = baseMs * 2 ** Math.max(0, attemptsMade - 1);
  const jittered = exponential * (0.75 + Math.random() * 0.5);
  const asked = err instanceof TransientError ? (err.retryAfterMs ?? 0) : 0;
  return Math.min(MAX_BACKOFF_MS, Math.max(jittered, asked));
}

export function createStageWorker(stage: Stage, deps: StageWorkerDeps): Worker {
  const { config, connection, log, queues } = deps;
  const def = JOBS[stage];
  const run = def.prepare(config);

  const processor = async (job: Job, token?: string, signal?: AbortSignal) => {
    const started = performance.now();
    const data = (job.data ?? {}) as { id?: string; url?: string };
    const fields = { queue: stage, jobId: job.id, articleId: data.id, url: data.url };
    const parsed = def.schema.safeParse(job.data);
    if (!parsed.success) {
      const reason = `invalid ${stage} payload: ${describeIssues(parsed.error)}`;
      log.warn({ ...fields, reason }, 'rejected');
      throw new UnrecoverableError(reason);
    }
    const ctx: JobContext = {
      config,
      log,
      redis: connection,
      signal: signal ?? new AbortController().signal,
      store: deps.store,
    };
    try {
      const result = await run(parsed.data, ctx);
      const ms = Math.round(performance.now() - started);
      queues.durations.observe(stage, 'done', (performance.now() - started) / 1000);
      if ('next' in result) {
        const next = await queues.forward(stage, result.next as { id: string });
        log.info({ ...fields, ms, next }, `${stage} done`);
        return { next };
      }
      // Watches hear of the stored story and of the timeline entries it created or moved to a new status.
      await queues.alerts.queueStored(String(data.id), result);
      log.info({ ...fields, ms, outcome: result.outcome, relevance: result.relevance }, `${stage} done`);
      return result;
    } catch (err) {
      const ms = Math.round(performance.now() - started);
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof DeferError) {
        // Not a failure: back to the delayed set, no attempt spent.
        log.debug({ ...fields, ms, retryInMs: err.retryAfterMs, reason: message }, `${stage} deferred`);
        await job.moveToDelayed(Date.now() + err.retryAfterMs, token);
        throw new DelayedError();
      }
      if (deps.outage && !(err instanceof PermanentError || err instanceof TransientError) && isConnectionLost(err)) {
        // The store (or Redis) did not answer: an outage, not this job's fault. Held, no attempt spent.
        log.debug({ ...fields, ms, reason: message }, `${stage} held until the store answers`);
        deps.outage.attach(worker);
        await deps.outage.hold(job, token, message);
        throw new DelayedError();
      }
      queues.durations.observe(stage, 'failed', (performance.now() - started) / 1000);
      if (err instanceof PermanentError) {
        log.warn({ ...fields, ms, reason: message }, `${stage} failed permanently`);
        throw new UnrecoverableError(message);
      }
      // An error of no known kind is a surprise: its stack goes to the log (never to the job, see pipeline-queues).
      const stack = err instanceof Error && !(err instanceof TransientError) ? { stack: err.stack } : {};
      log.warn(
        { ...fields, ms, attempt: job.attemptsMade + 1, reason: message, ...stack },
        `${stage} failed; will retry`,
      );
      throw err;
    }
  };

  const worker = new Worker(stage, processor, {
    connection,
    prefix: config.queuePrefix,
    concurrency: config.concurrency[stage],
    lockDuration: config.workerLockMs,
    stalledInterval: config.workerStalledIntervalMs,
    maxStalledCount: MAX_STALLED_COUNT,
    autorun: false,
    // Per-minute counts of completed and failed jobs kept in Redis: /status charts the last hour.
    metrics: { maxDataPoints: THROUGHPUT_MINUTES },
    settings: {
      backoffStrategy: (attemptsMade: number, type?: string, err?: Error) =>
        type === BACKOFF_TYPE ? backoffDelay(attemptsMade, config.jobBackoffMs, err) : -1,
    },
  });
  worker.on('error', workerErrorLogger(log, stage));
  if (!nextStage(stage)) {
    // The last stage's completed jobs are kept a while as outcomes; the article itself is in the store
    // now, so the job keeps only what identifies it and when each stage handled it.
    worker.on('completed', (job) => {
      const { id, url, handled } = job.data as { id: string; url: string; handled?: unknown };
      job.updateData({ id, url, handled }).catch(() => undefined);
    });
  }
  return worker;
}

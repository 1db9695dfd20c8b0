/**
 * The watch queues, hung off the store rather than a stage of the pipeline: `watch-match` takes each
 * stored article and each timeline entry created or moved to a new status, `watch-deliver` one job per delivery (its job id is the delivery's idempotency key,
 * so a delivery is queued once), `watch-digest` the digest watches' job schedulers (cron in the
 * watch's time zone). Deliveries retry with exponential backoff (WATCH_BACKOFF_MS doubling up to
 * WATCH_MAX_BACKOFF_MS, WATCH_ATTEMPTS attempts); one that runs out of attempts is held in the store
 * and `watch-recover` probes its receiver (one job per watch) until it answers: at least once.
 */
import { Queue, type JobState, type JobsOptions } from 'bullmq';
import type { RedisClient } from '../shared/redis.js';
import type { Config } from '../shared/config.js';
import type { DeliveryJob, MatchInput } from '../jobs/watch-jobs.js';
import type { EventMatchInput } from '../jobs/watch-event-jobs.js';
import { cronOf, parseDigest } from '../stages/watch/digest.js';
import type { Watch } from '../stages/watch/watch-spec.js';

export const WATCH_QUEUES = {
  match: 'watch-match',
  deliver: 'watch-deliver',
  digest: 'watch-digest',
  recover: 'watch-recover',
} as const;

/** The match queue's job names: a stored article, a timeline entry. */
export const MATCH_JOBS = { article: 'match', event: 'event' } as const;

/** What the store stage reports of a stored article that watches hear of. */
export interface StoredForWatches {
  storyId?: string;
  events?: readonly EventMatchInput[];
}

/** The backoff strategy name the delivery worker registers. */
export const WATCH_BACKOFF = 'watch';

/** Finished jobs kept (a day, a thousand) for the dashboard; the store says what was delivered. */
const KEEP = { age: 24 * 3_600, count: 1_000 };
const KEEP_FAILED = { age: 7 * 24 * 3_600, count: 10_000 };

export const digestSchedulerId = (watch: string) => `digest:${watch}`;

/** The job id of a watch's recovery probe: one per watch. */
export const probeJobId = (watch: string) => `recover-${watch}`;

/**
 * Matching and recovery probes retry as any job of Parley's own does (JOB_ATTEMPTS, exponential
 * backoff from JOB_BACKOFF_MS) and leave nothing behind when they succeed; deliveries have their own.
 */
function retriedInternally(config: Config): JobsOptions {
  return {
    attempts: config.jobAttempts,
    backoff: { type: 'exponential', delay: config.jobBackoffMs },
    removeOnComplete: true,
  };
}

export class AlertQueues {
  readonly match: Queue;
  readonly deliver: Queue;
  readonly digest: Queue;
  readonly recover: Queue;

  constructor(connection: RedisClient, config: Config) {
    const prefix = config.queuePrefix;
    this.match = new Queue(WATCH_QUEUES.match, {
      connection,
      prefix,
      defaultJobOptions: { ...retriedInternally(config), removeOnFail: KEEP_FAILED },
    });
    this.deliver = new Queue(WATCH_QUEUES.deliver, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts: config.watches.attempts,
        backoff: { type: WATCH_BACKOFF, delay: config.watches.backoffMs },
        removeOnComplete: KEEP,
        removeOnFail: KEEP_FAILED,
        stackTraceLimit: 0,
      },
    });
    this.digest = new Queue(WATCH_QUEUES.digest, { connection, prefix });
    this.recover = new Queue(WATCH_QUEUES.recover, {
      connection,
      prefix,
      defaultJobOptions: { ...retriedInternally(config), removeOnFail: true },
    });
    for (const q of this.all()) q.on('error', () => undefined);
  }

  all(): Queue[] {
    return [this.match, this.deliver, this.digest, this.recover];
  }

  /** Queues matching for an article the store has just stored. */
  async queueMatch(input: MatchInput): Promise<void> {
    await this.match.add(MATCH_JOBS.article, input);
  }

  /** Queues matching for a timeline entry created or moved to a new status. */
  async queueEventMatch(input: EventMatchInput): Promise<void> {
    await this.match.add(MATCH_JOBS.event, { eventId: input.eventId, status: input.status });
  }

  /** What the store stage stored: its story (unless unchanged) and the entries it created or moved. */
  async queueStored(articleId: string, stored: StoredForWatches): Promise<void> {
    if (stored.storyId) await this.queueMatch({ articleId, storyId: stored.storyId });
    for (const e of stored.events ?? []) await this.queueEventMatch(e);
  }

  /**
   * Queues a held delivery again under its key, with a fresh set of attempts (a failed job of that
   * key makes way). False while a run of it is still in progress: it stays held for the next probe.
   */
  async requeue(d: DeliveryJob): Promise<boolean> {
    const job = await this.deliver.getJob(d.deliveryId);
    const state: JobState | 'unknown' = job ? await job.getState() : 'unknown';
    if (state === 'active') return false;
    if (job && state === 'failed') await job.remove();
    if (!job || state === 'failed' || state === 'unknown') await this.queueDelivery(d);
    return true;
  }

  /** Queues a probe of a watch's receiver after `delayMs` (a no-op while one is queued). */
  async queueProbe(watch: string, delayMs: number): Promise<void> {
    await this.recover.add(watch, { watch }, { jobId: probeJobId(watch), delay: delayMs });
  }

  /** Queues a delivery under its idempotency key (a no-op while one with that key is kept). */
  async queueDelivery(d: DeliveryJob): Promise<void> {
    await this.deliver.add(d.watch, d, { jobId: d.deliveryId });
  }

  /** Registers (or updates) a digest watch's schedule; removes it for an immediate watch. */
  async schedule(watch: Pick<Watch, 'name' | 'mode'>): Promise<void> {
    const spec = watch.mode === 'immediate' ? null : parseDigest(watch.mode);
    if (!spec || 'error' in spec) {
      await this.unschedule(watch.name);
      return;
    }
    await this.digest.upsertJobScheduler(digestSchedulerId(watch.name), cronOf(spec), {
      name: watch.name,
      data: { watch: watch.name },
      opts: { removeOnComplete: 100, removeOnFail: 100 },
    });
  }

  async unschedule(name: string): Promise<void> {
    await this.digest.removeJobScheduler(digestSchedulerId(name));
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((q) => q.close()));
  }
}

/**
 * The watch queues, hung off the store rather than a stage of the pipeline: `watch-match` takes each
 * stored article, `watch-deliver` one job per delivery (its job id is the delivery's idempotency key,
 * so a delivery is queued once), `watch-digest` the digest watches' job schedulers (cron in the
 * watch's time zone). Deliveries retry with exponential backoff (WATCH_BACKOFF_MS doubling up to
 * WATCH_MAX_BACKOFF_MS, WATCH_ATTEMPTS attempts): at least once.
 */
import { Queue } from 'bullmq';
import type { RedisClient } from '../shared/redis.js';
import type { Config } from '../shared/config.js';
import type { DeliveryJob, MatchInput } from '../jobs/watch-jobs.js';
import { cronOf, parseDigest } from '../stages/watch/digest.js';
import type { Watch } from '../stages/watch/watch-spec.js';

export const WATCH_QUEUES = { match: 'watch-match', deliver: 'watch-deliver', digest: 'watch-digest' } as const;

/** The backoff strategy name the delivery worker registers. */
export const WATCH_BACKOFF = 'watch';

/** Finished jobs kept (a day, a thousand) for the dashboard; the store says what was delivered. */
const KEEP = { age: 24 * 3_600, count: 1_000 };
const KEEP_FAILED = { age: 7 * 24 * 3_600, count: 10_000 };

export const digestSchedulerId = (watch: string) => `digest:${watch}`;

export class AlertQueues {
  readonly match: Queue;
  readonly deliver: Queue;
  readonly digest: Queue;

  constructor(connection: RedisClient, config: Config) {
    const prefix = config.queuePrefix;
    this.match = new Queue(WATCH_QUEUES.match, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts: config.jobAttempts,
        backoff: { type: 'exponential', delay: config.jobBackoffMs },
        removeOnComplete: true,
        removeOnFail: KEEP_FAILED,
      },
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
    for (const q of this.all()) q.on('error', () => undefined);
  }

  all(): Queue[] {
    return [this.match, this.deliver, this.digest];
  }

  /** Queues matching for an article the store has just stored. */
  async queueMatch(input: MatchInput): Promise<void> {
    await this.match.add('match', input);
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

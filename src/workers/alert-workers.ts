/**
 * The watch workers: `watch-match` (an article stored → the deliveries it owes), `watch-digest`
 * (a digest watch's scheduled run → one delivery of what it gathered) and `watch-deliver` (one
 * delivery, retried with exponential backoff until the receiver takes it). At start the digest
 * schedules are brought in line with the store's watches.
 */
import { Worker, type Job } from 'bullmq';
import type { RedisClient } from '../shared/redis.js';
import type { Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import {
  deliver,
  gatherDigest,
  matchArticle,
  type DeliveryJob,
  type MatchInput,
  type WatchContext,
} from '../jobs/watch-jobs.js';
import { WATCH_BACKOFF, WATCH_QUEUES, type AlertQueues } from '../pipeline/alert-queues.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { workerErrorLogger } from './worker-errors.js';

/** Deliveries in flight at once per process: each waits on a receiver, not on the CPU. */
const DELIVERY_CONCURRENCY = 8;

export interface AlertWorkerDeps {
  config: Config;
  connection: RedisClient;
  log: Logger;
  alerts: AlertQueues;
  store: () => Promise<ArticleStore>;
  /** The clock digests and records read (tests pass a fake one). */
  now?: () => Date;
}

/** Exponential backoff: base, 2 × base, 4 × base … up to the cap. */
export function watchBackoff(attemptsMade: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
}

export function createAlertWorkers(deps: AlertWorkerDeps): { workers: Worker[]; syncSchedules(): Promise<void> } {
  const { config, connection, log, alerts } = deps;
  const ctx: WatchContext = { config, store: deps.store, now: deps.now ?? (() => new Date()) };
  const opts = { connection, prefix: config.queuePrefix, autorun: false };

  const match = new Worker(
    WATCH_QUEUES.match,
    async (job: Job<MatchInput>) => {
      const deliveries = await matchArticle(job.data, ctx);
      for (const d of deliveries) await alerts.queueDelivery(d);
      if (deliveries.length)
        log.info(
          { queue: WATCH_QUEUES.match, storyId: job.data.storyId, deliveries: deliveries.length },
          'watches matched',
        );
      return { deliveries: deliveries.length };
    },
    { ...opts, concurrency: 4 },
  );

  const digest = new Worker(
    WATCH_QUEUES.digest,
    async (job: Job<{ watch: string }>) => {
      const d = await gatherDigest(job.data.watch, ctx);
      if (d) await alerts.queueDelivery(d);
      return { delivery: d?.deliveryId ?? null };
    },
    { ...opts, concurrency: 1 },
  );

  const delivery = new Worker(
    WATCH_QUEUES.deliver,
    async (job: Job<DeliveryJob>) => {
      try {
        const outcome = await deliver(job.data, ctx);
        if (outcome === 'sent') await retryGivenUp(job.data.watch);
        log.info(
          { queue: WATCH_QUEUES.deliver, watch: job.data.watch, delivery: job.data.deliveryId, outcome },
          'delivery done',
        );
        return { outcome };
      } catch (err) {
        const reason = (err as Error).message;
        log.warn(
          { queue: WATCH_QUEUES.deliver, watch: job.data.watch, attempt: job.attemptsMade + 1, reason },
          'delivery failed; will retry',
        );
        throw err;
      }
    },
    {
      ...opts,
      concurrency: DELIVERY_CONCURRENCY,
      settings: {
        backoffStrategy: (attemptsMade: number, type?: string) =>
          type === WATCH_BACKOFF
            ? watchBackoff(attemptsMade, config.watches.backoffMs, config.watches.maxBackoffMs)
            : -1,
      },
    },
  );

  /**
   * The receiver answers again: deliveries of this watch that ran out of attempts while it was down
   * are tried again, so a long outage delays alerts but loses none.
   */
  async function retryGivenUp(watch: string): Promise<void> {
    const rows = await (await deps.store()).watches.undelivered(watch);
    for (const id of new Set(rows.map((r) => r.delivery_id!))) {
      const given = await alerts.deliver.getJob(id);
      if (given && (await given.isFailed())) await given.retry('failed');
    }
  }

  const workers = [match, digest, delivery];
  for (const w of workers) w.on('error', workerErrorLogger(log, w.name));
  return {
    workers,
    async syncSchedules() {
      const watches = await (await deps.store()).watches.list();
      for (const w of watches) await alerts.schedule(w);
    },
  };
}

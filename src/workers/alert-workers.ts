/**
 * The watch workers: `watch-match` (an article stored, or a timeline entry created or moved to a new
 * status → the deliveries it owes), `watch-digest` (a digest watch's scheduled run → one delivery of
 * what it gathered), `watch-deliver` (one delivery, retried with exponential backoff; held in the
 * store when it runs out of attempts) and `watch-recover` (probes a watch's receiver with its oldest
 * held delivery, every WATCH_MAX_BACKOFF_MS, until it answers; then the held ones are queued again).
 * At start the digest schedules are brought in line with the store's watches, and every watch that
 * holds deliveries gets a probe.
 */
import { DelayedError, Worker, type Job } from 'bullmq';
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
import { matchEvent, type EventMatchInput } from '../jobs/watch-event-jobs.js';
import { heldDeliveries, holdDelivery, probeHeld, watchesHolding } from '../jobs/watch-held.js';
import { MATCH_JOBS, WATCH_BACKOFF, WATCH_QUEUES, type AlertQueues } from '../pipeline/alert-queues.js';
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
    async (job: Job<MatchInput | EventMatchInput>) => {
      const deliveries =
        job.name === MATCH_JOBS.event
          ? await matchEvent(job.data as EventMatchInput, ctx)
          : await matchArticle(job.data as MatchInput, ctx);
      for (const d of deliveries) await alerts.queueDelivery(d);
      if (deliveries.length)
        log.info({ queue: WATCH_QUEUES.match, ...job.data, deliveries: deliveries.length }, 'watches matched');
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
        if (outcome === 'sent') await releaseHeld(job.data.watch);
        log.info(
          { queue: WATCH_QUEUES.deliver, watch: job.data.watch, delivery: job.data.deliveryId, outcome },
          'delivery done',
        );
        return { outcome };
      } catch (err) {
        const reason = (err as Error).message;
        const attempt = job.attemptsMade + 1;
        const fields = { queue: WATCH_QUEUES.deliver, watch: job.data.watch, delivery: job.data.deliveryId };
        if (attempt < (job.opts.attempts ?? 1)) {
          log.warn({ ...fields, attempt, reason }, 'delivery failed; will retry');
          throw err;
        }
        // Out of attempts: held, not lost; the probe sends it again once the receiver answers.
        await holdDelivery(job.data, ctx);
        await alerts.queueProbe(job.data.watch, config.watches.maxBackoffMs);
        log.warn({ ...fields, attempt, reason }, 'delivery held until the receiver answers');
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

  const recover = new Worker(
    WATCH_QUEUES.recover,
    async (job: Job<{ watch: string }>, token?: string) => {
      const watch = job.data.watch;
      const probe = await probeHeld(watch, ctx);
      const left = probe.outcome === 'recovered' ? await requeue(probe.requeue) : 0;
      if (probe.outcome === 'still failing' || left > 0) {
        log.info({ queue: WATCH_QUEUES.recover, watch, ...probe, left }, 'receiver probed; deliveries still held');
        await job.moveToDelayed(Date.now() + config.watches.maxBackoffMs, token);
        throw new DelayedError();
      }
      if (probe.outcome === 'recovered')
        log.info({ queue: WATCH_QUEUES.recover, watch, requeued: probe.requeue.length + 1 }, 'receiver recovered');
      return { outcome: probe.outcome };
    },
    { ...opts, concurrency: 1 },
  );

  /** Queues held deliveries again (each with a fresh set of attempts); gives how many stay held. */
  async function requeue(held: readonly DeliveryJob[]): Promise<number> {
    let left = 0;
    for (const d of held) {
      if (await alerts.requeue(d)) await (await deps.store()).watches.release(d.deliveryId);
      else left++;
    }
    return left;
  }

  /**
   * The receiver answers again: deliveries of this watch that ran out of attempts while it was down
   * are queued again, so a long outage delays alerts but loses none.
   */
  async function releaseHeld(watch: string): Promise<void> {
    const held = await heldDeliveries(watch, ctx);
    if (held.length && (await requeue(held)) > 0) await alerts.queueProbe(watch, config.watches.maxBackoffMs);
  }

  const workers = [match, digest, delivery, recover];
  for (const w of workers) w.on('error', workerErrorLogger(log, w.name));
  return {
    workers,
    async syncSchedules() {
      const watches = await (await deps.store()).watches.list();
      for (const w of watches) await alerts.schedule(w);
      for (const w of await watchesHolding(ctx)) await alerts.queueProbe(w, config.watches.maxBackoffMs);
    },
  };
}

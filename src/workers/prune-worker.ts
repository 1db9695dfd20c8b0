/**
 * With PRUNE_SKIPPED_AFTER set, the store workers prune old skipped-article records once a day: a
 * BullMQ job scheduler (one per Redis, however many store processes upsert it) adds a job to the
 * `maintenance` queue, and whichever store process takes it prunes.
 */
import { Queue, Worker } from 'bullmq';
import type { RedisClient } from '../shared/redis.js';
import type { Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { cutoff, parseAge } from '../stages/store/retention.js';

export const MAINTENANCE_QUEUE = 'maintenance';
const PRUNE_SCHEDULER_ID = 'prune-skipped';
/** How often: skipped records pile up by the day, so daily keeps each prune small. */
const PRUNE_EVERY_MS = 24 * 3_600_000;

interface PruneDeps {
  config: Config;
  connection: RedisClient;
  log: Logger;
  store(): Promise<ArticleStore>;
}

/** The maintenance worker, and how to (re)register the daily schedule; null when pruning is off. */
export function createPruneWorker(deps: PruneDeps): { worker: Worker; schedule(): Promise<void> } | null {
  const { config, connection, log } = deps;
  const age = config.pruneSkippedAfter;
  if (!age) return null;
  const ageMs = parseAge(age, 'PRUNE_SKIPPED_AFTER');
  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async () => {
      const before = cutoff(ageMs);
      const pruned = await (await deps.store()).pruneSkipped(before);
      log.info({ pruned, before }, 'pruned skipped articles');
      return { pruned, before };
    },
    { connection, prefix: config.queuePrefix, concurrency: 1, autorun: false },
  );
  worker.on('error', (err) => log.error({ queue: MAINTENANCE_QUEUE, err: err.message }, 'worker error'));
  return {
    worker,
    async schedule() {
      const queue = new Queue(MAINTENANCE_QUEUE, { connection, prefix: config.queuePrefix });
      try {
        await queue.upsertJobScheduler(
          PRUNE_SCHEDULER_ID,
          { every: PRUNE_EVERY_MS, immediately: true },
          { name: 'prune-skipped', opts: { removeOnComplete: 10, removeOnFail: 10 } },
        );
      } finally {
        await queue.close();
      }
    },
  };
}

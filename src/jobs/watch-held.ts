/**
 * Deliveries that ran out of attempts are held, not lost: kept in the store (with a source-health
 * notice's content, which lives nowhere else) until the receiver answers again. A probe sends the
 * oldest held delivery now and then (the watch's backoff cap apart); when it gets through, the
 * receiver has recovered and the rest are handed back to be queued under their own idempotency keys.
 */
import type { SourceNotice } from '../stages/watch/messages.js';
import type { DeliveryJob, WatchContext } from './watch-context.js';
import { deliver } from './watch-jobs.js';

/** Keeps a delivery whose last attempt failed. */
export async function holdDelivery(job: DeliveryJob, ctx: WatchContext): Promise<void> {
  const store = await ctx.store();
  await store.watches.hold(
    job.watch,
    job.deliveryId,
    job.notice ? JSON.stringify(job.notice) : null,
    ctx.now().toISOString(),
  );
}

/** A watch's held deliveries, oldest first, as jobs to queue again. */
export async function heldDeliveries(watch: string, ctx: WatchContext): Promise<DeliveryJob[]> {
  const rows = await (await ctx.store()).watches.held(watch);
  return rows.map((r) => ({
    deliveryId: r.delivery_id,
    watch: r.watch_name,
    ...(r.notice ? { notice: JSON.parse(r.notice) as SourceNotice } : {}),
  }));
}

/** The watches that hold deliveries (a probe is owed to each, e.g. after a restart). */
export async function watchesHolding(ctx: WatchContext): Promise<string[]> {
  return [...new Set((await (await ctx.store()).watches.held()).map((r) => r.watch_name))];
}

export type ProbeOutcome =
  | { outcome: 'nothing held' }
  | { outcome: 'still failing'; reason: string }
  | { outcome: 'recovered'; requeue: DeliveryJob[] };

/**
 * Sends the oldest held delivery of a watch. When it gets through (or has nothing left to send) it
 * is no longer held, and the rest are given back to queue; when it fails the watch stays failing.
 */
export async function probeHeld(watch: string, ctx: WatchContext): Promise<ProbeOutcome> {
  const [oldest, ...rest] = await heldDeliveries(watch, ctx);
  if (!oldest) return { outcome: 'nothing held' };
  try {
    await deliver(oldest, ctx);
  } catch (err) {
    return { outcome: 'still failing', reason: (err as Error).message };
  }
  await (await ctx.store()).watches.release(oldest.deliveryId);
  return { outcome: 'recovered', requeue: rest };
}

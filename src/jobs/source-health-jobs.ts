/**
 * Source-health notices: after a feed's poll, compare its health (stages/feeds/source-health) with the
 * state last noticed; on a change, one delivery per source-health watch. Nothing here knows BullMQ;
 * the caller queues what is returned on the watch delivery queue (same signing, keys and retries).
 */
import { createHash } from 'node:crypto';
import type { FeedRegistry } from '../stages/feeds/feed-registry.js';
import { sourceHealth, type SourceState } from '../stages/feeds/source-health.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import type { SourceNotice } from '../stages/watch/messages.js';
import type { DeliveryJob } from './watch-jobs.js';

/** The idempotency key of one notice to one watch: the same on every retry of that notice. */
export const noticeDeliveryId = (watch: string, n: SourceNotice) =>
  `h-${createHash('sha256').update([watch, n.feedUrl, n.state, n.at].join('\n')).digest('hex').slice(0, 32)}`;

/** The notice a change of state raises: going wrong names what is wrong; coming back names what it was. */
function noticeOf(feedUrl: string, was: SourceState, now: SourceState, detail: string, at: string): SourceNotice {
  if (now !== 'ok') return { feedUrl, state: now, detail, at };
  return { feedUrl, state: 'recovered', detail: `no longer ${was}: ${detail}`, at };
}

/**
 * Checks one feed after its poll; gives the deliveries its change of health owes (none when its
 * state is the one already noticed, or when no watch hears of sources).
 */
export async function sourceHealthNotices(
  feedUrl: string,
  deps: { registry: FeedRegistry; store: () => Promise<ArticleStore>; now: () => number },
): Promise<DeliveryJob[]> {
  const record = await deps.registry.get(feedUrl);
  if (!record) return [];
  const now = deps.now();
  const health = sourceHealth(record, await deps.registry.itemTimes(feedUrl), now);
  const watches = (await (await deps.store()).watches.list()).filter((w) => w.sourceHealth);
  const was = await deps.registry.swapHealth(feedUrl, health.state);
  if (was === null || was === health.state) return [];
  const notice = noticeOf(record.url, was, health.state, health.detail, new Date(now).toISOString());
  return watches.map((w) => ({ deliveryId: noticeDeliveryId(w.name, notice), watch: w.name, notice }));
}

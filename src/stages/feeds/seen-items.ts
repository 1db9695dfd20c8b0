/**
 * Which feed items Parley has already taken, across polls, restarts and feeds. One Redis key
 * per item id (SET NX with a TTL), so two feeds carrying the same story yield it once and
 * memory stays bounded.
 */
import type { RedisClient } from '../../shared/redis.js';
import { InvalidUrlError } from '../../shared/errors/index.js';
import { articleId, idOf } from '../../shared/identity.js';

/** How long an item stays known: feeds rarely keep items for more than weeks; 180 days is safe. */
export const DEFAULT_SEEN_TTL_MS = 180 * 86_400_000;

/** Settings for SeenItems. */
export interface SeenItemsOptions {
  redis: RedisClient;
  /** Key prefix, e.g. "parley:"; keys are `${keyPrefix}seen:<id>`. */
  keyPrefix: string;
  ttlMs?: number;
  /** Asked for items Redis has not seen: true when the store already has (or skipped) the article. */
  isKnown?: (id: string) => Promise<boolean> | boolean;
}

/** The id under which a feed item is de-duplicated: the article id of its link, else a guid hash. */
export function itemId(item: { link?: string | null; guid?: string | null }): string {
  if (item.link) {
    try {
      return articleId(item.link);
    } catch (error) {
      if (!(error instanceof InvalidUrlError)) throw error;
    }
  }
  if (!item.guid) throw new InvalidUrlError('feed item has neither a usable link nor a guid');
  return idOf(`guid:${item.guid}`);
}

/** Store look-ups in flight at once when claiming a big feed's items. */
const KNOWN_CHECKS_AT_ONCE = 50;

/** The set of item ids already taken. */
export class SeenItems {
  constructor(private readonly options: SeenItemsOptions) {}

  /**
   * Marks `ids` as seen and returns those that were not seen before (and that `isKnown` does not
   * know). Atomic per id: two pollers claiming the same id concurrently get it once in total.
   */
  async claim(ids: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Set();
    const ttl = this.options.ttlMs ?? DEFAULT_SEEN_TTL_MS;
    const pipeline = this.options.redis.pipeline();
    for (const id of unique) pipeline.set(this.key(id), '1', 'PX', ttl, 'NX');
    const replies = (await pipeline.exec()) ?? [];
    const claimed = unique.filter((_, i) => replies[i]?.[1] === 'OK');
    const fresh = new Set<string>();
    try {
      const isKnown = this.options.isKnown;
      if (!isKnown) return new Set(claimed);
      // Asked in groups: a 10,000-item feed is checked in seconds, without 10,000 queries at once.
      for (let i = 0; i < claimed.length; i += KNOWN_CHECKS_AT_ONCE) {
        const group = claimed.slice(i, i + KNOWN_CHECKS_AT_ONCE);
        const known = await Promise.all(group.map(async (id) => isKnown(id)));
        group.forEach((id, j) => known[j] || fresh.add(id));
      }
    } catch (error) {
      await this.forget(claimed); // the store could not answer: let the next poll try these again
      throw error;
    }
    return fresh;
  }

  /** Un-marks ids, e.g. when enqueueing the claimed items failed and they must come back next poll. */
  async forget(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.options.redis.del(...ids.map((id) => this.key(id)));
  }

  /** True when `id` has been claimed. */
  async has(id: string): Promise<boolean> {
    return (await this.options.redis.exists(this.key(id))) === 1;
  }

  private key(id: string): string {
    return `${this.options.keyPrefix}seen:${id}`;
  }
}

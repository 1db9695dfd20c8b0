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
  /**
   * Key prefix, e.g. "parley:"; keys are `${keyPrefix}seen:<id>`. A claim sends a chunk's keys in
   * one script call, so on a Redis Cluster the prefix needs a hash tag ("{parley}:"), as the
   * configuration demands of QUEUE_PREFIX there.
   */
  keyPrefix: string;
  ttlMs?: number;
  /**
   * Asked, a chunk at a time, about the ids Redis had not seen: those the store already has (or
   * skipped). One query per chunk, not one per item.
   */
  known?: (ids: string[]) => Promise<ReadonlySet<string>> | ReadonlySet<string>;
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

/**
 * Ids claimed per Redis call and per store query: a 10,000-item feed takes ten of each instead of
 * 10,000 of each (and no call carries more than this many keys).
 */
export const CLAIM_CHUNK = 1_000;

/**
 * Claims each key (SET NX with a TTL) and returns the 1-based positions of those it set, i.e. that
 * no one had claimed. KEYS: the seen keys; ARGV[1]: the TTL in ms. Atomic, so two pollers
 * claiming the same id at once get it once in total.
 */
const CLAIM_SCRIPT = `
local fresh = {}
for i = 1, #KEYS do
  if redis.call('SET', KEYS[i], '1', 'PX', ARGV[1], 'NX') then fresh[#fresh + 1] = i end
end
return fresh`;

/** The set of item ids already taken. */
export class SeenItems {
  constructor(private readonly options: SeenItemsOptions) {}

  /**
   * Marks `ids` as seen and returns those that were not seen before (and that `known` does not
   * list). Atomic per id: two pollers claiming the same id concurrently get it once in total.
   * If Redis or the store fails part-way, the ids this call marked are un-marked again, so the
   * next poll offers them.
   */
  async claim(ids: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    const ttl = this.options.ttlMs ?? DEFAULT_SEEN_TTL_MS;
    const claimed: string[] = [];
    const fresh = new Set<string>();
    try {
      for (let i = 0; i < unique.length; i += CLAIM_CHUNK) {
        const chunk = unique.slice(i, i + CLAIM_CHUNK);
        const keys = chunk.map((id) => this.key(id));
        const set = (await this.options.redis.eval(CLAIM_SCRIPT, keys.length, ...keys, ttl)) as number[];
        const mine = set.map((at) => chunk[at - 1]!);
        claimed.push(...mine);
        const known = mine.length > 0 && this.options.known ? await this.options.known(mine) : undefined;
        for (const id of mine) if (!known?.has(id)) fresh.add(id);
      }
    } catch (error) {
      // Redis or the store could not answer: let the next poll try these again (the first error is the one to report).
      await this.forget(claimed).catch(() => undefined);
      throw error;
    }
    return fresh;
  }

  /** Un-marks ids, e.g. when enqueueing the claimed items failed and they must come back next poll. */
  async forget(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += CLAIM_CHUNK) {
      await this.options.redis.del(...ids.slice(i, i + CLAIM_CHUNK).map((id) => this.key(id)));
    }
  }

  /** True when `id` has been claimed. */
  async has(id: string): Promise<boolean> {
    return (await this.options.redis.exists(this.key(id))) === 1;
  }

  private key(id: string): string {
    return `${this.options.keyPrefix}seen:${id}`;
  }
}

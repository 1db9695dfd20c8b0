/**
 * The feeds Parley polls, kept in Redis so every process sees the same list and state: one hash
 * per feed and a sorted set of feed ids by next poll time. Failures back the interval off
 * exponentially (capped); after `failingAfter` consecutive failures a feed is "failing" and is
 * polled only every `failingPollMs`, until a success puts it back on its interval.
 */
import type { RedisClient } from '../../shared/redis.js';
import { canonicalUrl, idOf, parseHttpUrl } from '../../shared/identity.js';
import { ITEM_HISTORY, type SourceState } from './source-health.js';
import { deserialise, parseNumbers, serialise, type FeedRecord, type SourceFormat } from './feed-record.js';

export type { FeedRecord, FeedStatus, SourceFormat } from './feed-record.js';

/** Default poll interval: news feeds update every few minutes; a quarter hour is polite and fresh. */
export const DEFAULT_FEED_INTERVAL_MS = 15 * 60_000;
/** Shortest interval accepted: more often than once a minute is impolite to any publisher. */
export const MIN_FEED_INTERVAL_MS = 60_000;
/** Longest back-off for a feed still expected to recover. */
export const DEFAULT_BACKOFF_CAP_MS = 4 * 3_600_000;
/** Consecutive failures after which a feed is reported as failing. */
export const DEFAULT_FAILING_AFTER = 5;
/** Poll interval of a failing feed: a few tries a day notice a recovery without bothering anyone. */
export const DEFAULT_FAILING_POLL_MS = 12 * 3_600_000;
/** Longest error message kept per feed. */
const MAX_ERROR_CHARS = 500;
/** Longest feed title kept: a title is a name, not a description. */
const MAX_TITLE_CHARS = 300;
/** Polls whose new-item counts are kept per feed: a day of quarter-hourly polls would be 96; ten are
 * enough for a steady average that still follows a feed that has changed pace. */
export const POLL_HISTORY = 10;

/** Tuning for FeedRegistry. */
export interface FeedRegistryOptions {
  redis: RedisClient;
  /** Key prefix, e.g. "parley:"; keys are `${keyPrefix}feed:<id>` and `${keyPrefix}feed-index` (not `feeds`,
   * which would read as the BullMQ queue of that name). */
  keyPrefix: string;
  backoffCapMs?: number;
  failingAfter?: number;
  failingPollMs?: number;
  now?: () => number;
}

/** What a successful poll learned. Undefined fields keep their stored value. */
export interface PollSuccess {
  newItems: number;
  /** The feed's own title, when the poll parsed it. */
  title?: string;
  etag?: string;
  lastModified?: string;
  bodyHash?: string;
}

/** The registry's id for a feed URL (hash of its canonical form). */
export function feedId(url: string): string {
  return idOf(canonicalUrl(url));
}

/** Feed list and per-feed poll state in Redis. */
export class FeedRegistry {
  private readonly now: () => number;

  constructor(private readonly options: FeedRegistryOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Registers a feed, or changes the interval of one already registered (its state is kept).
   * Throws InvalidUrlError for a bad URL and RangeError for an interval under a minute.
   */
  async add(
    url: string,
    everyMs: number = DEFAULT_FEED_INTERVAL_MS,
    kind: SourceFormat = 'feed',
    sourceKind: string | null = null,
  ): Promise<FeedRecord> {
    const href = parseHttpUrl(url).href;
    if (!(everyMs >= MIN_FEED_INTERVAL_MS)) {
      throw new RangeError(
        `poll interval ${everyMs} ms for ${href} is shorter than the minimum ${MIN_FEED_INTERVAL_MS} ms`,
      );
    }
    const id = feedId(href);
    const existing = await this.get(href);
    const redis = this.options.redis;
    if (existing) {
      await redis.hset(
        this.key(id),
        'everyMs',
        everyMs,
        'kind',
        kind,
        'sourceKind',
        sourceKind ?? existing.sourceKind ?? '',
      );
      return { ...existing, everyMs, kind, sourceKind: sourceKind ?? existing.sourceKind };
    }
    const now = this.now();
    const record: FeedRecord = {
      id,
      url: href,
      kind,
      sourceKind,
      title: null,
      everyMs,
      status: 'new',
      addedAt: now,
      lastPollAt: null,
      nextPollAt: now,
      itemsSeen: 0,
      recentNewItems: [],
      consecutiveErrors: 0,
      lastError: null,
      etag: null,
      lastModified: null,
      bodyHash: null,
    };
    await redis.multi().hset(this.key(id), serialise(record)).zadd(this.indexKey(), now, id).exec();
    return record;
  }

  /** The record for `url`, or null when it is not registered. */
  async get(url: string): Promise<FeedRecord | null> {
    const fields = await this.options.redis.hgetall(this.key(feedId(url)));
    return Object.keys(fields).length === 0 ? null : deserialise(fields);
  }

  /** Every registered feed, soonest next poll first. */
  async list(): Promise<FeedRecord[]> {
    return this.recordsFor(await this.options.redis.zrange(this.indexKey(), '0', '-1'));
  }

  /** Feeds whose next poll time has come. */
  async due(now: number = this.now()): Promise<FeedRecord[]> {
    return this.recordsFor(await this.options.redis.zrangebyscore(this.indexKey(), '-inf', now));
  }

  /** Unregisters a feed; true when it was registered. */
  async remove(url: string): Promise<boolean> {
    const id = feedId(url);
    const [[, removed] = []] =
      (await this.options.redis.multi().del(this.key(id)).zrem(this.indexKey(), id).exec()) ?? [];
    return removed === 1;
  }

  /** Records a successful poll: state back to ok, next poll one interval away. Null if unregistered. */
  async recordSuccess(url: string, result: PollSuccess): Promise<FeedRecord | null> {
    const record = await this.get(url);
    if (!record) return null;
    const now = this.now();
    const next: FeedRecord = {
      ...record,
      status: 'ok',
      lastPollAt: now,
      nextPollAt: now + record.everyMs,
      itemsSeen: record.itemsSeen + result.newItems,
      recentNewItems: [...record.recentNewItems, result.newItems].slice(-POLL_HISTORY),
      title: result.title?.trim().slice(0, MAX_TITLE_CHARS) || record.title,
      consecutiveErrors: 0,
      lastError: null,
      etag: result.etag ?? record.etag,
      lastModified: result.lastModified ?? record.lastModified,
      bodyHash: result.bodyHash ?? record.bodyHash,
    };
    await this.save(next, result.newItems > 0 ? await this.withItemTime(record.id, now) : undefined);
    return next;
  }

  /** When the feed last brought new items (epoch ms, oldest first, at most ITEM_HISTORY). */
  async itemTimes(url: string): Promise<number[]> {
    return parseNumbers(await this.options.redis.hget(this.key(feedId(url)), ITEM_TIMES));
  }

  /**
   * Sets the source-health state last noticed for a feed and gives the one it replaces ('ok' when
   * none), atomically, so two processes checking the same feed notice a change once. Null if unregistered.
   */
  async swapHealth(url: string, state: SourceState): Promise<SourceState | null> {
    const previous = (await this.options.redis.eval(
      `if redis.call('EXISTS', KEYS[1]) == 0 then return false end
       local p = redis.call('HGET', KEYS[1], ARGV[1]); redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]); return p`,
      1,
      this.key(feedId(url)),
      HEALTH,
      state,
    )) as string | null | false;
    if (previous === null || previous === false)
      return (await this.options.redis.exists(this.key(feedId(url)))) ? 'ok' : null;
    return (previous || 'ok') as SourceState;
  }

  private async withItemTime(id: string, at: number): Promise<string> {
    const times = parseNumbers(await this.options.redis.hget(this.key(id), ITEM_TIMES));
    return [...times, at].slice(-ITEM_HISTORY).join(',');
  }

  /** Records a failed poll and backs the next poll off. Null if unregistered. */
  async recordFailure(url: string, error: unknown): Promise<FeedRecord | null> {
    const record = await this.get(url);
    if (!record) return null;
    const now = this.now();
    const errors = record.consecutiveErrors + 1;
    const failing = errors >= (this.options.failingAfter ?? DEFAULT_FAILING_AFTER);
    const backoff = Math.min(
      record.everyMs * 2 ** errors,
      Math.max(this.options.backoffCapMs ?? DEFAULT_BACKOFF_CAP_MS, record.everyMs),
    );
    const wait = failing ? Math.max(this.options.failingPollMs ?? DEFAULT_FAILING_POLL_MS, backoff) : backoff;
    const message = error instanceof Error ? error.message : String(error);
    const next: FeedRecord = {
      ...record,
      status: failing ? 'failing' : 'erroring',
      lastPollAt: now,
      nextPollAt: now + wait,
      consecutiveErrors: errors,
      lastError: message.slice(0, MAX_ERROR_CHARS),
    };
    await this.save(next);
    return next;
  }

  private async save(record: FeedRecord, itemTimes?: string): Promise<void> {
    await this.options.redis
      .multi()
      .hset(this.key(record.id), itemTimes ? { ...serialise(record), [ITEM_TIMES]: itemTimes } : serialise(record))
      .zadd(this.indexKey(), 'XX', record.nextPollAt, record.id)
      .exec();
  }

  private async recordsFor(ids: string[]): Promise<FeedRecord[]> {
    if (ids.length === 0) return [];
    const pipeline = this.options.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.key(id));
    const replies = (await pipeline.exec()) ?? [];
    return replies
      .map(([, fields]) => fields as Record<string, string>)
      .filter((fields) => fields && Object.keys(fields).length > 0)
      .map(deserialise);
  }

  private key(id: string): string {
    return `${this.options.keyPrefix}feed:${id}`;
  }

  private indexKey(): string {
    return `${this.options.keyPrefix}feed-index`;
  }
}

/** Hash fields beside the record's: the new-item times (comma-separated) and the health state last noticed. */
const ITEM_TIMES = 'newItemTimes';
const HEALTH = 'healthNoticed';

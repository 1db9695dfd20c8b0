/**
 * Parley's feeds: the registry of polled feeds (Redis), their schedules (one BullMQ job scheduler
 * per feed, upserted so restarts never duplicate them), and a poll that queues each new item for
 * fetching with the feed's metadata as hints.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../shared/config.js';
import { canonicalUrl } from '../shared/identity.js';
import { fetchOptionsFrom, politenessFor } from '../stages/fetch/fetch-settings.js';
import { politeFetcher } from '../stages/fetch/polite-fetch.js';
import { FeedRegistry, feedId, type FeedRecord } from '../stages/feeds/feed-registry.js';
import { pollFeed, type NewFeedItem } from '../stages/feeds/poll-feed.js';
import { SeenItems } from '../stages/feeds/seen-items.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { HINT_LIMITS } from '../shared/contracts.js';
import type { PipelineQueues } from './pipeline-queues.js';

/** A poll's outcome, as logged and printed. */
export interface FeedPollReport {
  feedUrl: string;
  outcome: string;
  totalItems: number;
  /** The items this poll queued: article id and link. */
  queued: { id: string; url: string }[];
}

/** Feed polls are cheap and a missed one is made up by the next: one attempt, failures recorded in the registry. */
const POLL_JOB_OPTIONS = { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } };

export class FeedService {
  readonly registry: FeedRegistry;
  readonly seen: SeenItems;
  readonly queue: Queue;
  private readonly signal: AbortSignal | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly config: Config,
    private readonly pipeline: PipelineQueues,
    store: () => Promise<ArticleStore>,
    signal?: AbortSignal,
  ) {
    const keyPrefix = `${config.queuePrefix}:`;
    this.registry = new FeedRegistry({ redis, keyPrefix });
    this.seen = new SeenItems({ redis, keyPrefix, isKnown: async (id) => (await (await store()).status(id)) !== null });
    this.queue = pipeline.feeds;
    this.signal = signal;
  }

  /** Registers a feed (or changes its interval) and schedules its polls, the first one now. */
  async add(url: string, everyMs?: number): Promise<FeedRecord> {
    const record = await this.registry.add(url, everyMs);
    await this.queue.upsertJobScheduler(
      feedId(record.url),
      { every: record.everyMs },
      { name: 'poll', data: { feedUrl: record.url }, opts: POLL_JOB_OPTIONS },
    );
    return record;
  }

  /** Unregisters a feed and stops its polls; false when it was not registered. */
  async remove(url: string): Promise<boolean> {
    await this.queue.removeJobScheduler(feedId(url));
    return this.registry.remove(url);
  }

  /** Asks the feed worker to poll a feed now (a job in the feeds queue; the worker's usual rules apply). */
  async pollSoon(url: string): Promise<void> {
    await this.queue.add('poll', { feedUrl: url }, POLL_JOB_OPTIONS);
  }

  list(): Promise<FeedRecord[]> {
    return this.registry.list();
  }

  /**
   * Polls a registered feed (skipped while it backs off after failures, unless `force`) and queues
   * its new items. Items that could not be queued are forgotten, so the next poll offers them again.
   */
  async poll(url: string, force = false): Promise<FeedPollReport> {
    const result = await pollFeed(url, {
      registry: this.registry,
      seen: this.seen,
      fetchOptions: { ...fetchOptionsFrom(this.config), signal: this.signal },
      fetch: politeFetcher(politenessFor(this.redis, this.config)),
      force,
    });
    const queued: FeedPollReport['queued'] = [];
    try {
      for (const item of result.items) if (await this.submit(item)) queued.push({ id: item.id, url: item.link });
    } catch (err) {
      const done = new Set(queued.map((q) => q.id));
      await this.seen.forget(result.items.map((i) => i.id).filter((id) => !done.has(id)));
      throw err;
    }
    return { feedUrl: result.feedUrl, outcome: result.outcome, totalItems: result.totalItems, queued };
  }

  private async submit(item: NewFeedItem): Promise<boolean> {
    if (!item.link) return false; // a guid-only item names no page to fetch
    // A feed's values are cut to what the queue accepts: one overlong title must not lose the item.
    const hints = {
      ...(item.title ? { title: item.title.slice(0, HINT_LIMITS.title) } : {}),
      ...(item.published ? { published: item.published.slice(0, HINT_LIMITS.published) } : {}),
      ...(item.author ? { author: item.author.slice(0, HINT_LIMITS.author) } : {}),
      ...(item.categories.length
        ? { categories: item.categories.slice(0, HINT_LIMITS.categories).map((c) => c.slice(0, HINT_LIMITS.category)) }
        : {}),
      ...(item.summary ? { summary: item.summary.slice(0, HINT_LIMITS.summary) } : {}),
    };
    const r = await this.pipeline.submit({
      id: item.id,
      url: item.link,
      canonicalUrl: canonicalUrl(item.link),
      origin: { kind: 'feed', feedUrl: item.feedUrl },
      hints,
    });
    return r.queued;
  }
}

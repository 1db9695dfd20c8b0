/**
 * Parley's feeds: the registry of polled feeds (Redis), their schedules (one BullMQ job scheduler
 * per feed, upserted so restarts never duplicate them), and a poll that queues each new item for
 * fetching with the feed's metadata as hints.
 */
import type { Queue } from 'bullmq';
import type { RedisClient } from '../shared/redis.js';
import type { Config } from '../shared/config.js';
import { canonicalUrl } from '../shared/identity.js';
import { fetchOptionsFrom, politenessFor } from '../stages/fetch/fetch-settings.js';
import { politeFetcher } from '../stages/fetch/polite-fetch.js';
import { FeedRegistry, feedId, type FeedRecord, type SourceFormat } from '../stages/feeds/feed-registry.js';
import { pollFeed, sitemapItem, type NewFeedItem } from '../stages/feeds/poll-feed.js';
import { itemId, SeenItems } from '../stages/feeds/seen-items.js';
import { readSitemap, type SitemapLimits } from '../stages/sitemaps/read-sitemap.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { HINT_LIMITS } from '../shared/contracts.js';
import { sourceHealthNotices } from '../jobs/source-health-jobs.js';
import { BULK_CHUNK, type PipelineQueues, type SubmitPayload } from './pipeline-queues.js';

/** Told how many items there are once known, then how many more are done (a CLI's progress line). */
export interface ProgressSink {
  setTotal(n: number): void;
  tick(n: number): void;
}

/** A poll's outcome, as logged and printed. */
export interface FeedPollReport {
  feedUrl: string;
  outcome: string;
  totalItems: number;
  /** The items this poll queued: article id and link. */
  queued: { id: string; url: string }[];
}

/** What one read of a sitemap queued. */
export interface SitemapReport {
  sitemapUrl: string;
  /** Pages listed within the window (after de-duplication within the read). */
  listed: number;
  documents: number;
  queued: { id: string; url: string }[];
  /** Pages already taken by a feed, a sitemap or the store. */
  known: number;
  notes: string[];
}

/** Options of a one-off sitemap read (enqueue --sitemap, backfill). */
export interface SitemapReadOptions {
  since?: number;
  until?: number;
  /** Queue at most this many new pages, newest first. */
  limit?: number;
  /** BullMQ priority of the queued fetches (backfills run behind live work). */
  priority?: number;
  limits?: Partial<SitemapLimits>;
}

/** Feed polls are cheap and a missed one is made up by the next: one attempt, failures recorded in the registry. */
const POLL_JOB_OPTIONS = { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } };

export class FeedService {
  readonly registry: FeedRegistry;
  readonly seen: SeenItems;
  readonly queue: Queue;
  private readonly signal: AbortSignal | undefined;
  private readonly now: () => number;

  constructor(
    private readonly redis: RedisClient,
    private readonly config: Config,
    private readonly pipeline: PipelineQueues,
    private readonly store: () => Promise<ArticleStore>,
    signal?: AbortSignal,
    /** The clock the registry and source health read (tests pass a fake one). */
    now: () => number = Date.now,
  ) {
    const keyPrefix = `${config.queuePrefix}:`;
    this.now = now;
    this.registry = new FeedRegistry({ redis, keyPrefix, now });
    this.seen = new SeenItems({ redis, keyPrefix, known: async (ids) => (await store()).knownIds(ids) });
    this.queue = pipeline.feeds;
    this.signal = signal;
  }

  /** Registers a feed (or changes its interval) and schedules its polls, the first one now. */
  async add(url: string, everyMs?: number, kind?: SourceFormat, sourceKind?: string): Promise<FeedRecord> {
    const record = await this.registry.add(url, everyMs, kind, sourceKind ?? null);
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
  async poll(url: string, force = false, onProgress?: ProgressSink): Promise<FeedPollReport> {
    let report: FeedPollReport;
    try {
      report = await this.pollOnce(url, force, onProgress);
    } catch (err) {
      // A failed poll may be the change to notice; the poll's own error stays the one reported.
      await this.noticeHealth(url).catch(() => undefined);
      throw err;
    }
    await this.noticeHealth(url);
    return report;
  }

  /** Queues the source-health notices a change in the feed's health owes (stages/feeds/source-health). */
  private async noticeHealth(url: string): Promise<void> {
    const notices = await sourceHealthNotices(url, { registry: this.registry, store: this.store, now: this.now });
    for (const d of notices) await this.pipeline.alerts.queueDelivery(d);
  }

  private async pollOnce(url: string, force: boolean, onProgress?: ProgressSink): Promise<FeedPollReport> {
    const result = await pollFeed(url, {
      now: this.now,
      registry: this.registry,
      seen: this.seen,
      fetchOptions: { ...fetchOptionsFrom(this.config), signal: this.signal },
      fetch: politeFetcher(politenessFor(this.redis, this.config)),
      force,
    });
    const queued: FeedPollReport['queued'] = [];
    const withLinks = result.items.filter((i): i is NewFeedItem & { link: string } => Boolean(i.link)); // a guid-only item names no page
    onProgress?.setTotal(withLinks.length);
    try {
      for (let i = 0; i < withLinks.length; i += BULK_CHUNK) {
        const items = withLinks.slice(i, i + BULK_CHUNK);
        const results = await this.pipeline.submitMany(items.map((item) => this.payloadOf(item)));
        items.forEach((item, j) => results[j]!.queued && queued.push({ id: item.id, url: item.link }));
        onProgress?.tick(items.length);
      }
    } catch (err) {
      const done = new Set(queued.map((q) => q.id));
      await this.seen.forget(result.items.map((i) => i.id).filter((id) => !done.has(id)));
      throw err;
    }
    return { feedUrl: result.feedUrl, outcome: result.outcome, totalItems: result.totalItems, queued };
  }

  /**
   * Reads a sitemap now (its index's children followed, within bounds), newest first, and queues
   * the pages no feed, sitemap or store has taken, up to `limit`; the same de-duplication as polls.
   */
  async readSitemapOnce(
    url: string,
    options: SitemapReadOptions = {},
    onProgress?: ProgressSink,
  ): Promise<SitemapReport> {
    const read = await readSitemap(url, {
      fetchOptions: { ...fetchOptionsFrom(this.config), signal: this.signal },
      fetch: politeFetcher(politenessFor(this.redis, this.config)),
      ...(options.since === undefined ? {} : { since: options.since }),
      ...(options.until === undefined ? {} : { until: options.until }),
      ...(options.limits ? { limits: options.limits } : {}),
    });
    const items = read.entries.map((e) => ({
      ...sitemapItem(e),
      link: e.loc,
      id: itemId({ link: e.loc }),
      feedUrl: read.url,
    }));
    const queued: SitemapReport['queued'] = [];
    let known = 0;
    const limit = options.limit ?? Infinity;
    onProgress?.setTotal(items.length);
    // Claimed and queued in chunks, newest first, so --limit counts new pages and never marks more than it queues.
    for (let at = 0; at < items.length && queued.length < limit;) {
      const batch = items.slice(at, at + Math.min(BULK_CHUNK, limit - queued.length));
      at += batch.length;
      const fresh = await this.seen.claim(batch.map((i) => i.id));
      known += batch.length - fresh.size;
      const novel = batch.filter((item) => fresh.delete(item.id));
      try {
        const results = await this.pipeline.submitMany(
          novel.map((item) => this.payloadOf(item)),
          options.priority ? { priority: options.priority } : {},
        );
        novel.forEach((item, j) => results[j]!.queued && queued.push({ id: item.id, url: item.link }));
      } catch (err) {
        // Which of the chunk were queued is not known: all come back next time (queuing one again is a no-op).
        await this.seen.forget(novel.map((i) => i.id)).catch(() => undefined);
        throw err;
      }
      onProgress?.tick(batch.length);
    }
    return { sitemapUrl: read.url, listed: items.length, documents: read.documents, queued, known, notes: read.notes };
  }

  /** A feed item as a fetch job: its link, and the feed's values cut to what the queue accepts (one overlong title must not lose the item). */
  private payloadOf(item: NewFeedItem & { link: string }): SubmitPayload {
    const hints = {
      ...(item.title ? { title: item.title.slice(0, HINT_LIMITS.title) } : {}),
      ...(item.published ? { published: item.published.slice(0, HINT_LIMITS.published) } : {}),
      ...(item.author ? { author: item.author.slice(0, HINT_LIMITS.author) } : {}),
      ...(item.categories.length
        ? { categories: item.categories.slice(0, HINT_LIMITS.categories).map((c) => c.slice(0, HINT_LIMITS.category)) }
        : {}),
      ...(item.summary ? { summary: item.summary.slice(0, HINT_LIMITS.summary) } : {}),
    };
    return {
      id: item.id,
      url: item.link,
      canonicalUrl: canonicalUrl(item.link),
      origin: { kind: 'feed', feedUrl: item.feedUrl },
      ...(item.sourceKind ? { sourceKind: item.sourceKind } : {}),
      hints,
    };
  }
}

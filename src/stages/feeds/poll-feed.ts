/**
 * One poll of one feed: conditional GET, skip when unchanged, parse, keep the items no poll of
 * any feed has taken before, and record the outcome in the registry. Knows nothing of queues:
 * the caller enqueues the returned items.
 */
import { createHash } from 'node:crypto';
import { FetchErrorCode, hasFetchCode } from '../fetch/fetch-errors.js';
import { fetchPage, type FetchOptions } from '../fetch/http-fetch.js';
import type { FeedRegistry } from './feed-registry.js';
import { parseFeed, type FeedItem } from './parse-feed.js';
import { looksLikeSitemap } from '../sitemaps/parse-sitemap.js';
import { readSitemap, type SitemapEntry } from '../sitemaps/read-sitemap.js';
import { itemId, type SeenItems } from './seen-items.js';

/** An item to enqueue for fetching, with the metadata the feed gave. */
export interface NewFeedItem extends Omit<FeedItem, 'content'> {
  /** Article id (src/shared/identity.ts) — use it as the job id. */
  id: string;
  /** The feed it came from. */
  feedUrl: string;
  /** The kind of source the feed was registered as (official, wire…), if any. */
  sourceKind?: string;
}

/** What a poll did. */
export interface PollResult {
  feedUrl: string;
  /**
   * polled: fetched and parsed; not-modified: 304; unchanged: same bytes as last time;
   * backing-off: skipped, the feed's next poll time (after failures) has not come;
   * not-registered: the feed is not in the registry (removed) — stop polling it.
   */
  outcome: 'polled' | 'not-modified' | 'unchanged' | 'backing-off' | 'not-registered';
  /** New items, in feed order. */
  items: NewFeedItem[];
  /** Items in the feed document (0 unless polled). */
  totalItems: number;
  /** When the registry expects the next poll (epoch ms), if registered. */
  nextPollAt?: number;
}

/** What pollFeed needs. */
export interface PollFeedDeps {
  registry: FeedRegistry;
  seen: SeenItems;
  /** User agent, timeouts, address policy…; `accept` and `conditional` are set by pollFeed. */
  fetchOptions: FetchOptions;
  /** Replaces fetchPage (e.g. wrapped with robots.txt and the host gate). */
  fetch?: typeof fetchPage;
  /** Poll even when the feed is backing off (a person asked for it). Default false. */
  force?: boolean;
  now?: () => number;
}

/**
 * How far back a sitemap poll looks: Google News sitemaps hold two days; entries older than the
 * last poll by more than this were offered by an earlier poll. The first poll looks this far back too.
 */
export const SITEMAP_POLL_OVERLAP_MS = 2 * 86_400_000;
/** New pages one sitemap poll queues at most (newest first): a site's first poll is not a backfill. */
export const SITEMAP_POLL_MAX_URLS = 5_000;

/** A sitemap entry as a feed item: the news title and publication date (else lastmod) are its hints. */
export function sitemapItem(entry: SitemapEntry): FeedItem {
  return {
    link: entry.loc,
    guid: entry.loc,
    title: entry.title ?? '',
    published: entry.published ?? entry.lastmod,
    author: null,
    categories: [],
    summary: '',
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Polls `feedUrl` once. Fetch and parse errors are recorded as failures in the registry (which
 * backs the feed off) and rethrown, so the caller sees a PermanentError/TransientError;
 * HostBusyError (from a politeFetcher) and FetchAbortedError are rethrown without recording.
 * The returned items are already marked seen: if enqueueing them fails, call
 * `deps.seen.forget(ids)` so the next poll yields them again.
 */
export async function pollFeed(feedUrl: string, deps: PollFeedDeps): Promise<PollResult> {
  const record = await deps.registry.get(feedUrl);
  if (!record) return { feedUrl, outcome: 'not-registered', items: [], totalItems: 0 };
  const now = (deps.now ?? Date.now)();
  if (!deps.force && record.consecutiveErrors > 0 && record.nextPollAt > now) {
    return { feedUrl, outcome: 'backing-off', items: [], totalItems: 0, nextPollAt: record.nextPollAt };
  }
  try {
    const sitemap = record.kind === 'sitemap';
    const page = await (deps.fetch ?? fetchPage)(record.url, {
      ...deps.fetchOptions,
      accept: sitemap ? 'sitemap' : 'feed',
      keepBytes: sitemap,
      conditional: {
        ...(record.etag ? { etag: record.etag } : {}),
        ...(record.lastModified ? { lastModified: record.lastModified } : {}),
      },
    });
    const validators = {
      ...(page.etag ? { etag: page.etag } : {}),
      ...(page.lastModified ? { lastModified: page.lastModified } : {}),
    };
    if (page.notModified) {
      const saved = await deps.registry.recordSuccess(record.url, { newItems: 0, ...validators });
      return { feedUrl, outcome: 'not-modified', items: [], totalItems: 0, nextPollAt: saved?.nextPollAt };
    }
    const bodyHash = sha256(page.body);
    if (bodyHash === record.bodyHash) {
      const saved = await deps.registry.recordSuccess(record.url, { newItems: 0, ...validators });
      return { feedUrl, outcome: 'unchanged', items: [], totalItems: 0, nextPollAt: saved?.nextPollAt };
    }
    const feed: { items: FeedItem[]; title?: string } =
      sitemap || looksLikeSitemap(page.body)
        ? await readSitemapItems(record.url, page, record.lastPollAt ?? now, deps)
        : await parseFeed(page.body, page.url);
    const withIds = feed.items.map((item) => ({ item, id: itemId(item) }));
    const fresh = await deps.seen.claim(withIds.map(({ id }) => id));
    const items: NewFeedItem[] = [];
    for (const { item, id } of withIds) {
      if (!fresh.delete(id)) continue; // delete: an id listed twice in one feed is yielded once
      const { content: _content, ...metadata } = item;
      items.push({
        ...metadata,
        id,
        feedUrl: record.url,
        ...(record.sourceKind ? { sourceKind: record.sourceKind } : {}),
      });
    }
    let saved;
    try {
      saved = await deps.registry.recordSuccess(record.url, {
        newItems: items.length,
        bodyHash,
        ...validators,
        ...(feed.title ? { title: feed.title } : {}),
      });
    } catch (error) {
      await deps.seen.forget(items.map((item) => item.id)).catch(() => undefined);
      throw error;
    }
    return { feedUrl, outcome: 'polled', items, totalItems: feed.items.length, nextPollAt: saved?.nextPollAt };
  } catch (error) {
    // A busy host or a cancelled poll says nothing about the feed's health.
    if (hasFetchCode(error, FetchErrorCode.HostBusy, FetchErrorCode.Aborted)) throw error;
    // If Redis itself is the problem, the original error is the one worth reporting.
    await deps.registry.recordFailure(record.url, error).catch(() => undefined);
    throw error;
  }
}

/** The pages of a polled sitemap (its index's children followed) as feed items, newest first. */
async function readSitemapItems(
  url: string,
  page: Awaited<ReturnType<typeof fetchPage>>,
  lastPollAt: number,
  deps: PollFeedDeps,
): Promise<{ items: FeedItem[] }> {
  const read = await readSitemap(
    url,
    {
      fetchOptions: deps.fetchOptions,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      since: lastPollAt - SITEMAP_POLL_OVERLAP_MS,
      limits: { maxUrls: SITEMAP_POLL_MAX_URLS },
    },
    page,
  );
  return { items: read.entries.map(sitemapItem) };
}

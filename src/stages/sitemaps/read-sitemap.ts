/**
 * Reads a sitemap and the sitemaps it points to: an index's children are followed, newest first,
 * within bounds on depth, documents fetched, URLs collected and bytes decompressed, and an index
 * that points back at one already read (a loop) is read once. Gzip files are unpacked here (a
 * sitemap.xml.gz is served as a file, not with Content-Encoding). A child that fails costs its own
 * entries only and is named in the notes; the first document failing throws.
 */
import { gunzipSync } from 'node:zlib';
import { DeferError } from '../../shared/errors/index.js';
import { decodeBody } from '../fetch/charset.js';
import { fetchPage, type FetchedPage, type FetchOptions } from '../fetch/http-fetch.js';
import { parseSitemap, type SitemapUrl } from './parse-sitemap.js';

/** Bounds on one read; each has its reason. */
export const SITEMAP_LIMITS = {
  /** Index → index → url set is as deep as real sites go (news sites: index by month → day). */
  maxDepth: 3,
  /** Documents fetched in one read: a year of daily news sitemaps is ~365; 500 leaves room, a crawl it is not. */
  maxDocuments: 500,
  /** URLs kept in one read: the protocol's per-file limit; backfills take date windows to go further. */
  maxUrls: 50_000,
  /** Bytes one document may unpack to: the protocol's limit for an uncompressed sitemap (50 MB). */
  maxUnpackedBytes: 50 * 1024 * 1024,
  /** Longest wait for the host's turn between the documents of one read (the per-host gate, Crawl-delay). */
  maxTurnWaitMs: 60_000,
} as const;

export type SitemapLimits = { -readonly [K in keyof typeof SITEMAP_LIMITS]: number };

/** A page to fetch, with what the sitemap says of it. */
export interface SitemapEntry extends SitemapUrl {
  /** The sitemap document that listed it. */
  sitemapUrl: string;
}

export interface SitemapRead {
  url: string;
  /** Newest first (news publication date, else lastmod); undated entries last, in document order. */
  entries: SitemapEntry[];
  documents: number;
  /** What was skipped and why: failed children, loops, limits reached, entries dropped. */
  notes: string[];
  /** The first document as fetched (validators, for conditional polls). */
  first: FetchedPage;
}

export interface ReadSitemapDeps {
  fetchOptions: FetchOptions;
  fetch?: typeof fetchPage;
  /** Entries (and child sitemaps) last modified before this instant (epoch ms) are left out. */
  since?: number;
  /** Entries modified after this instant are left out (backfill windows). */
  until?: number;
  limits?: Partial<SitemapLimits>;
}

/** The date an entry is ordered and filtered by. */
export function entryDate(e: { published: string | null; lastmod: string | null }): number | null {
  const raw = e.published ?? e.lastmod;
  return raw === null ? null : Date.parse(raw);
}

/** The text of a fetched sitemap: gzip (by magic bytes) unpacked within `maxBytes`. */
export function sitemapText(page: FetchedPage, maxBytes: number): string {
  const bytes = page.bytes;
  if (!bytes || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return page.body;
  let unpacked: Buffer;
  try {
    unpacked = gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new Error(`${page.url} unpacks to more than ${maxBytes} bytes (a gzip bomb?); refused`);
    throw new Error(`${page.url} is not a readable gzip file: ${(error as Error).message}`);
  }
  return decodeBody(unpacked, '').text;
}

async function fetchInTurn(url: string, deps: ReadSitemapDeps, maxWaitMs: number): Promise<FetchedPage> {
  const fetch = deps.fetch ?? fetchPage;
  const giveUpAt = Date.now() + maxWaitMs;
  for (;;) {
    try {
      return await fetch(url, { ...deps.fetchOptions, accept: 'sitemap', keepBytes: true });
    } catch (error) {
      if (!(error instanceof DeferError) || Date.now() + error.retryAfterMs > giveUpAt) throw error;
      await new Promise((r) => setTimeout(r, error.retryAfterMs));
    }
  }
}

/**
 * Reads the sitemap at `url`. When `first` is given (a poll that already fetched it), it is used
 * instead of fetching the URL again.
 */
export async function readSitemap(url: string, deps: ReadSitemapDeps, first?: FetchedPage): Promise<SitemapRead> {
  const limits = { ...SITEMAP_LIMITS, ...deps.limits };
  const notes: string[] = [];
  const entries: SitemapEntry[] = [];
  const seenPages = new Set<string>();
  const visited = new Set<string>();
  let documents = 0;
  let firstPage: FetchedPage | undefined;
  let urlLimitNoted = false;
  // Depth-first, newest child first: the newest pages are read before any limit is reached.
  const pending: Array<{ loc: string; depth: number }> = [{ loc: url, depth: 0 }];
  while (pending.length > 0) {
    const { loc, depth } = pending.pop()!;
    if (visited.has(loc)) {
      notes.push(`${loc} is listed again (a loop between indexes); read once`);
      continue;
    }
    if (documents >= limits.maxDocuments) {
      notes.push(`stopped after ${limits.maxDocuments} sitemap documents; ${pending.length + 1} not read`);
      break;
    }
    if (entries.length >= limits.maxUrls) {
      if (!urlLimitNoted) notes.push(`stopped at ${limits.maxUrls} URLs; later sitemaps not read`);
      urlLimitNoted = true;
      break;
    }
    visited.add(loc);
    documents++;
    let parsed;
    try {
      const page = depth === 0 && first ? first : await fetchInTurn(loc, deps, limits.maxTurnWaitMs);
      if (depth === 0) firstPage = page;
      visited.add(page.url);
      parsed = parseSitemap(sitemapText(page, limits.maxUnpackedBytes), page.url);
    } catch (error) {
      if (depth === 0) throw error;
      notes.push(`${loc}: ${(error as Error).message}`);
      continue;
    }
    if (parsed.dropped > 0)
      notes.push(
        `${loc}: ${parsed.dropped} entries past the first ${parsed.urls.length + parsed.sitemaps.length} not read`,
      );
    if (parsed.kind === 'index') {
      if (depth + 1 > limits.maxDepth) {
        notes.push(
          `${loc}: an index nested deeper than ${limits.maxDepth} levels; its ${parsed.sitemaps.length} sitemaps not read`,
        );
        continue;
      }
      const children = parsed.sitemaps
        .filter((c) => deps.since === undefined || c.lastmod === null || Date.parse(c.lastmod) >= deps.since)
        .sort((a, b) => (a.lastmod ?? '').localeCompare(b.lastmod ?? '')); // oldest first: popped last
      for (const c of children) pending.push({ loc: c.loc, depth: depth + 1 });
      continue;
    }
    for (const u of parsed.urls) {
      const date = entryDate(u);
      if (deps.since !== undefined && date !== null && date < deps.since) continue;
      if (deps.until !== undefined && date !== null && date > deps.until) continue;
      if (seenPages.has(u.loc)) continue;
      if (entries.length >= limits.maxUrls) {
        if (!urlLimitNoted)
          notes.push(`stopped at ${limits.maxUrls} URLs; the rest of ${loc} and later sitemaps not read`);
        urlLimitNoted = true;
        break;
      }
      seenPages.add(u.loc);
      entries.push({ ...u, sitemapUrl: loc });
    }
  }
  return { url, entries: newestFirst(entries), documents, notes, first: firstPage! };
}

/** Sorts entries newest first; undated ones keep their order after the dated ones. */
export function newestFirst<T extends { published: string | null; lastmod: string | null }>(entries: T[]): T[] {
  const keyed = entries.map((e, i) => ({ e, i, d: entryDate(e) }));
  keyed.sort((a, b) => {
    const da = a.d === null || Number.isNaN(a.d) ? null : a.d;
    const db = b.d === null || Number.isNaN(b.d) ? null : b.d;
    if (da !== null && db !== null && da !== db) return db - da;
    if ((da === null) !== (db === null)) return da === null ? 1 : -1;
    return a.i - b.i;
  });
  return keyed.map((k) => k.e);
}

/**
 * Feed discovery: the feeds a site offers, from its home page's `<link rel="alternate">` (RSS,
 * Atom, RDF, JSON Feed), else from the paths feeds are commonly served at. Each candidate is
 * fetched and parsed, so only real feeds are listed, with their title and item count. A URL that
 * is itself a feed is listed as it is.
 */
import { Parser } from 'htmlparser2';
import { fetchPage, type FetchOptions } from '../fetch/http-fetch.js';
import { resolveUrl } from './feed-links.js';
import { parseFeedSync, type ParsedFeed } from './parse-feed.js';
import type { FeedFormat } from './feed-entries.js';

/** Link types that announce a feed. */
const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/json',
  'application/xml',
  'text/xml',
]);

/** Where sites serve feeds without announcing them (WordPress, Blogger, Hugo, Jekyll, Ghost…), tried in order. */
export const COMMON_FEED_PATHS = [
  '/feed',
  '/rss',
  '/rss.xml',
  '/feed.xml',
  '/atom.xml',
  '/index.xml',
  '/feeds/posts/default',
  '/?feed=rss2',
];

/** At most this many candidates are fetched for one site: discovery is a handful of requests, not a crawl. */
const MAX_CANDIDATES = 12;

export interface DiscoveredFeed {
  url: string;
  title: string;
  format: FeedFormat;
  items: number;
  /** How it was found. */
  via: 'the URL itself' | 'link rel=alternate' | 'common path';
}

/** The feed URLs a page announces with `<link rel="alternate" type="…feed type…">`, resolved against `<base>`. */
export function announcedFeeds(html: string, pageUrl: string): string[] {
  let base = pageUrl;
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'base' && attrs.href) base = resolveUrl(attrs.href, pageUrl) ?? base;
      if (name !== 'link' || !attrs.href) return;
      const rels = (attrs.rel ?? '').toLowerCase().split(/\s+/);
      const type = (attrs.type ?? '').toLowerCase().split(';')[0]!.trim();
      if (!rels.includes('alternate') || !FEED_TYPES.has(type)) return;
      const url = resolveUrl(attrs.href, base);
      if (url && !found.includes(url)) found.push(url);
    },
  });
  parser.end(html);
  return found;
}

function tryParse(body: string, url: string): ParsedFeed | null {
  try {
    return parseFeedSync(body, url);
  } catch {
    return null;
  }
}

/**
 * Lists the feeds of the site at `siteUrl`. Fetch errors of candidates are skipped (a missing
 * common path is the normal case); an error fetching `siteUrl` itself is thrown.
 */
export async function discoverFeeds(
  siteUrl: string,
  fetchOptions: FetchOptions,
  fetch: typeof fetchPage = fetchPage,
): Promise<DiscoveredFeed[]> {
  const page = await fetch(siteUrl, { ...fetchOptions, accept: 'any' });
  const itself = tryParse(page.body, page.url);
  if (itself)
    return [
      { url: page.url, title: itself.title, format: itself.format, items: itself.items.length, via: 'the URL itself' },
    ];
  const announced = announcedFeeds(page.body, page.url);
  const candidates: Array<[string, DiscoveredFeed['via']]> =
    announced.length > 0
      ? announced.map((u) => [u, 'link rel=alternate'])
      : COMMON_FEED_PATHS.map((p) => [new URL(p, page.url).href, 'common path']);
  const feeds: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  for (const [url, via] of candidates.slice(0, MAX_CANDIDATES)) {
    let body: string;
    let finalUrl: string;
    try {
      const fetched = await fetch(url, { ...fetchOptions, accept: 'feed' });
      [body, finalUrl] = [fetched.body, fetched.url];
    } catch {
      continue;
    }
    const feed = tryParse(body, finalUrl);
    if (!feed || seen.has(finalUrl)) continue;
    seen.add(finalUrl);
    feeds.push({ url: finalUrl, title: feed.title, format: feed.format, items: feed.items.length, via });
  }
  return feeds;
}

/**
 * Feed discovery: the feeds a site offers, from its home page's `<link rel="alternate">` (RSS,
 * Atom, RDF, JSON Feed), else from the paths feeds are commonly served at, and the sitemaps (or
 * feeds) its robots.txt names. Each candidate is
 * fetched and parsed, so only real feeds are listed, with their title and item count. A URL that
 * is itself a feed is listed as it is.
 */
import { Parser } from 'htmlparser2';
import { fetchPage, type FetchOptions } from '../fetch/http-fetch.js';
import { resolveUrl } from '../../shared/resolve-url.js';
import { parseFeedSync, type ParsedFeed } from './parse-feed.js';
import type { FeedFormat } from './feed-entries.js';
import { parseSitemap } from '../sitemaps/parse-sitemap.js';
import { sitemapText, SITEMAP_LIMITS } from '../sitemaps/read-sitemap.js';

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

/** Sitemaps named in robots.txt that are looked at: news sites name a handful (news, index, video…). */
const MAX_ROBOTS_SITEMAPS = 5;

/** At most this many candidates are fetched for one site: discovery is a handful of requests, not a crawl. */
const MAX_CANDIDATES = 12;

export interface DiscoveredFeed {
  url: string;
  title: string;
  /** 'sitemap': a sitemap (stages/sitemaps), polled as a source like a feed; items are its entries. */
  format: FeedFormat | 'sitemap';
  items: number;
  /** How it was found. */
  via: 'the URL itself' | 'link rel=alternate' | 'common path' | 'robots.txt';
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
  for (const found of await robotsSitemaps(page.url, fetchOptions, fetch)) {
    if (!seen.has(found.url)) feeds.push(found);
    seen.add(found.url);
  }
  return feeds;
}

/** `Sitemap:` lines of a robots.txt, in order, resolved against it. */
export function robotsSitemapUrls(robotsTxt: string, robotsUrl: string): string[] {
  const urls: string[] = [];
  for (const line of robotsTxt.split(/\r?\n/)) {
    const m = /^\s*sitemap\s*:\s*(\S+)/i.exec(line);
    const url = m ? resolveUrl(m[1], robotsUrl) : null;
    if (url && !urls.includes(url)) urls.push(url);
  }
  return urls;
}

/**
 * The sources the site's robots.txt names with `Sitemap:` lines: a feed (some sites name their RSS
 * there) is listed as a feed, a sitemap as a sitemap with its entry count. A missing robots.txt or
 * an unreadable sitemap is skipped.
 */
async function robotsSitemaps(
  siteUrl: string,
  fetchOptions: FetchOptions,
  fetch: typeof fetchPage,
): Promise<DiscoveredFeed[]> {
  const robotsUrl = new URL('/robots.txt', siteUrl).href;
  let urls: string[];
  try {
    const robots = await fetch(robotsUrl, { ...fetchOptions, accept: 'any' });
    urls = robotsSitemapUrls(robots.body, robots.url);
  } catch {
    return [];
  }
  const found: DiscoveredFeed[] = [];
  for (const url of urls.slice(0, MAX_ROBOTS_SITEMAPS)) {
    try {
      const fetched = await fetch(url, { ...fetchOptions, accept: 'sitemap', keepBytes: true });
      const text = sitemapText(fetched, SITEMAP_LIMITS.maxUnpackedBytes);
      const feed = tryParse(text, fetched.url);
      if (feed) {
        found.push({
          url: fetched.url,
          title: feed.title,
          format: feed.format,
          items: feed.items.length,
          via: 'robots.txt',
        });
        continue;
      }
      const sitemap = parseSitemap(text, fetched.url);
      const items = sitemap.urls.length + sitemap.sitemaps.length;
      const title = sitemap.kind === 'index' ? 'sitemap index' : 'sitemap';
      found.push({ url: fetched.url, title, format: 'sitemap', items, via: 'robots.txt' });
    } catch {
      continue;
    }
  }
  return found;
}

/**
 * Parses RSS (0.9x, 1.0/RDF, 2.0), Atom (0.3, 1.0) and JSON Feed (1.0, 1.1) into Parley's feed
 * items, with absolute links, ISO dates and plain-text titles and summaries. Parsing is liberal
 * (xml-tree.ts recovers from broken XML; feed-entries.ts reads each field on its own), so only a
 * body that is no feed at all fails, with FeedParseError.
 */
import { InvalidUrlError } from '../../shared/errors/index.js';
import { parseHttpUrl } from '../../shared/identity.js';
import { FeedParseError } from './errors/feed-parse-error.js';
import { EntryCollector, readXmlFeed, type FeedFormat, type RawEntry, type RawFeed } from './feed-entries.js';
import { htmlToText } from './feed-text.js';
import { isJsonFeed, readJsonFeed } from './json-feed.js';
import { childElements, readXml } from './xml-tree.js';

/** Summaries longer than this are cut: they ride in queue payloads and only preview the article. */
export const SUMMARY_MAX_CHARS = 2_000;

/** One item of a feed. */
export interface FeedItem {
  /** Absolute http(s) URL of the article. */
  link: string;
  /** The feed's own id for the item (guid / Atom id), or the link when it has none. */
  guid: string;
  title: string;
  /** ISO 8601, or null when the feed gives no readable date. */
  published: string | null;
  author: string | null;
  categories: string[];
  /** Plain text, whitespace collapsed, at most SUMMARY_MAX_CHARS. */
  summary: string;
  /** Full HTML content when the feed carries it (content:encoded, Atom content). */
  content?: string;
}

/** A parsed feed. */
export interface ParsedFeed {
  format: FeedFormat;
  title: string;
  /** The site the feed belongs to, when it says. */
  link: string | null;
  items: FeedItem[];
  /** Items dropped because they had no usable http(s) link. */
  skipped: number;
  /** What was read with an assumption or dropped (unreadable or impossible dates…), per entry. */
  notes: string[];
}

/** Only this much of an entry's summary HTML is turned into text (it is cut to SUMMARY_MAX_CHARS after). */
const SUMMARY_SOURCE_MAX_CHARS = 8 * SUMMARY_MAX_CHARS;
/** Only the start of a body is looked at to tell JSON from XML. */
const SNIFF_CHARS = 1_024;

/** An absolute http(s) URL, or null. */
function httpLink(url: string | null): string | null {
  if (!url) return null;
  try {
    return parseHttpUrl(url).href;
  } catch (error) {
    if (error instanceof InvalidUrlError || error instanceof TypeError) return null;
    throw error;
  }
}

function toItem(entry: RawEntry): FeedItem | null {
  const link = httpLink(entry.link);
  if (!link) return null;
  return {
    link,
    guid: entry.guid ?? link,
    title: entry.title,
    published: entry.published,
    author: entry.author,
    categories: entry.categories,
    summary: htmlToText(entry.summaryHtml.slice(0, SUMMARY_SOURCE_MAX_CHARS)).slice(0, SUMMARY_MAX_CHARS),
    ...(entry.content ? { content: entry.content } : {}),
  };
}

function readJson(body: string, feedUrl: string): RawFeed {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw new FeedParseError(`feed ${feedUrl} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isJsonFeed(data))
    throw new FeedParseError(`feed ${feedUrl} is JSON but not a JSON Feed (no jsonfeed.org version)`);
  return readJsonFeed(data, feedUrl);
}

/** Reads the document into entries, or throws FeedParseError saying why it is not a feed. */
export function readFeed(body: string, feedUrl: string): RawFeed {
  const text = body.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new FeedParseError(`feed ${feedUrl} is empty`);
  if (text.slice(0, SNIFF_CHARS).trimStart().startsWith('{')) return readJson(text, feedUrl);
  const collector = new EntryCollector();
  const document = readXml(text, feedUrl, collector.take);
  const feed = readXmlFeed(document, collector);
  if (feed) return feed;
  const root = childElements(document)[0];
  if (!root) throw new FeedParseError(`feed ${feedUrl} is not well-formed XML: no root element`);
  if (root.local === 'html') throw new FeedParseError(`feed ${feedUrl} is an HTML page, not RSS or Atom`);
  throw new FeedParseError(`feed ${feedUrl} is XML but not RSS, Atom or RDF (its root is <${root.name}>)`);
}

/** Parses an already-read document: keeps items with an http(s) link. */
export function parseFeedSync(body: string, feedUrl: string): ParsedFeed {
  const raw = readFeed(body, feedUrl);
  const items: FeedItem[] = [];
  let skipped = 0;
  for (const entry of raw.entries) {
    const item = toItem(entry);
    if (item) items.push(item);
    else skipped++;
  }
  return { format: raw.format, title: raw.title, link: httpLink(raw.link), items, skipped, notes: raw.notes };
}

/**
 * Parses a feed body fetched from `feedUrl` (the base for relative links). Rejects with
 * FeedParseError naming the feed and the reason: empty body, an HTML page, JSON that is not a
 * JSON Feed, XML that is not RSS/Atom/RDF, or a DOCTYPE whose entities would expand.
 */
export function parseFeed(body: string, feedUrl: string): Promise<ParsedFeed> {
  try {
    return Promise.resolve(parseFeedSync(body, feedUrl));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

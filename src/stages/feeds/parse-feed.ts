/**
 * Parses RSS 2.0, Atom and RSS 1.0 (RDF) into Parley's feed items, with absolute links,
 * ISO dates and plain-text summaries. Anything that is not a feed fails with FeedParseError.
 */
import * as cheerio from 'cheerio';
import Parser from 'rss-parser';
import { InvalidUrlError } from '../../shared/errors/index.js';
import { parseHttpUrl } from '../../shared/identity.js';
import { FeedParseError } from './errors/feed-parse-error.js';
import { isoDate } from '../../shared/iso-date.js';

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
  title: string;
  /** The site the feed belongs to, when it says. */
  link: string | null;
  items: FeedItem[];
  /** Items dropped because they had no usable http(s) link. */
  skipped: number;
}

type RawItem = Parser.Item & Record<string, unknown>;

const parser = new Parser<Record<string, unknown>, RawItem>({
  customFields: { item: [['dc:creator', 'dcCreator'], ['category', 'rawCategories', { keepArray: true }], ['summary', 'summary']] },
});

const HTML_DOCUMENT = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)\b/i;
const WHITESPACE = /\s+/g;
const HTTP_URL = /^https?:\/\//i;
const NOT_RSS = /not recognized as RSS/i;

/** Turns an HTML fragment (or plain text) into collapsed plain text. */
function plainText(html: string | undefined): string {
  if (!html) return '';
  const text = html.includes('<') ? cheerio.load(html, null, false).text() : html;
  return text.replace(WHITESPACE, ' ').trim();
}

function asString(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object') {
    const record = value as { _?: unknown; name?: unknown; $?: { term?: unknown } };
    return asString(record._ ?? record.name ?? record.$?.term);
  }
  return null;
}

function categoriesOf(item: RawItem): string[] {
  const raw = [...((item.rawCategories as unknown[] | undefined) ?? []), ...(item.categories ?? [])];
  const names = raw.map(asString).filter((c): c is string => c !== null);
  return [...new Set(names)];
}

/** An absolute http(s) URL for `candidate` relative to `base`, or null. */
function absoluteLink(candidate: unknown, base: string): string | null {
  const text = asString(candidate);
  if (!text) return null;
  try {
    return parseHttpUrl(new URL(text, base).href).href;
  } catch (error) {
    if (error instanceof InvalidUrlError || error instanceof TypeError) return null;
    throw error;
  }
}

function toItem(item: RawItem, feedUrl: string): FeedItem | null {
  const guid = asString(item.guid) ?? asString(item.id);
  const link = absoluteLink(item.link, feedUrl) ?? (guid && HTTP_URL.test(guid) ? absoluteLink(guid, feedUrl) : null);
  if (!link) return null;
  const encoded = asString(item['content:encoded']);
  const isAtomSummary = typeof item.summary === 'string';
  const content = encoded ?? (isAtomSummary ? asString(item.content) : null);
  const summarySource = isAtomSummary ? (item.summary as string) : (item.content ?? encoded ?? '');
  const published = item.isoDate ?? isoDate(item.pubDate) ?? null;
  return {
    link,
    guid: guid ?? link,
    title: plainText(item.title),
    published,
    author: asString(item.creator) ?? asString(item.dcCreator) ?? asString(item.author),
    categories: categoriesOf(item),
    summary: plainText(summarySource).slice(0, SUMMARY_MAX_CHARS),
    ...(content ? { content } : {}),
  };
}

/**
 * Parses a feed body fetched from `feedUrl` (the base for relative links). Throws
 * FeedParseError naming the feed and the reason: empty body, an HTML page, broken XML, or an
 * XML document that is not RSS/Atom/RDF.
 */
export async function parseFeed(body: string, feedUrl: string): Promise<ParsedFeed> {
  if (body.trim() === '') throw new FeedParseError(`feed ${feedUrl} is empty`);
  if (HTML_DOCUMENT.test(body.slice(0, 4_096))) throw new FeedParseError(`feed ${feedUrl} is an HTML page, not RSS or Atom`);
  let raw: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    raw = await parser.parseString(body);
  } catch (error) {
    const reason = (error as Error).message.replace(WHITESPACE, ' ').trim();
    const what = NOT_RSS.test(reason) ? 'is XML but not RSS, Atom or RDF' : `is not well-formed XML: ${reason}`;
    throw new FeedParseError(`feed ${feedUrl} ${what}`);
  }
  const items: FeedItem[] = [];
  let skipped = 0;
  for (const rawItem of raw.items ?? []) {
    const item = toItem(rawItem, feedUrl);
    if (item) items.push(item);
    else skipped++;
  }
  return { title: plainText(raw.title), link: absoluteLink(raw.link, feedUrl), items, skipped };
}

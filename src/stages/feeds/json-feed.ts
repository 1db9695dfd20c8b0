/**
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1): items with url (else external_url,
 * else an http(s) id), title, date_published (else date_modified), authors (1.1) or author (1.0),
 * tags, summary and content_html/content_text. A field of the wrong type is left empty.
 */
import { resolveUrl } from '../../shared/resolve-url.js';
import { readFeedDate } from '../web-dates/web-dates.js';
import type { RawEntry, RawFeed } from './feed-entries.js';
import { collapse } from './feed-text.js';

const VERSION = /^https?:\/\/jsonfeed\.org\/version\/1(?:\.\d+)?\/?$/;
const HTTP_URL = /^https?:\/\//i;

type Json = Record<string, unknown>;

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function record(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

/** Whether parsed JSON is a JSON Feed (it says so in `version`). */
export function isJsonFeed(data: unknown): boolean {
  const version = str(record(data)?.version);
  return version !== null && VERSION.test(version);
}

function readItem(item: Json, base: string, notes: string[], where: string): RawEntry {
  const id = str(item.id) ?? (typeof item.id === 'number' ? String(item.id) : null);
  const link =
    resolveUrl(str(item.url), base) ??
    resolveUrl(str(item.external_url), base) ??
    (id && HTTP_URL.test(id) ? resolveUrl(id, base) : null);
  let published: string | null = null;
  for (const key of ['date_published', 'date_modified']) {
    const reading = readFeedDate(str(item[key]));
    if (reading.note) notes.push(`${where}: ${key} ${reading.note}`);
    if ((published = reading.iso)) break;
  }
  const authors = Array.isArray(item.authors) ? item.authors : item.author ? [item.author] : [];
  const author = authors.map((a) => str(record(a)?.name)).find((n) => n !== null) ?? null;
  const tags = Array.isArray(item.tags) ? item.tags.map(str).filter((t): t is string => t !== null) : [];
  const content = str(item.content_html) ?? str(item.content_text);
  return {
    title: collapse(str(item.title) ?? ''),
    link,
    guid: id,
    published,
    author,
    categories: [...new Set(tags)],
    summaryHtml: str(item.summary) ?? content ?? '',
    content,
  };
}

/** The entries of a JSON Feed document (already checked with isJsonFeed). */
export function readJsonFeed(data: unknown, feedUrl: string): RawFeed {
  const feed = record(data)!;
  const notes: string[] = [];
  const items = Array.isArray(feed.items) ? feed.items : [];
  if (!Array.isArray(feed.items)) notes.push('JSON Feed without an items array');
  const entries: RawEntry[] = [];
  items.forEach((item, i) => {
    const fields = record(item);
    if (fields) entries.push(readItem(fields, feedUrl, notes, `item ${i + 1}`));
    else notes.push(`item ${i + 1} is not an object, skipped`);
  });
  return {
    format: 'json',
    title: collapse(str(feed.title) ?? ''),
    link: resolveUrl(str(feed.home_page_url), feedUrl),
    entries,
    notes,
  };
}

/**
 * Which Content-Types each kind of fetch accepts, and the Accept header it sends.
 */
import { FetchErrorCode, fetchError } from './fetch-errors.js';

/** What the caller expects: an article page, a feed, a sitemap (XML, text or gzip), or anything (robots.txt). */
export type AcceptKind = 'html' | 'feed' | 'sitemap' | 'any';

/** Accept headers per kind, preferring what we can use. */
export const ACCEPT_HEADER: Readonly<Record<AcceptKind, string>> = {
  html: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
  feed: 'application/rss+xml,application/atom+xml,application/feed+json,application/rdf+xml;q=0.9,application/xml;q=0.8,text/xml;q=0.8,*/*;q=0.1',
  sitemap: 'application/xml,text/xml;q=0.9,application/gzip;q=0.8,application/x-gzip;q=0.8,text/plain;q=0.5,*/*;q=0.1',
  any: '*/*',
};

/** Types no sitemap (XML, plain text, or a gzip file of either) is served as. */
const NOT_A_SITEMAP = /^(image|audio|video|font)\/|^application\/(pdf|json|[\w.+-]+\+json|zip|msword|vnd\.)/;

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** Types no RSS/Atom/RDF document is served as. Feeds are often mislabelled (text/html, text/plain,
 * octet-stream), so only clearly different kinds are turned away before parsing. JSON Feed has its
 * own type (application/feed+json); plain application/json is an API answer. */
const NOT_A_FEED =
  /^(image|audio|video|font)\/|^application\/(pdf|json|(?!feed\+json)[\w.+-]+\+json|zip|gzip|msword|vnd\.)/;

const MARKUP_START = /^\s*</;

/** Types feeds are served as: a page fetch of one says how to read it as a feed instead. */
const FEED_TYPES = /^(?:application\/(?:rss|atom|rdf|feed)\+(?:xml|json)|application\/xml|text\/xml)$/;

function feedHint(type: string, url: string): string {
  if (!FEED_TYPES.test(type)) return '';
  const certain = !/^(?:application|text)\/xml$/.test(type);
  return ` (${certain ? 'a feed' : 'if it is a feed'}: npm run enqueue -- --feed ${url}, or npm run feeds -- add ${url})`;
}
const LEADING_BOM = /^\xEF\xBB\xBF|^\xFF\xFE|^\xFE\xFF/;
/** Bytes looked at to judge an unlabelled body. */
const SNIFF_BYTES = 1_024;

/**
 * For a response without Content-Type: throws a not-html error when an article body is clearly not
 * markup (binary, or text that does not start with a tag).
 */
export function checkUnlabelledBody(
  kind: AcceptKind,
  contentType: string | undefined,
  bytes: Buffer,
  url: string,
): void {
  if (kind !== 'html' || mediaType(contentType) !== '') return;
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0) || !MARKUP_START.test(head.toString('latin1').replace(LEADING_BOM, ''))) {
    throw fetchError(FetchErrorCode.NotHtml, `${url} is not an HTML page: no Content-Type and the body is not markup`);
  }
}

/** Binary data bytes (WHATWG MIME Sniffing) allowed in the first SNIFF_BYTES of a page: random or
 * compressed data has about 27 in every 256, over a hundred in a kilobyte; a text page with stray
 * control characters has a handful. */
const MAX_BINARY_BYTES = 8;

/** A byte that never occurs in text: a control character other than tab, line breaks, form feed and escape. */
function isBinaryByte(byte: number): boolean {
  return byte <= 0x08 || byte === 0x0b || (byte >= 0x0e && byte <= 0x1a) || (byte >= 0x1c && byte <= 0x1f);
}

/**
 * Throws a not-html error when an article body, whatever its Content-Type says, is binary (an image, an
 * archive, random bytes). UTF-16 bodies, whose NUL bytes are part of the text, are not judged.
 */
export function checkBinaryBody(kind: AcceptKind, charset: string, bytes: Buffer, url: string): void {
  if (kind !== 'html' || charset.startsWith('utf-16')) return;
  const head = bytes.subarray(0, SNIFF_BYTES);
  let binary = 0;
  for (const byte of head) if (isBinaryByte(byte)) binary++;
  if (binary > MAX_BINARY_BYTES) {
    throw fetchError(
      FetchErrorCode.NotHtml,
      `${url} is not an HTML page: the body is binary (${binary} of its first ${head.length} bytes are not text)`,
    );
  }
}

/** The media type of a Content-Type value, lower-cased, without parameters ('' when absent). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Throws not-html / not-feed errors when `contentType` cannot be what `kind` needs. A missing
 * Content-Type is let through: the parser downstream judges the body.
 */
export function checkContentType(kind: AcceptKind, contentType: string | undefined, url: string): void {
  const type = mediaType(contentType);
  if (type === '' || kind === 'any') return;
  if (kind === 'html' && !HTML_TYPES.has(type))
    throw fetchError(FetchErrorCode.NotHtml, `${url} is not an HTML page: ${type}${feedHint(type, url)}`);
  if (kind === 'feed' && NOT_A_FEED.test(type))
    throw fetchError(FetchErrorCode.NotFeed, `${url} is not a feed: ${type}`);
  if (kind === 'sitemap' && NOT_A_SITEMAP.test(type))
    throw fetchError(FetchErrorCode.NotFeed, `${url} is not a sitemap: ${type}`);
}

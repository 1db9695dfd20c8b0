/**
 * Which Content-Types each kind of fetch accepts, and the Accept header it sends.
 */
import { NotFeedError, NotHtmlError } from './errors/index.js';

/** What the caller expects: an article page, a feed, or anything (robots.txt). */
export type AcceptKind = 'html' | 'feed' | 'any';

/** Accept headers per kind, preferring what we can use. */
export const ACCEPT_HEADER: Readonly<Record<AcceptKind, string>> = {
  html: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
  feed: 'application/rss+xml,application/atom+xml,application/rdf+xml;q=0.9,application/xml;q=0.8,text/xml;q=0.8,*/*;q=0.1',
  any: '*/*',
};

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** Types no RSS/Atom/RDF document is served as. Feeds are often mislabelled (text/html, text/plain,
 * octet-stream), so only clearly different kinds are turned away before parsing. */
const NOT_A_FEED = /^(image|audio|video|font)\/|^application\/(pdf|json|[\w.+-]+\+json|zip|gzip|msword|vnd\.)/;

const MARKUP_START = /^\s*</;
const LEADING_BOM = /^\xEF\xBB\xBF|^\xFF\xFE|^\xFE\xFF/;
/** Bytes looked at to judge an unlabelled body. */
const SNIFF_BYTES = 1_024;

/**
 * For a response without Content-Type: throws NotHtmlError when an article body is clearly not
 * markup (binary, or text that does not start with a tag).
 */
export function checkUnlabelledBody(kind: AcceptKind, contentType: string | undefined, bytes: Buffer, url: string): void {
  if (kind !== 'html' || mediaType(contentType) !== '') return;
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0) || !MARKUP_START.test(head.toString('latin1').replace(LEADING_BOM, ''))) {
    throw new NotHtmlError(`${url} is not an HTML page: no Content-Type and the body is not markup`);
  }
}

/** The media type of a Content-Type value, lower-cased, without parameters ('' when absent). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Throws NotHtmlError / NotFeedError when `contentType` cannot be what `kind` needs. A missing
 * Content-Type is let through: the parser downstream judges the body.
 */
export function checkContentType(kind: AcceptKind, contentType: string | undefined, url: string): void {
  const type = mediaType(contentType);
  if (type === '' || kind === 'any') return;
  if (kind === 'html' && !HTML_TYPES.has(type)) throw new NotHtmlError(`${url} is not an HTML page: ${type}`);
  if (kind === 'feed' && NOT_A_FEED.test(type)) throw new NotFeedError(`${url} is not a feed: ${type}`);
}

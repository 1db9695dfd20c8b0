/**
 * One sitemap document (sitemaps.org 0.9, Google News sitemaps, plain-text URL lists) read into its
 * entries: the pages of a `<urlset>`, or the child sitemaps of a `<sitemapindex>`. A streaming pass
 * over htmlparser2's XML tokenizer, which never throws on broken markup: the entries read before the
 * damage are kept. At most MAX_ENTRIES_PER_DOCUMENT entries are kept; the rest are counted.
 */
import { Parser } from 'htmlparser2';
import { resolveUrl } from '../../shared/resolve-url.js';
import { readFeedDate } from '../web-dates/web-dates.js';

/** The protocol's own limit per file (sitemaps.org: 50,000 URLs); more than this is not a sitemap we follow. */
export const MAX_ENTRIES_PER_DOCUMENT = 50_000;

/** One page a sitemap lists. Dates are ISO 8601 UTC. */
export interface SitemapUrl {
  loc: string;
  lastmod: string | null;
  /** Google News: `<news:publication_date>`. */
  published: string | null;
  /** Google News: `<news:title>`. */
  title: string | null;
  /** Google News: `<news:language>` of the publication. */
  language: string | null;
}

/** One child sitemap of an index. */
export interface ChildSitemap {
  loc: string;
  lastmod: string | null;
}

export interface ParsedSitemap {
  kind: 'urlset' | 'index' | 'text';
  urls: SitemapUrl[];
  sitemaps: ChildSitemap[];
  /** Entries past MAX_ENTRIES_PER_DOCUMENT, not kept. */
  dropped: number;
}

/** Thrown when a document is neither an XML sitemap nor a list of URLs. */
export class NotASitemapError extends Error {
  override name = 'NotASitemapError';
}

function isoOrNull(raw: string): string | null {
  return readFeedDate(raw).iso;
}

/** The local part of a (possibly prefixed) element name, lower-cased. */
function local(name: string): string {
  return name.slice(name.indexOf(':') + 1).toLowerCase();
}

/** True when `body` starts, after a prolog, with `<urlset` or `<sitemapindex` (any prefix). */
export function looksLikeSitemap(body: string): boolean {
  const head = body.slice(0, 4_096).replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, '');
  return /^\s*<(?:[\w.-]+:)?(?:urlset|sitemapindex)\b/i.test(head.replace(/^\uFEFF/, ''));
}

/** A plain-text sitemap: one absolute http(s) URL a line (sitemaps.org "text file" format). */
function parseText(body: string, baseUrl: string): ParsedSitemap | null {
  const lines = body
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0 || !lines.every((l) => /^https?:\/\/\S+$/i.test(l))) return null;
  const urls: SitemapUrl[] = [];
  for (const line of lines.slice(0, MAX_ENTRIES_PER_DOCUMENT)) {
    const loc = resolveUrl(line, baseUrl);
    if (loc) urls.push({ loc, lastmod: null, published: null, title: null, language: null });
  }
  return { kind: 'text', urls, sitemaps: [], dropped: Math.max(0, lines.length - MAX_ENTRIES_PER_DOCUMENT) };
}

/**
 * Reads a sitemap document fetched from `url`. Throws NotASitemapError when the root element is
 * neither `urlset` nor `sitemapindex` and the body is not a list of URLs.
 */
export function parseSitemap(body: string, url: string): ParsedSitemap {
  if (!looksLikeSitemap(body)) {
    const text = parseText(body, url);
    if (text) return text;
    throw new NotASitemapError(`${url} is not a sitemap: no <urlset> or <sitemapindex> root element`);
  }
  const result: ParsedSitemap = { kind: 'urlset', urls: [], sitemaps: [], dropped: 0 };
  const stack: string[] = [];
  let text = '';
  let entry: Record<string, string> | null = null;
  let rootSeen = false;
  let ended = false;
  const parser = new Parser(
    {
      onopentag(name) {
        const tag = local(name);
        if (!rootSeen) {
          rootSeen = true;
          if (tag === 'sitemapindex') result.kind = 'index';
        }
        // An entry never contains another: a new one closes the open one (a misspelt `</url>`).
        if ((tag === 'url' || tag === 'sitemap') && entry && stack.length >= 2) {
          finish(stack[1]!, entry);
          stack.length = 1;
        }
        stack.push(tag);
        text = '';
        if ((tag === 'url' || tag === 'sitemap') && stack.length === 2) entry = {};
      },
      ontext(chunk) {
        if (text.length < 4_096) text += chunk; // a runaway text node costs nothing past what any field needs
      },
      onclosetag(name) {
        if (ended) return; // closed by the end of a truncated document: its text may be cut
        const tag = local(name);
        const at = stack.lastIndexOf(tag);
        if (at < 0) return; // a stray end tag
        stack.length = at;
        if (entry && stack.length >= 2) {
          // A field of the entry: loc and lastmod by name, deeper ones (news:title) as parent/name.
          const key = stack.length === 2 ? tag : `${stack[stack.length - 1]}/${tag}`;
          if (!(key in entry)) entry[key] = text.trim();
        } else if (entry && stack.length === 1 && (tag === 'url' || tag === 'sitemap')) {
          finish(tag, entry);
          entry = null;
        }
        text = '';
      },
    },
    { xmlMode: true, decodeEntities: true },
  );

  function finish(tag: string, fields: Record<string, string>): void {
    const loc = resolveUrl(fields.loc, url);
    if (!loc) return;
    if (result.urls.length + result.sitemaps.length >= MAX_ENTRIES_PER_DOCUMENT) {
      result.dropped++;
      return;
    }
    const lastmod = fields.lastmod ? isoOrNull(fields.lastmod) : null;
    if (tag === 'sitemap' && result.kind === 'index') result.sitemaps.push({ loc, lastmod });
    else if (tag === 'url' && result.kind === 'urlset') {
      const published = fields['news/publication_date'];
      result.urls.push({
        loc,
        lastmod,
        published: published ? isoOrNull(published) : null,
        title: fields['news/title'] || null,
        language: fields['publication/language'] || null,
      });
    }
  }

  parser.write(body);
  ended = true;
  parser.end();
  // A truncated document: the entry open at the cut is kept when its <loc> was read whole.
  if (entry && stack.length >= 1) finish(result.kind === 'index' ? 'sitemap' : 'url', entry);
  return result;
}

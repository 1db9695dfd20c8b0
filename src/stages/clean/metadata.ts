/**
 * Article metadata from a parsed page. Each field is taken from the most trusted source that has
 * it, in this order:
 *
 *   1. JSON-LD (schema.org Article / NewsArticle / BlogPosting ..., including inside `@graph`)
 *   2. OpenGraph and `article:*` properties (`og:title`, `article:published_time` ...)
 *   3. Other meta tags and links (`<meta name="author">`, `<link rel="canonical">`, `<html lang>`,
 *      `itemprop` microdata, Dublin Core, Parse.ly / Sailthru dates)
 *   4. The first `<time datetime>` element
 *   5. A byline in the article text ("By Jane Roe"), for authors only
 *
 * Dates are ISO 8601; the time zone is kept when the page gives one, and left out when it does not.
 */
import type { CheerioAPI } from 'cheerio';

/** What the page says about its article. */
export interface ArticleMetadata {
  title?: string;
  authors: string[];
  /** ISO 8601, with the page's zone offset when it gives one. */
  published?: string;
  modified?: string;
  siteName?: string;
  canonicalUrl?: string;
  language?: string;
  description?: string;
  image?: string;
}

/** JSON-LD object, as parsed. */
type JsonObject = Record<string, unknown>;

const ARTICLE_TYPE_RE = /Article$|BlogPosting|^Report$|LiveBlogPosting|^Posting$|^Review$|^Recipe$|^WebPage$/;
/** More specific types win over a generic WebPage when a page declares both. */
const WEBPAGE_TYPE_RE = /^WebPage$/;
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const ZONE_HINT_RE = /\b(?:GMT|UTC|Z)\b|[+-]\d{2}:?\d{2}\s*$/i;
const BYLINE_NAME_RE = /^by\s+(.{2,80}?)(?:\s*[,|•·]\s*|\s+(?:on|updated|published)\s+|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\s*$)/i;
const URL_LIKE_RE = /^https?:\/\//i;
const AUTHOR_SPLIT_RE = /\s*(?:,|\band\b|&)\s*/;

function str(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const t = value.replace(/\s+/g, ' ').trim();
    return t === '' ? undefined : t;
  }
  if (typeof value === 'number') return String(value);
  return undefined;
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function typesOf(obj: JsonObject): string[] {
  const t = obj['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

/** All objects in the page's JSON-LD blocks, `@graph` and nested arrays flattened. */
export function jsonLdObjects($: CheerioAPI): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 4 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as JsonObject;
    out.push(o);
    if (o['@graph'] !== undefined) visit(o['@graph'], depth + 1);
    if (o['mainEntity'] !== undefined) visit(o['mainEntity'], depth + 1);
  };
  $('script[type="application/ld+json"]').each((_, el) => {
    const raw = $(el).text().trim();
    try {
      visit(JSON.parse(raw.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '')), 0);
    } catch {
      // A broken JSON-LD block is common and says nothing: the other sources still apply.
    }
  });
  return out;
}

/** The JSON-LD object describing the article, if the page has one. */
export function articleJsonLd(objects: readonly JsonObject[]): JsonObject | undefined {
  const articles = objects.filter((o) => typesOf(o).some((t) => ARTICLE_TYPE_RE.test(t)));
  return articles.find((o) => !typesOf(o).every((t) => WEBPAGE_TYPE_RE.test(t))) ?? articles[0];
}

function names(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const v of list) {
    const name = typeof v === 'object' && v !== null ? str((v as JsonObject)['name']) : str(v);
    if (name !== undefined && !URL_LIKE_RE.test(name)) out.push(name);
  }
  return out;
}

function imageUrl(value: unknown): string | undefined {
  const v = firstOf(value);
  if (typeof v === 'object' && v !== null) return str((v as JsonObject)['url']) ?? str((v as JsonObject)['contentUrl']);
  return str(v);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A page date as ISO 8601: zone kept when given, omitted when not; undefined when unreadable. */
export function normalizeDate(value: string | undefined): string | undefined {
  const s = value?.trim();
  if (!s) return undefined;
  const m = ISO_DATE_RE.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, zone] = m;
    if (h === undefined) return `${y}-${mo}-${d}`;
    let z = zone ?? '';
    if (/^[+-]\d{2}$/.test(z)) z += ':00';
    else if (/^[+-]\d{4}$/.test(z)) z = `${z.slice(0, 3)}:${z.slice(3)}`;
    return `${y}-${mo}-${d}T${h}:${mi}:${sec ?? '00'}${z.toUpperCase()}`;
  }
  const t = Date.parse(s);
  if (Number.isNaN(t)) return undefined;
  const date = new Date(t);
  if (ZONE_HINT_RE.test(s)) return date.toISOString().replace('.000Z', 'Z');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return /\d:\d/.test(s) ? `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` : day;
}

/** The authors named by a byline line such as "By Jane Roe and John Doe, Staff Writers". */
export function authorsFromByline(line: string): string[] {
  const m = BYLINE_NAME_RE.exec(line.trim());
  if (!m?.[1]) return [];
  return m[1]
    .split(AUTHOR_SPLIT_RE)
    .map((s) => s.trim())
    .filter((s) => s.length > 1 && /^\p{Lu}/u.test(s));
}

/**
 * Collects the page's metadata (see the module comment for the order of trust).
 *
 * @param $ the parsed page
 * @param jsonLd the page's JSON-LD objects (from {@link jsonLdObjects})
 * @param bylineLine a byline found in the article text, used for authors when nothing else names them
 */
export function extractMetadata($: CheerioAPI, jsonLd: readonly JsonObject[], bylineLine?: string): ArticleMetadata {
  const art = articleJsonLd(jsonLd) ?? {};
  const meta = (sel: string): string | undefined => {
    let found: string | undefined;
    $(sel).each((_, el) => {
      found ??= str($(el).attr('content'));
    });
    return found;
  };
  const prop = (name: string): string | undefined => meta(`meta[property="${name}"], meta[name="${name}"]`);
  const publisher = firstOf(art['publisher']);

  const ldAuthors = names(art['author']);
  const metaAuthors = [prop('article:author'), meta('meta[name="author"]'), meta('meta[name="parsely-author"]'), meta('meta[name="sailthru.author"]')]
    .filter((a): a is string => a !== undefined && !URL_LIKE_RE.test(a))
    .slice(0, 1);
  const itemAuthors = $('[itemprop="author"]')
    .toArray()
    .map((el) => str($(el).find('[itemprop="name"]').first().text()) ?? str($(el).attr('content')) ?? str($(el).text()))
    .filter((a): a is string => a !== undefined && a.length < 80);
  const authors = ldAuthors.length > 0 ? ldAuthors : metaAuthors.length > 0 ? metaAuthors : itemAuthors.length > 0 ? itemAuthors : bylineLine ? authorsFromByline(bylineLine) : [];

  const timeEl = $('time[datetime]').first().attr('datetime');
  const published = normalizeDate(
    str(art['datePublished']) ??
      prop('article:published_time') ??
      prop('og:published_time') ??
      meta('meta[itemprop="datePublished"], [itemprop="datePublished"][content]') ??
      meta('meta[name="pubdate"], meta[name="publishdate"], meta[name="publish-date"], meta[name="date"], meta[name="DC.date.issued"], meta[name="dc.date"], meta[name="parsely-pub-date"], meta[name="sailthru.date"], meta[name="article.published"]') ??
      str($('[itemprop="datePublished"][datetime]').attr('datetime')) ??
      str(timeEl),
  );
  const modified = normalizeDate(
    str(art['dateModified']) ?? prop('article:modified_time') ?? prop('og:updated_time') ?? meta('meta[itemprop="dateModified"]'),
  );
  const language =
    str(art['inLanguage']) ?? prop('og:locale')?.replace('_', '-') ?? str($('html').attr('lang')) ?? meta('meta[http-equiv="content-language" i]');

  const result: ArticleMetadata = {
    title: str(art['headline']) ?? str(art['name']) ?? prop('og:title') ?? prop('twitter:title') ?? str($('title').first().text()),
    authors: [...new Set(authors)],
    published,
    modified,
    siteName:
      (typeof publisher === 'object' && publisher !== null ? str((publisher as JsonObject)['name']) : undefined) ??
      prop('og:site_name') ??
      meta('meta[name="application-name"]'),
    canonicalUrl: prop('og:url') ?? str($('link[rel="canonical"]').attr('href')) ?? str(art['url']),
    language,
    description: str(art['description']) ?? prop('og:description') ?? meta('meta[name="description"]'),
    image: imageUrl(art['image']) ?? prop('og:image') ?? prop('twitter:image'),
  };
  // JSON-LD is most trusted, but canonical links beat JSON-LD `url` which often points to an AMP copy.
  const canonical = str($('link[rel="canonical"]').attr('href'));
  if (canonical !== undefined) result.canonicalUrl = canonical;
  for (const k of Object.keys(result) as (keyof ArticleMetadata)[]) if (result[k] === undefined) delete result[k];
  return result;
}

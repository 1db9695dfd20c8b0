/**
 * Article metadata from a parsed page. Each field is taken from the most trusted source that has
 * it, in this order:
 *
 *   1. JSON-LD (schema.org Article / NewsArticle / BlogPosting ..., including inside `@graph`)
 *   2. OpenGraph and `article:*` properties (`og:title`, `article:published_time` ...)
 *   3. Other meta tags and links (`<meta name="author">`, `<link rel="canonical">`, `<html lang>`,
 *      `itemprop` microdata, Dublin Core, Parse.ly / Sailthru dates)
 *   4. The first `<time datetime>` element
 *   (one exception: `canonicalUrl` trusts `<link rel="canonical">` first, as JSON-LD `url` often names an AMP copy)
 *   5. A byline in the article text ("By Jane Roe"), for authors only
 *
 * Dates are ISO 8601; the time zone is kept when the page gives one, and left out when it does not.
 */
import type { AnyNode, Element } from 'domhandler';
import { textContent } from './dom-blocks.js';
import { decodeEntities } from './entities.js';
import { BYLINE_LEAD_RE } from './vocabulary.js';
import { normalizeSpaces } from './whitespace.js';

/** What the page says about its article, as found (mergeMetadata turns it into the article's ArticleMeta). */
export interface PageMetadata {
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
const ISO_DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const ZONE_HINT_RE = /\b(?:GMT|UTC|Z)\b|[+-]\d{2}:?\d{2}\s*$/i;
const BYLINE_NAME_RE =
  /^by\s+(.{2,80}?)(?:\s*[,|•·]\s*|\s+[-–—]\s+|\s+\d|\s+(?:on|updated|published)\s+|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\s*$)/i;
const URL_LIKE_RE = /^https?:\/\//i;
/** Longer "author" texts are bios or bylines with more than a name. */
const MAX_AUTHOR_CHARS = 80;
const LD_JSON_TYPE_RE = /ld\+json/i;
const BY_PREFIX_RE = /^by\s+/i;
const OUTLET_SEPARATOR_RE = /\s+[|/]\s+/;
/** Words of a job title or an outlet after a comma in an author field. */
const ROLE_OR_OUTLET_RE =
  /writer|editor|correspondent|reporter|staff|columnist|contributor|producer|analyst|\.com|news|media|press|times|post|journal|magazine|agency/i;
const TRUNCATION_RE = /\s*(?:\.{3}|…|&hellip;)$/;
const AUTHOR_SPLIT_RE = /\s*(?:,|\band\b|&)\s*/;

function str(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const t = normalizeSpaces(decodeEntities(value)).replace(/\s+/g, ' ').trim();
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

/** What one walk over the page collects for metadata (each `$(selector)` would walk the whole page again). */
export interface MetaSources {
  /** First `content` of each meta tag, keyed by its lower-cased name, property, itemprop or http-equiv. */
  metas: Map<string, string>;
  /** Raw text of each `application/ld+json` script. */
  jsonLd: string[];
  canonical?: string;
  time?: string;
  title?: string;
  lang?: string;
  /** Elements marked `itemprop="author"`. */
  itemAuthors: Element[];
  /** Text of links marked `rel="author"`. */
  relAuthors: string[];
  /** Short texts of elements whose class names an author (microformats, "entry-author"), first MAX_CLASS_AUTHORS. */
  classAuthors: string[];
  /** `datetime`/`content` of the first element marked `itemprop="datePublished"`. */
  itemPublished?: string;
}

/** Gathers metadata sources element by element, so the extractor's own walk over the body can feed it. */
export class MetaCollector {
  readonly sources: MetaSources = { metas: new Map(), jsonLd: [], itemAuthors: [], relAuthors: [], classAuthors: [] };

  /** Looks at one element (not its descendants). */
  readonly visit = (n: Element): void => {
    const out = this.sources;
    const a = n.attribs;
    if (n.type === 'script') {
      if (LD_JSON_TYPE_RE.test(a['type'] ?? '')) out.jsonLd.push(textContent(n));
      return;
    }
    switch (n.name) {
      case 'meta': {
        const content = a['content'];
        if (content === undefined) break;
        for (const key of [a['property'], a['name'], a['itemprop'], a['http-equiv']]) {
          if (key !== undefined && !out.metas.has(key.toLowerCase())) out.metas.set(key.toLowerCase(), content);
        }
        break;
      }
      case 'link':
        if (a['rel']?.toLowerCase() === 'canonical' && a['href']) out.canonical ??= a['href'];
        break;
      case 'time':
        if (a['datetime']) out.time ??= a['datetime'];
        break;
      case 'title':
        out.title ??= textContent(n);
        break;
      case 'html':
        out.lang ??= a['lang'] ?? a['xml:lang'];
        break;
      case 'a':
        if (a['rel']?.toLowerCase() === 'author') {
          const name = str(textContent(n));
          if (name !== undefined && name.length < MAX_AUTHOR_CHARS) out.relAuthors.push(name);
        }
        break;
    }
    const cls = a['class'];
    if (cls !== undefined && out.classAuthors.length < MAX_CLASS_AUTHORS && AUTHOR_CLASS_RE.test(cls)) {
      const name = str(textContent(n));
      if (name !== undefined && name.length <= MAX_CLASS_AUTHOR_CHARS) out.classAuthors.push(name);
    }
    const itemprop = a['itemprop'];
    if (itemprop === 'author') out.itemAuthors.push(n);
    else if (itemprop === 'datePublished') out.itemPublished ??= a['datetime'] ?? a['content'];
  };

  /**
   * Visits every element under `root` except those under `except` (a subtree another walk visits).
   */
  walk(root: AnyNode, except?: AnyNode): void {
    const stack: AnyNode[] = [root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n === except) continue;
      if (n.type === 'tag' || n.type === 'script') this.visit(n);
      if (n.type === 'script' || n.type === 'style') continue;
      if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
}

/** Longest text of an element named "author" that can be a name (not a bio or "Posted by X on date"). */
const MAX_CLASS_AUTHOR_CHARS = 60;
const MAX_CLASS_AUTHORS = 20;
/** A name has at most this many words. */
const MAX_NAME_WORDS = 4;
/**
 * Class tokens that mark an author's name: the hAtom/hCard microformats ("author vcard", "fn",
 * "p-author h-card") and any class whose last part is "author" ("entry-author", "post_author").
 */
const AUTHOR_CLASS_RE = /(?:^|\s)(?:[\w-]*[-_])?(?:author|fn|p-author|vcard)(?:\s|$)/i;
const NAME_SHAPE_RE = /^[\p{L}][\p{L}\p{M}\d_.'’ -]*$/u;

/** The author named by a rel="author" link or an element named "author", when it reads as a name. */
function linkedOrClassAuthor(sources: MetaSources): string[] {
  for (const raw of [...sources.relAuthors, ...sources.classAuthors]) {
    const name = cleanAuthorName(raw.replace(BYLINE_LEAD_RE, ''));
    if (name === undefined || BYLINE_LEAD_RE.test(`${name} `)) continue; // a lead word alone ("By") names no one
    if (NAME_SHAPE_RE.test(name) && name.split(' ').length <= MAX_NAME_WORDS) return [name];
  }
  return [];
}

/** Collects the metadata sources of a whole page in one iterative walk. */
export function collectMetaSources(root: AnyNode): MetaSources {
  const collector = new MetaCollector();
  collector.walk(root);
  return collector.sources;
}

/** Parsed JSON-LD per page, so metadata and the articleBody hint parse it once. */
const parsedJsonLd = new WeakMap<MetaSources, JsonObject[]>();

/** All objects in the page's JSON-LD blocks, `@graph`, `mainEntity` and nested arrays flattened. */
export function jsonLdObjects(sources: MetaSources): JsonObject[] {
  const cached = parsedJsonLd.get(sources);
  if (cached !== undefined) return cached;
  const out: JsonObject[] = [];
  parsedJsonLd.set(sources, out);
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
  for (const raw of sources.jsonLd) {
    try {
      visit(JSON.parse(raw.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '')), 0);
    } catch {
      // A broken JSON-LD block is common and says nothing: the other sources still apply.
    }
  }
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
    const clean = name === undefined ? undefined : cleanAuthorName(name);
    if (clean !== undefined) out.push(clean);
  }
  return out;
}

/**
 * A person's name from an author field: without a leading "By", a trailing role or outlet
 * ("Jane Roe, AP Auto Writer", "Jane Roe | Example Media") and all-capitals; undefined for URLs.
 */
export function cleanAuthorName(raw: string): string | undefined {
  if (URL_LIKE_RE.test(raw)) return undefined;
  let name = raw.replace(BY_PREFIX_RE, '').split(OUTLET_SEPARATOR_RE)[0]!;
  const comma = name.indexOf(',');
  if (comma > 0 && ROLE_OR_OUTLET_RE.test(name.slice(comma))) name = name.slice(0, comma);
  name = name.trim();
  if (name.length > 3 && name === name.toUpperCase() && /\p{Lu}/u.test(name)) {
    name = name.toLowerCase().replace(/(^|[\s'’-])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
  }
  return name === '' ? undefined : name;
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
 * @param sources what {@link collectMetaSources} found on the page
 * @param bylineLine a byline found in the article text, used for authors when nothing else names them
 */
export function extractMetadata(sources: MetaSources, bylineLine?: string): PageMetadata {
  const art = articleJsonLd(jsonLdObjects(sources)) ?? {};
  const meta = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = str(sources.metas.get(k));
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const publisher = firstOf(art['publisher']);

  const ldAuthors = names(art['author']);
  const metaAuthorRaw = meta('article:author', 'author', 'parsely-author', 'sailthru.author', 'dc.creator');
  const metaAuthor = metaAuthorRaw === undefined ? undefined : cleanAuthorName(metaAuthorRaw);
  const itemAuthors = sources.itemAuthors
    .map((el) => str(el.attribs['content']) ?? str(textContent(findItemName(el) ?? el)))
    .map((a) => (a === undefined ? undefined : cleanAuthorName(a)))
    .filter((a): a is string => a !== undefined && a.length < MAX_AUTHOR_CHARS);
  // A meta author that merely wraps the linked author name ("Jane Roe. Example News") yields to that name.
  const relInMeta = sources.relAuthors.filter((a) => metaAuthorRaw?.includes(a) && metaAuthorRaw !== a);
  const authors =
    ldAuthors.length > 0
      ? ldAuthors
      : relInMeta.length > 0
        ? relInMeta
        : metaAuthor !== undefined && !URL_LIKE_RE.test(metaAuthor)
          ? [metaAuthor]
          : itemAuthors.length > 0
            ? itemAuthors
            : bylineLine
              ? authorsFromByline(bylineLine)
              : linkedOrClassAuthor(sources);

  const result: PageMetadata = {
    title: str(art['headline']) ?? str(art['name']) ?? meta('og:title', 'twitter:title') ?? str(sources.title),
    authors: [...new Set(authors)],
    published: normalizeDate(
      str(art['datePublished']) ??
        meta(
          'article:published_time',
          'og:published_time',
          'datepublished',
          'pubdate',
          'publishdate',
          'publish-date',
          'date',
          'dc.date.issued',
          'dc.date',
          'parsely-pub-date',
          'sailthru.date',
          'article.published',
        ) ??
        str(sources.itemPublished) ??
        str(sources.time),
    ),
    modified: normalizeDate(
      str(art['dateModified']) ?? meta('article:modified_time', 'og:updated_time', 'datemodified'),
    ),
    siteName:
      (typeof publisher === 'object' && publisher !== null ? str((publisher as JsonObject)['name']) : undefined) ??
      meta('og:site_name', 'application-name'),
    // The canonical link is the page's own statement of its address; JSON-LD `url` often points to an AMP copy.
    canonicalUrl: str(sources.canonical) ?? meta('og:url') ?? str(art['url']),
    language:
      str(art['inLanguage']) ?? meta('og:locale')?.replace('_', '-') ?? str(sources.lang) ?? meta('content-language'),
    description: untruncated(str(art['description']), meta('og:description', 'description')),
    image: imageUrl(art['image']) ?? meta('og:image', 'twitter:image'),
  };
  for (const k of Object.keys(result) as (keyof PageMetadata)[]) if (result[k] === undefined) delete result[k];
  return result;
}

/** The JSON-LD `articleBody` of the page's article, when it declares one. */
export function declaredArticleBody(sources: MetaSources): string | undefined {
  const body = articleJsonLd(jsonLdObjects(sources))?.['articleBody'];
  return typeof body === 'string' ? body : undefined;
}

/** The first value, unless it is cut short ("...", "…") and the second is its full version. */
function untruncated(first: string | undefined, second: string | undefined): string | undefined {
  if (first === undefined) return second;
  const stem = first.replace(TRUNCATION_RE, '');
  return stem !== first && second !== undefined && second.startsWith(stem) ? second : first;
}

/** The first descendant marked `itemprop="name"`. */
function findItemName(el: Element): Element | undefined {
  const stack: AnyNode[] = [...el.children];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type !== 'tag') continue;
    if (n.attribs['itemprop'] === 'name') return n;
    stack.push(...n.children);
  }
  return undefined;
}

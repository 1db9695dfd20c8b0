/**
 * Where a page states its metadata, gathered in one walk: meta tags, JSON-LD blocks, the canonical
 * link, the first <time>, the <title>, <html lang>, and the elements that microdata, rel="author"
 * or class names mark as an author. {@link MetaCollector} rides along the extractor's block walk.
 */
import type { AnyNode, Element } from 'domhandler';
import { textContent } from './dom-blocks.js';
import { decodeEntities } from './entities.js';
import { normalizeSpaces } from './whitespace.js';

/** JSON-LD object, as parsed. */
export type JsonObject = Record<string, unknown>;

const ARTICLE_TYPE_RE = /Article$|BlogPosting|^Report$|LiveBlogPosting|^Posting$|^Review$|^Recipe$|^WebPage$/;
/** More specific types win over a generic WebPage when a page declares both. */
const WEBPAGE_TYPE_RE = /^WebPage$/;
/** Longer "author" texts are bios or bylines with more than a name. */
export const MAX_AUTHOR_CHARS = 80;
const LD_JSON_TYPE_RE = /ld\+json/i;

/** A JSON or attribute value as one line of text (entities decoded, spaces collapsed); undefined when empty. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const t = normalizeSpaces(decodeEntities(value)).replace(/\s+/g, ' ').trim();
    return t === '' ? undefined : t;
  }
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function typesOf(obj: JsonObject): string[] {
  const t = obj['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

/** Longest text of an element named "author" that can be a name (not a bio or "Posted by X on date"). */
const MAX_CLASS_AUTHOR_CHARS = 60;
const MAX_CLASS_AUTHORS = 20;
/**
 * Class tokens that mark an author's name: the hAtom/hCard microformats ("author vcard", "fn",
 * "p-author h-card") and any class whose last part is "author" ("entry-author", "post_author").
 */
const AUTHOR_CLASS_RE = /(?:^|\s)(?:[\w-]*[-_])?(?:author|fn|p-author|vcard)(?:\s|$)/i;
/** Asked first: a class without these letters cannot match, and the full pattern backtracks at every space. */
const AUTHOR_CLASS_HINT_RE = /author|fn|vcard/i;

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
    if (
      cls !== undefined &&
      out.classAuthors.length < MAX_CLASS_AUTHORS &&
      AUTHOR_CLASS_HINT_RE.test(cls) &&
      AUTHOR_CLASS_RE.test(cls)
    ) {
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

/**
 * A JSON-LD value with its bare references (`{"@id": "…#/schema/person/1"}`, as `@graph` pages
 * write their author) replaced by the object of the page that bears that `@id`.
 */
export function resolveRefs(value: unknown, objects: readonly JsonObject[]): unknown {
  const resolve = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const o = v as JsonObject;
    const id = o['@id'];
    if (typeof id !== 'string' || o['name'] !== undefined) return v;
    return objects.find((x) => x !== o && x['@id'] === id && x['name'] !== undefined) ?? v;
  };
  return Array.isArray(value) ? value.map(resolve) : resolve(value);
}

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
import { authorsFromByline, cleanAuthorName, firstPersonNames, linkedOrClassAuthor, names } from './author-names.js';
import {
  articleJsonLd,
  firstOf,
  jsonLdObjects,
  MAX_AUTHOR_CHARS,
  resolveRefs,
  str,
  type JsonObject,
  type MetaSources,
} from './meta-sources.js';
import { normalizeDate, publisherDay } from './page-dates.js';

export { authorsFromByline, cleanAuthorName } from './author-names.js';
export { normalizeDate } from './page-dates.js';
export { collectMetaSources, MetaCollector, type MetaSources } from './meta-sources.js';

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

const TRUNCATION_RE = /\s*(?:\.{3}|…|&hellip;)$/;

function imageUrl(value: unknown): string | undefined {
  const v = firstOf(value);
  if (typeof v === 'object' && v !== null) return str((v as JsonObject)['url']) ?? str((v as JsonObject)['contentUrl']);
  return str(v);
}

/**
 * Collects the page's metadata (see the module comment for the order of trust).
 *
 * @param sources what {@link collectMetaSources} found on the page
 * @param bylineLine a byline found in the article text, used for authors when nothing else names them
 */
export function extractMetadata(sources: MetaSources, bylineLine?: string): PageMetadata {
  const objects = jsonLdObjects(sources);
  const art = articleJsonLd(objects) ?? {};
  const meta = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = str(sources.metas.get(k));
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const publisher = firstOf(art['publisher']);

  const ldAuthors = names(resolveRefs(art['author'], objects));
  const metaAuthorRaw = meta('article:author', 'author', 'parsely-author', 'sailthru.author', 'dc.creator');
  const metaAuthor = metaAuthorRaw === undefined ? undefined : cleanAuthorName(metaAuthorRaw);
  const itemAuthors = sources.itemAuthors
    .map((el) => str(el.attribs['content']) ?? str(textContent(findItemName(el) ?? el)))
    .map((a) => (a === undefined ? undefined : cleanAuthorName(a)))
    .filter((a): a is string => a !== undefined && a.length < MAX_AUTHOR_CHARS);
  // A meta author that merely wraps the linked author name ("Jane Roe. Example News") yields to that name.
  const relInMeta = sources.relAuthors.filter((a) => metaAuthorRaw?.includes(a) && metaAuthorRaw !== a);
  const siteName =
    (typeof publisher === 'object' && publisher !== null ? str((publisher as JsonObject)['name']) : undefined) ??
    meta('og:site_name', 'application-name');
  // Sources in order of trust; one that names only the site ("Example News", "example.com") or an
  // account ("admin") gives way to the next.
  const authors = firstPersonNames(
    [
      ldAuthors,
      relInMeta,
      metaAuthor === undefined ? [] : [metaAuthor],
      itemAuthors,
      bylineLine === undefined ? [] : authorsFromByline(bylineLine),
      linkedOrClassAuthor(sources),
    ],
    [siteName, meta('og:site_name'), meta('application-name')],
  );

  const result: PageMetadata = {
    title: str(art['headline']) ?? str(art['name']) ?? meta('og:title', 'twitter:title') ?? str(sources.title),
    authors: [...new Set(authors)],
    published: publisherDay(
      normalizeDate(
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
      [normalizeDate(str(sources.itemPublished)), normalizeDate(str(sources.time))],
    ),
    modified: normalizeDate(
      str(art['dateModified']) ?? meta('article:modified_time', 'og:updated_time', 'datemodified'),
    ),
    siteName,
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

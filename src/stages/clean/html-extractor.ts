/**
 * HTML mode of the clean stage: the article's title, text and metadata from one page.
 *
 * Steps: parse once (cheerio on htmlparser2); split the body into text blocks, skipping scripts,
 * navigation, forms, hidden and furniture-named elements; choose the article element by paragraph
 * votes ({@link chooseArticleElements}); keep its blocks minus link lists, boilerplate lines
 * (captions, credits, bylines, paywall pitches), the headline, a comment section and short
 * non-sentence lines at its edges.
 */
import { load } from 'cheerio';
import type { AnyNode } from 'domhandler';
import {
  isBylineOrDateline,
  isCommentMarker,
  isCreditOrCaption,
  isNavigationLine,
  isPromoLine,
  stripEndMarker,
  wordCount,
} from './boilerplate-lines.js';
import { chooseArticleElements } from './content-scorer.js';
import { collectBlocks, textLengths, type Block } from './dom-blocks.js';
import { extractMetadata, jsonLdObjects, type ArticleMetadata } from './metadata.js';
import { NoArticleError } from './no-article-error.js';
import { normalizeLine } from './whitespace.js';

export type { ArticleMetadata } from './metadata.js';

/** What the extractor found on a page. */
export interface ExtractedArticle {
  /** The headline. */
  title: string | undefined;
  /** Paragraphs separated by one blank line; headings and list items each on their own line. */
  text: string;
  metadata: ArticleMetadata;
}

/** Options for {@link extractArticle}. */
export interface ExtractOptions {
  /** The page's address, to resolve a relative canonical link. */
  url?: string;
}

/** Fewer words than this is not an article (an error page, a stub, a list of links). */
const MIN_ARTICLE_WORDS = 25;
/** A block more than this share of which is link text is navigation or a related-links list. */
const MAX_LINK_DENSITY = 0.5;
/** Lines at the article's edges without sentence punctuation and at most this long are furniture (kicker, date, "Share"). */
const MAX_EDGE_WORDS = 12;

const SENTENCE_END_RE = /[.!?…:]["'”’»)\]]*$/;
const TITLE_SEPARATOR_RE = /\s+[|–—·•-]\s+|\s+::\s+/;
const QUOTES_RE = /[“”«»„]/g;
const APOSTROPHES_RE = /[‘’`]/g;

function sameTextKey(text: string): string {
  return text.toLowerCase().replace(QUOTES_RE, '"').replace(APOSTROPHES_RE, "'").replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function isBoilerplateLine(line: string): boolean {
  return isNavigationLine(line) || isPromoLine(line) || isCreditOrCaption(line) || isBylineOrDateline(line);
}

/** The headline: an h1 that matches the page's declared title, else the declared title without its site suffix. */
function chooseTitle(blocks: readonly Block[], declared: string | undefined, siteName: string | undefined): string | undefined {
  const h1s = blocks.filter((b) => b.kind === 'h' && b.level === 1).map((b) => normalizeLine(b.text));
  if (declared === undefined) return h1s[0];
  const key = sameTextKey(declared);
  const match = h1s.find((h) => {
    const k = sameTextKey(h);
    return k.length > 0 && (key.includes(k) || k.includes(key));
  });
  if (match !== undefined) return match;
  const parts = declared.split(TITLE_SEPARATOR_RE);
  if (parts.length === 1) return declared;
  const site = siteName === undefined ? undefined : sameTextKey(siteName);
  const kept = parts.filter((p) => sameTextKey(p) !== site);
  return kept.reduce((a, b) => (b.length > a.length ? b : a), kept[0] ?? declared);
}

/** Keeps the article's blocks: drops link lists, boilerplate lines, the headline and the comment section. */
function articleBlocks(blocks: readonly Block[], title: string | undefined): Block[] {
  const titleKey = title === undefined ? undefined : sameTextKey(title);
  const kept: Block[] = [];
  for (const b of blocks) {
    const line = normalizeLine(b.text);
    if (b.kind === 'h' && b.level === 1) continue;
    if (titleKey !== undefined && sameTextKey(line) === titleKey) continue;
    if (kept.length > 0 && isCommentMarker(line)) break;
    if (b.linkChars / b.text.length > MAX_LINK_DENSITY) continue;
    if (b.kind === 'caption') continue;
    if (isBoilerplateLine(line) || isCommentMarker(line)) continue;
    kept.push(b);
  }
  const isEdgeFurniture = (b: Block): boolean =>
    b.kind !== 'li' && !SENTENCE_END_RE.test(b.text) && wordCount(b.text) <= MAX_EDGE_WORDS;
  while (kept.length > 0 && isEdgeFurniture(kept[0]!)) kept.shift();
  while (kept.length > 0 && isEdgeFurniture(kept[kept.length - 1]!)) kept.pop();
  return kept;
}

/** Paragraphs separated by a blank line; consecutive list items one per line. */
function formatBlocks(blocks: readonly Block[]): string {
  let out = '';
  let prev: Block | undefined;
  for (const b of blocks) {
    const lines = b.text.split('\n').map(normalizeLine).filter((l) => l !== '');
    if (lines.length === 0) continue;
    const text = lines.join(b.kind === 'li' || b.kind === 'pre' ? '\n' : '\n\n');
    if (out !== '') out += prev?.kind === 'li' && b.kind === 'li' ? '\n' : '\n\n';
    out += text;
    prev = b;
  }
  return stripEndMarker(out);
}

/** True when `inner` is a descendant of `outer`. */
function isInside(inner: AnyNode, outer: AnyNode): boolean {
  for (let n = inner.parent; n !== null; n = n.parent) if (n === outer) return true;
  return false;
}

function resolveUrl(href: string | undefined, base: string | undefined): string | undefined {
  if (href === undefined) return undefined;
  try {
    return new URL(href, base).href;
  } catch {
    return URL.canParse(href) ? href : undefined;
  }
}

/**
 * Extracts the article from a page.
 *
 * @param html the page's HTML (already decoded to a string)
 * @param options `url`: the page's address, for resolving relative links in the metadata
 * @throws NoArticleError when the page has no article text (empty, frames only, scripts only, links only)
 */
export function extractArticle(html: string, options: ExtractOptions = {}): ExtractedArticle {
  // htmlparser2 in HTML mode (cheerio switches parsers when `xml` is an object): ~10x faster than parse5.
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } });
  const jsonLd = jsonLdObjects($);
  const root: AnyNode = $('body')[0] ?? $.root()[0]!;
  const page = collectBlocks(root, textLengths(root));
  const chosen = chooseArticleElements(page);
  const selected: Block[] = [];
  for (const el of chosen) {
    const r = page.ranges.get(el);
    if (r === undefined) continue;
    for (let i = r.start; i < r.end; i++) {
      const b = page.blocks[i]!;
      if (!b.furniture.some((f) => f !== el && isInside(f, el))) selected.push(b);
    }
  }
  const declared = extractMetadata($, jsonLd);
  const title = chooseTitle(page.blocks, declared.title, declared.siteName);
  const kept = articleBlocks(selected, title);
  const text = formatBlocks(kept);
  if (wordCount(text) < MIN_ARTICLE_WORDS) {
    throw new NoArticleError(
      `no article text found: ${page.blocks.length} text blocks, best candidate holds ${wordCount(text)} words (need ${MIN_ARTICLE_WORDS})`,
    );
  }
  const byline = page.blocks.find((b) => isBylineOrDateline(normalizeLine(b.text)) && /^by\s/i.test(b.text.trim()));
  const metadata = declared.authors.length > 0 || byline === undefined ? declared : extractMetadata($, jsonLd, normalizeLine(byline.text));
  const canonical = resolveUrl(metadata.canonicalUrl, options.url);
  if (canonical !== undefined) metadata.canonicalUrl = canonical;
  if (title !== undefined) metadata.title ??= title;
  return { title, text, metadata };
}

/**
 * HTML mode of the clean stage: the article's title, text and metadata from one page.
 *
 * Steps: parse once (htmlparser2 as cheerio runs it, on a faster tokenizer: parse-page.ts); split
 * the body into text blocks, skipping scripts, navigation and hidden elements and marking furniture
 * (forms, headers, share/comment/related widgets named by class or id), while the metadata sources
 * are gathered on the same walk; choose the article element by paragraph votes, widened to
 * ancestors that add mostly prose and joined by high-scoring siblings ({@link chooseArticleParts}),
 * with the sections of the same make that a module splits off ({@link withSplitSections}); keep its
 * blocks minus furniture inside it, link lists (not linked sentences among prose items, nor linked
 * cells in rows of data), boilerplate lines (captions, labels beside pictures, credits, bylines, paywall pitches), the
 * headline, a comment section and short non-sentence lines at its edges (a heading that opens the
 * first section stays). When the page declares a JSON-LD articleBody and the result shares few of
 * its words, the element that best matches articleBody is used instead.
 */
import type { AnyNode, Element } from 'domhandler';
import {
  isBylineOrDateline,
  isCommentMarker,
  isCreditOrCaption,
  isNavigationLine,
  isPromoLine,
  stripEndMarker,
  wordCount,
} from './boilerplate-lines.js';
import { coversHint, hintWords, partMatchingHint } from './article-body-hint.js';
import { withLead } from './article-lead.js';
import { linkedTextTest } from './linked-items.js';
import { withSplitSections } from './split-sections.js';
import { chooseArticleParts, type ArticlePart } from './content-scorer.js';
import { collectBlocks, type Block, type PageBlocks } from './dom-blocks.js';
import { authorsFromByline, isSiteOrAccountName } from './author-names.js';
import { declaredArticleBody, extractMetadata, MetaCollector, type PageMetadata } from './metadata.js';
import { NoArticleError } from './no-article-error.js';
import { dateFromUrl, dateInLines } from './date-in-text.js';
import { chooseTitle } from './headline.js';
import { parsePage } from './parse-page.js';
import { isPictureLabel } from './picture-labels.js';
import { isSectionEndHeading } from './section-end.js';
import { SENTENCE_END_RE, SENTENCE_OR_LEAD_IN_END_RE, wordsKey } from './text-keys.js';

export type { PageMetadata } from './metadata.js';

/** What the extractor found on a page. */
export interface ExtractedArticle {
  /** The headline. */
  title: string | undefined;
  /** Paragraphs separated by one blank line; headings and list items each on their own line. */
  text: string;
  metadata: PageMetadata;
}

/** Options for {@link extractArticle}. */
export interface ExtractOptions {
  /** The page's address, to resolve relative canonical and image links. */
  url?: string;
}

/** Fewer words than this is not an article (an error page, a stub, a list of links). */
const MIN_ARTICLE_WORDS = 25;
/** Words are shorter than this on average, so the first MIN_ARTICLE_WORDS * this characters suffice to count enough words. */
const WORD_CHARS_BOUND = 20;
/** A block more than this share of which is link text is navigation or a related-links list. */
const MAX_LINK_DENSITY = 0.5;
/** A link-heavy block still counts as prose when this much text outside links ends in a sentence (a linked headline with its summary). */
const MIN_PROSE_BESIDE_LINKS = 80;
/** Lines at the article's edges without sentence punctuation and at most this long are furniture (kicker, date, "Share"). */
const MAX_EDGE_WORDS = 12;
/**
 * A heading at the article's top edge followed by a paragraph of at least this many characters
 * that ends like a sentence opens the article's first section: it is text, not a kicker.
 */
const MIN_PROSE_AFTER_SUBHEAD = 80;

/** An article shorter than this (words) may be a small box that won over an article the markup hides: read again, leniently. */
const SHORT_ARTICLE_WORDS = 120;
/** The lenient reading replaces the first when it finds at least this many times more words. */
const LENIENT_GAIN = 2;
/** Furniture inside the article holds less than this share of its text; a bigger "furniture" element is a wrapper. */
const MAX_FURNITURE_SHARE = 0.5;

/** A byline block is short ("By Jane Roe | May 3, 2020"); longer blocks are prose. */
const MAX_BYLINE_BLOCK_CHARS = 100;

/**
 * A web address written out ("https://example.org/a", "www.example.org"). A link that shows its
 * own address cites a source (a petition, a study, a press contact); navigation and related-story
 * links show words. So address characters do not count as link text, and a line that is mostly an
 * address is no edge furniture.
 */
const ADDRESS_RE = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
/** A line at least this share of which is a written-out address is a citation. */
const MIN_CITATION_ADDRESS_SHARE = 0.5;

/** Characters of the text that are written-out web addresses. */
function addressChars(text: string): number {
  let n = 0;
  for (const m of text.matchAll(ADDRESS_RE)) n += m[0].length;
  return n;
}

function isBoilerplateLine(line: string): boolean {
  return isNavigationLine(line) || isPromoLine(line) || isCreditOrCaption(line) || isBylineOrDateline(line);
}

/** True for a heading whose next block is a paragraph of prose: the heading of the article's first section. */
function opensSection(b: Block, next: Block | undefined): boolean {
  return (
    b.kind === 'h' &&
    next !== undefined &&
    next.kind !== 'h' &&
    next.text.length >= MIN_PROSE_AFTER_SUBHEAD &&
    SENTENCE_END_RE.test(next.text)
  );
}

/** Keeps the article's blocks: drops link lists (not cited addresses), boilerplate lines, the headline and the comment section. */
function articleBlocks(blocks: readonly Block[], title: string | undefined): Block[] {
  const titleKey = title === undefined ? undefined : wordsKey(title);
  const kept: Block[] = [];
  const isLinkedText = linkedTextTest(blocks);
  for (const b of blocks) {
    const line = b.text;
    if (b.kind === 'h' && b.level === 1) continue;
    if (titleKey !== undefined && line.length <= titleKey.length * 2 && wordsKey(line) === titleKey) continue;
    if (kept.length > 0 && isCommentMarker(line)) break;
    if (
      b.linkChars / b.text.length > MAX_LINK_DENSITY &&
      (b.linkChars - addressChars(b.text)) / b.text.length > MAX_LINK_DENSITY &&
      !(b.text.length - b.linkChars >= MIN_PROSE_BESIDE_LINKS && SENTENCE_OR_LEAD_IN_END_RE.test(b.text)) &&
      !isLinkedText(b)
    )
      continue;
    if (b.kind === 'caption' || isPictureLabel(b)) continue;
    if (isBoilerplateLine(line) || isCommentMarker(line) || isSectionEndHeading(line)) continue;
    kept.push(b);
  }
  const isEdgeFurniture = (b: Block): boolean =>
    b.kind !== 'li' &&
    !SENTENCE_OR_LEAD_IN_END_RE.test(b.text) &&
    wordCount(b.text) <= MAX_EDGE_WORDS &&
    addressChars(b.text) < b.text.length * MIN_CITATION_ADDRESS_SHARE;
  while (kept.length > 0 && isEdgeFurniture(kept[0]!) && !opensSection(kept[0]!, kept[1])) kept.shift();
  // A table that ends the article is data (specifications, results): its last cells are no furniture.
  // At the top, cells of a layout table can be the date and author line: those go.
  while (kept.length > 0 && kept.at(-1)!.kind !== 'cell' && isEdgeFurniture(kept.at(-1)!)) kept.pop();
  return kept;
}

/** Paragraphs separated by a blank line; consecutive list items one per line. */
function formatBlocks(blocks: readonly Block[]): string {
  let out = '';
  let prev: Block | undefined;
  for (const b of blocks) {
    const lines = b.text.split('\n');
    if (lines.length === 0) continue;
    const text = lines.join(b.kind === 'li' || b.kind === 'pre' ? '\n' : '\n\n');
    if (out !== '') out += prev?.kind === 'li' && b.kind === 'li' ? '\n' : '\n\n';
    out += text;
    prev = b;
  }
  return stripEndMarker(out);
}

/**
 * The blocks of the chosen parts, minus furniture inside them (furniture-named wrappers around them
 * do not matter). A furniture-named element that holds most of a part's text is a wrapper named by
 * its CMS ("widget-container"), not furniture: it stays.
 */
function selectBlocks(page: PageBlocks, parts: readonly ArticlePart[]): Block[] {
  const selected: Block[] = [];
  for (const { element, range } of parts) {
    const inside = (f: Element): boolean => f !== element && (element === undefined || isInside(f, element));
    const chars = new Map<Element, number>();
    let total = 0;
    for (let i = range.start; i < range.end; i++) {
      const b = page.blocks[i]!;
      total += b.text.length;
      for (const f of b.furniture) if (inside(f)) chars.set(f, (chars.get(f) ?? 0) + b.text.length);
    }
    const isFurniture = (f: Element): boolean => inside(f) && chars.get(f)! < total * MAX_FURNITURE_SHARE;
    for (let i = range.start; i < range.end; i++) {
      const b = page.blocks[i]!;
      if (!b.furniture.some(isFurniture)) selected.push(b);
    }
  }
  return selected;
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

/** The article's text from a page's blocks, checked against the JSON-LD articleBody when there is one. */
function articleText(
  page: PageBlocks,
  title: string | undefined,
  summary: string | undefined,
  hint: Set<string> | undefined,
): string {
  let text = formatBlocks(
    articleBlocks(
      selectBlocks(
        page,
        withLead(page, withSplitSections(page, chooseArticleParts(page, title), title), title, summary),
      ),
      title,
    ),
  );
  if (hint !== undefined && !coversHint(text, hint)) {
    const part = partMatchingHint(page, hint);
    if (part !== undefined) text = formatBlocks(articleBlocks(selectBlocks(page, [part]), title));
  }
  return text;
}

function isArticleLength(text: string): boolean {
  return wordCount(text.slice(0, MIN_ARTICLE_WORDS * WORD_CHARS_BOUND)) >= MIN_ARTICLE_WORDS;
}

/**
 * Extracts the article from a page.
 *
 * @param html the page's HTML (already decoded to a string)
 * @param options `url`: the page's address, for resolving relative links in the metadata
 * @throws NoArticleError when the page has no article text (empty, frames only, scripts only, links only)
 */
export function extractArticle(html: string, options: ExtractOptions = {}): ExtractedArticle {
  const { doc, body: root } = parsePage(html);
  // One walk over the body serves both the blocks and the metadata; the rest (head) is walked apart.
  const collector = new MetaCollector();
  collector.walk(doc, root);
  const page = collectBlocks(root, { element: collector.visit, skipped: (el) => collector.walk(el) });
  const sources = collector.sources;
  const declared = extractMetadata(sources);
  const title = chooseTitle(page.blocks, declared.title, declared.siteName, options.url);
  const hint = hintWords(declaredArticleBody(sources));
  let text = articleText(page, title, declared.description, hint);
  // Little text: the markup may name the article as furniture or put it in a landmark (an unclosed
  // <header>, a "widget" wrapper), and a small box (a bio, a cookie notice) won. Read the page
  // again, leniently, and take that reading when it finds a much longer article.
  const lenient = wordCount(text) >= SHORT_ARTICLE_WORDS ? undefined : collectBlocks(root, undefined, true);
  if (lenient !== undefined) {
    const other = articleText(lenient, title, declared.description, hint);
    if (wordCount(other) >= Math.max(MIN_ARTICLE_WORDS, wordCount(text) * LENIENT_GAIN)) text = other;
  }
  if (!isArticleLength(text)) {
    const blocks = lenient?.blocks.length ?? page.blocks.length;
    throw new NoArticleError(
      `no article text found: ${blocks} text blocks, best candidate holds ${wordCount(text)} words (need ${MIN_ARTICLE_WORDS})`,
    );
  }
  const byline =
    // A byline is looked for when the markup names no one, or only the site or an account.
    !declared.authors.every((a) => isSiteOrAccountName(a, [declared.siteName]))
      ? undefined
      : page.blocks.find((b) => b.text.length <= MAX_BYLINE_BLOCK_CHARS && authorsFromByline(b.text).length > 0);
  const metadata = byline === undefined ? declared : extractMetadata(sources, byline.text);
  const canonical = resolveUrl(metadata.canonicalUrl, options.url);
  if (canonical !== undefined) metadata.canonicalUrl = canonical;
  const image = resolveUrl(metadata.image, options.url);
  if (image !== undefined) metadata.image = image;
  // No declared date: the URL's, else the first dateline of the page (headline area first).
  metadata.published ??= dateFromUrl(options.url) ?? dateInLines(page.blocks.map((b) => b.text));
  if (title !== undefined) metadata.title = title; // the headline, without the site name some declared titles carry
  return { title, text, metadata };
}

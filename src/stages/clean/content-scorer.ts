/**
 * Finds the element that holds the article: paragraphs vote for their ancestors (more for long,
 * comma-rich, link-poor text; less the further up), class/id names and semantic tags shift the
 * vote, and the element with the best score, discounted by its link density, wins. Siblings that
 * score close to it (split article bodies) join it.
 */
import type { Element } from 'domhandler';
import type { Block, BlockRange, PageBlocks } from './dom-blocks.js';
import { anchorToHeadline, headlineIndices } from './headline-anchor.js';
import { SENTENCE_END_RE } from './text-keys.js';
import { NEGATIVE_NAME_RE, POSITIVE_NAME_RE } from './vocabulary.js';

/** Blocks shorter than this (characters) do not vote: labels, bylines, buttons. */
const MIN_VOTING_CHARS = 25;
/** How many ancestor levels a paragraph votes for. */
const VOTE_LEVELS = 5;
/** Long text is worth more, up to this many extra points (one per 100 characters). */
const MAX_LENGTH_POINTS = 3;
/** Class/id names that mark article text or page furniture shift an element's score by this much. */
const CLASS_WEIGHT = 25;
/** Name and tag weights count in full only for elements holding this much text (less: in proportion), so a small box named "text" cannot beat the article. */
const FULL_WEIGHT_CHARS = 500;
/** A sibling joins the chosen element when it scores at least this share of it... */
const SIBLING_SHARE = 0.2;
/** ...and at least this much in absolute terms. */
const MIN_SIBLING_SCORE = 10;
/** A sibling paragraph with this much low-link text joins the article even without score. */
const SIBLING_PARAGRAPH_CHARS = 80;
const SIBLING_PARAGRAPH_MAX_LINK_DENSITY = 0.25;

/** Article-like blocks are at least this long (characters), link-poor and end like a sentence. */
const GOOD_BLOCK_CHARS = 80;
/** Blocks with more link text than this share are furniture when weighing an ancestor. */
const BAD_LINK_SHARE = 0.5;
/** An ancestor must add at least this much article-like text... */
const MIN_ADDED_GOOD_CHARS = 300;
/** ...and this many times more article-like text than furniture text. */
const GOOD_OVER_BAD = 3;

/** A winner with less article-like text than this (characters) is checked against the runners-up. */
const SHORT_WINNER_GOOD_CHARS = 800;
/** A runner-up must score at least this share of the winner... */
const RUNNER_UP_SHARE = 0.15;
/** ...and hold this many times more article-like text to take its place. */
const PROSE_GAIN = 2;

const COMMA_RE = /[,，、]/g;

/** Text and link characters of a run of blocks. */
function density(blocks: readonly Block[], range: BlockRange): { chars: number; links: number } {
  let chars = 0;
  let links = 0;
  for (let i = range.start; i < range.end; i++) {
    const b = blocks[i]!;
    chars += b.text.length;
    links += b.linkChars;
  }
  return { chars, links };
}

function classWeight(el: Element): number {
  let w = 0;
  for (const name of [el.attribs['class'], el.attribs['id']]) {
    if (!name) continue;
    if (NEGATIVE_NAME_RE.test(name)) w -= CLASS_WEIGHT;
    if (POSITIVE_NAME_RE.test(name)) w += CLASS_WEIGHT;
  }
  return w;
}

function tagWeight(el: Element): number {
  switch (el.name) {
    case 'article':
      return 10; // semantic markup: the page says this is the article
    case 'main':
      return 5;
    case 'div':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

function itemWeight(el: Element): number {
  const prop = el.attribs['itemprop'];
  return prop !== undefined && /articleBody|reviewBody|text/i.test(prop) ? CLASS_WEIGHT : 0;
}

/** Every voted-for element with its final score (votes and name weights, discounted by link density). */
export function scoreElements(page: PageBlocks): Map<Element, number> {
  const { blocks, ranges } = page;
  const scores = new Map<Element, number>();
  for (const b of blocks) {
    if (b.kind === 'h' || b.kind === 'caption' || b.text.length < MIN_VOTING_CHARS) continue;
    const linkShare = b.linkChars / b.text.length;
    const points =
      (1 + (b.text.match(COMMA_RE)?.length ?? 0) + Math.min(MAX_LENGTH_POINTS, Math.floor(b.text.length / 100))) *
      (1 - linkShare);
    let el = (b.kind === 'div' ? b.element : b.element.parent) as Element | null;
    for (let level = 0; level < VOTE_LEVELS && el !== null && el.type === 'tag'; level++) {
      if (!scores.has(el)) {
        const range = ranges.get(el);
        const share = range === undefined ? 0 : Math.min(1, density(blocks, range).chars / FULL_WEIGHT_CHARS);
        scores.set(el, (tagWeight(el) + classWeight(el) + itemWeight(el)) * share);
      }
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(el, scores.get(el)! + points / divider);
      el = el.parent as Element | null;
    }
  }
  const finalScore = new Map<Element, number>();
  for (const [el, s] of scores) {
    const range = ranges.get(el);
    if (range === undefined) continue;
    const d = density(blocks, range);
    finalScore.set(el, s * (1 - (d.chars > 0 ? d.links / d.chars : 0)));
  }
  return finalScore;
}

/** True for a block that reads like article text: long, link-poor, ending like a sentence. */
export function isGoodText(b: Block): boolean {
  return (
    b.text.length >= GOOD_BLOCK_CHARS &&
    b.linkChars / b.text.length < SIBLING_PARAGRAPH_MAX_LINK_DENSITY &&
    SENTENCE_END_RE.test(b.text)
  );
}

/** True for a block that reads like furniture: mostly links, or a short line that is no sentence. */
export function isBadText(b: Block): boolean {
  return (
    b.linkChars / b.text.length > BAD_LINK_SHARE || (b.text.length < GOOD_BLOCK_CHARS && !SENTENCE_END_RE.test(b.text))
  );
}

/** The element and its ancestors: furniture-named elements among them wrap it rather than sit in it. */
function selfAndAncestors(el: Element): Set<unknown> {
  const set = new Set<unknown>();
  for (let n: Element['parent'] | Element = el; n !== null; n = n.parent) set.add(n);
  return set;
}

const NO_WRAPPERS: ReadonlySet<unknown> = new Set();

/**
 * Article-like ("good") and furniture-like ("bad") characters of a run of blocks, as seen from the
 * element that would hold them: a block inside furniture counts as furniture only when that
 * furniture sits inside the element (a "sharing-container" around the whole article is a wrapper).
 */
function prose(
  blocks: readonly Block[],
  wraps: ReadonlySet<unknown>,
  range: BlockRange,
): { good: number; bad: number } {
  let good = 0;
  let bad = 0;
  for (let i = range.start; i < range.end; i++) {
    const b = blocks[i]!;
    // A header (headline, kicker, byline, date) neither adds nor costs: every article has one.
    if (b.furniture.some((f) => f.name === 'header')) continue;
    const inFurniture = b.furniture.some((f) => !wraps.has(f));
    if (!inFurniture && isGoodText(b)) good += b.text.length;
    else if (isBadText(b)) bad += b.text.length;
  }
  return { good, bad };
}

/**
 * A winner with little article-like text may be a small box (a cart, a teaser, a bio) that scored
 * on commas: among the runners-up, one with far more article-like text (and not much more
 * furniture) takes its place.
 */
function preferProse(page: PageBlocks, best: Element, finalScore: Map<Element, number>, bestScore: number): Element {
  const bestRange = page.ranges.get(best);
  if (bestRange === undefined) return best;
  const bestGood = prose(page.blocks, NO_WRAPPERS, bestRange).good;
  if (bestGood >= SHORT_WINNER_GOOD_CHARS) return best;
  let chosen = best;
  let chosenGood = bestGood;
  for (const [el, score] of finalScore) {
    if (score < bestScore * RUNNER_UP_SHARE) continue;
    const r = page.ranges.get(el);
    if (r === undefined) continue;
    const { good: g, bad } = prose(page.blocks, NO_WRAPPERS, r);
    if (g >= Math.max(chosenGood, bestGood * PROSE_GAIN, MIN_ADDED_GOOD_CHARS) && g >= bad * GOOD_OVER_BAD) {
      chosen = el;
      chosenGood = g;
    }
  }
  return chosen;
}

/**
 * Climbs from the chosen element to an ancestor while the ancestor adds much more article-like text
 * (long, link-poor sentences) than furniture (link lists, short labels): an article split into
 * several containers by pictures or ads is kept whole.
 */
function widenToAncestors(page: PageBlocks, start: Element): Element {
  const { blocks, ranges } = page;
  const wraps = selfAndAncestors(start);
  let cur = start;
  let curRange = ranges.get(start);
  for (let el = start.parent; el !== null && el.type === 'tag' && curRange !== undefined; el = el.parent) {
    const r = ranges.get(el);
    if (r === undefined) break;
    const whole = prose(blocks, wraps, r);
    const inner = prose(blocks, wraps, curRange);
    const addedGood = whole.good - inner.good;
    const addedBad = whole.bad - inner.bad;
    if (addedGood === 0 && addedBad === 0) {
      continue; // a wrapper with nothing else in it: look further up
    }
    if (addedGood < MIN_ADDED_GOOD_CHARS || addedGood < addedBad * GOOD_OVER_BAD) break;
    cur = el;
    curRange = r;
  }
  return cur;
}

/**
 * The index of the page's headline above the element (the first heading with the title's words,
 * else the nearest <h1>), or -1 when none stands above it.
 */
function headlineAbove(page: PageBlocks, el: Element, title: string | undefined): number {
  const start = page.ranges.get(el)?.start ?? 0;
  const named = title === undefined ? [] : headlineIndices(page, title).filter((h) => h < start);
  if (named.length > 0) return named[0]!; // the first: a subheading that repeats part of the title comes later
  for (let i = start - 1; i >= 0; i--) {
    const b = page.blocks[i]!;
    if (b.kind === 'h' && b.level === 1) return i;
  }
  return -1;
}

/** Part of the page chosen as article: an element's blocks, or (no element won) a plain block range. */
export interface ArticlePart {
  element: Element | undefined;
  range: BlockRange;
}

/**
 * The article's parts in document order: the best-scoring element and the siblings that join it;
 * when no element got a vote (text directly in the document), all blocks.
 */
export function chooseArticleParts(page: PageBlocks, title?: string): ArticlePart[] {
  const all: ArticlePart[] =
    page.blocks.length > 0 ? [{ element: undefined, range: { start: 0, end: page.blocks.length } }] : [];
  const parts: ArticlePart[] = [];
  for (const element of chooseArticleElements(page, title)) {
    const range = page.ranges.get(element);
    if (range !== undefined) parts.push({ element, range });
  }
  return parts.length > 0 ? parts : all;
}

/** The article's elements in document order: the best-scoring element and the siblings that join it. */
export function chooseArticleElements(page: PageBlocks, title?: string): Element[] {
  const { blocks, ranges } = page;
  const finalScore = scoreElements(page);
  let best: Element | undefined;
  let bestScore = -Infinity;
  for (const [el, f] of finalScore) {
    if (f > bestScore) {
      bestScore = f;
      best = el;
    }
  }
  if (best === undefined) return [];
  best = anchorToHeadline(page, best, finalScore, title);
  bestScore = finalScore.get(best)!;
  best = widenToAncestors(page, preferProse(page, best, finalScore, bestScore));
  const parent = best.parent;
  if (parent === null || !('children' in parent)) return [best];
  const threshold = Math.max(MIN_SIBLING_SCORE, bestScore * SIBLING_SHARE);
  let top: number | undefined; // found on first need: most pages have no sibling that could join
  const chosen: Element[] = [];
  for (const sib of parent.children) {
    if (sib.type !== 'tag') continue;
    if (sib === best) {
      chosen.push(sib);
      continue;
    }
    // A story's text starts under its headline: a sibling above it is another text (a contact box, a notice).
    const sibRange = ranges.get(sib);
    if (sibRange === undefined) continue;
    if (sibRange.end <= (top ??= headlineAbove(page, best, title))) continue;
    const s = finalScore.get(sib);
    if (s !== undefined && s >= threshold) {
      chosen.push(sib);
      continue;
    }
    if (sib.name !== 'p') continue;
    const d = density(blocks, sibRange);
    if (d.chars >= SIBLING_PARAGRAPH_CHARS && d.links / d.chars < SIBLING_PARAGRAPH_MAX_LINK_DENSITY) chosen.push(sib);
  }
  return chosen;
}

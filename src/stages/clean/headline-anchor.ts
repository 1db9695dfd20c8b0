/**
 * Pages that hold several articles of the same make (an infinite-scroll page with the next story
 * already loaded below, a blog page with more posts) give the page's own article by its headline:
 * when the winning element is not the one under the headline, and another element of the same tag
 * and class is, that one is the page's article — even when the next story is longer.
 */
import type { Element } from 'domhandler';
import type { BlockRange, PageBlocks } from './dom-blocks.js';
import { wordsKey } from './text-keys.js';

/** The headline sits inside the element or at most this many blocks before it (kicker, date, byline, picture between). */
const ANCHOR_WINDOW = 10;
/** The element under the headline takes the winner's place only if it scores at least this share of it (an article, not a teaser of one). */
const ANCHOR_SHARE = 0.25;

/** Indices of the headings that carry the page's declared title (all of it, or at least half of its words). */
export function headlineIndices(page: PageBlocks, title: string): number[] {
  const key = wordsKey(title);
  if (key === '') return [];
  const out: number[] = [];
  for (const b of page.blocks) {
    if (b.kind !== 'h') continue;
    const k = wordsKey(b.text);
    if (k === key || (k.length >= key.length / 2 && key.includes(k)) || (key.length >= k.length / 2 && k.includes(key)))
      out.push(b.index);
  }
  return out;
}

const isUnder = (r: BlockRange, heads: readonly number[]): boolean =>
  heads.some((h) => h >= r.start - ANCHOR_WINDOW && h < r.end);

const sameMake = (a: Element, b: Element): boolean =>
  a.name === b.name && (a.attribs['class'] ?? '') === (b.attribs['class'] ?? '');

/**
 * The winner, or the element of the same make under the page's headline when the winner is not
 * under it: the best-scoring such element, apart from the winner, scoring at least ANCHOR_SHARE of it.
 */
export function anchorToHeadline(
  page: PageBlocks,
  best: Element,
  scores: ReadonlyMap<Element, number>,
  title: string | undefined,
): Element {
  const bestRange = page.ranges.get(best);
  if (title === undefined || bestRange === undefined) return best;
  const heads = headlineIndices(page, title);
  if (heads.length === 0 || isUnder(bestRange, heads)) return best;
  const bestScore = scores.get(best) ?? 0;
  let chosen = best;
  let chosenScore = bestScore * ANCHOR_SHARE;
  for (const [el, score] of scores) {
    const r = page.ranges.get(el);
    if (r === undefined || score < chosenScore || !sameMake(el, best)) continue;
    if (r.end <= bestRange.start || r.start >= bestRange.end) {
      if (isUnder(r, heads)) {
        chosen = el;
        chosenScore = score;
      }
    }
  }
  return chosen;
}

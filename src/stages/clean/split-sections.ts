/**
 * Articles split into sections of the same make: some layouts put each section of the text in a
 * container of its own (a text column beside a box of links), with a module of teasers or a map
 * between two sections. The scorer picks the strongest section; the other sections of the same
 * make (same tag and class, in a parent of the same make) that read as prose join it, from the
 * page's headline down to the next top-level headline: on an infinite-scroll page the next story
 * starts under a headline of its own, and a story above the headline is another story.
 */
import type { Element } from 'domhandler';
import type { ArticlePart } from './content-scorer.js';
import { isBadText, isGoodText } from './content-scorer.js';
import type { BlockRange, PageBlocks } from './dom-blocks.js';
import { headlineIndices } from './headline-anchor.js';

/** A section holds at least this much article-like text (characters): paragraphs, not a teaser line. */
const MIN_SECTION_GOOD_CHARS = 300;
/** ...and this many times more article-like text than furniture text (labels, link lists). */
const SECTION_GOOD_OVER_BAD = 3;

/** Same tag and class. */
function sameTag(a: Element | null, b: Element | null): boolean {
  if (a === null || b === null || a.type !== 'tag' || b.type !== 'tag') return a === b;
  return a.name === b.name && (a.attribs['class'] ?? '') === (b.attribs['class'] ?? '');
}

/** Same tag and class, for the element and for its parent: the same slot of the same template. */
function sameMake(a: Element, b: Element): boolean {
  return sameTag(a, b) && sameTag(a.parent as Element | null, b.parent as Element | null);
}

function isProse(page: PageBlocks, r: BlockRange): boolean {
  let good = 0;
  let bad = 0;
  for (let i = r.start; i < r.end; i++) {
    const b = page.blocks[i]!;
    if (b.furniture.length > 0) return false;
    if (isGoodText(b)) good += b.text.length;
    else if (isBadText(b)) bad += b.text.length;
  }
  return good >= MIN_SECTION_GOOD_CHARS && good >= bad * SECTION_GOOD_OVER_BAD;
}

/**
 * The parts with the sections of the first part's make between the headline and the next <h1>
 * added, in document order; the parts unchanged when no headline stands before them.
 */
export function withSplitSections(
  page: PageBlocks,
  parts: readonly ArticlePart[],
  title: string | undefined,
): ArticlePart[] {
  const first = parts[0];
  if (first === undefined || first.element === undefined || title === undefined) return [...parts];
  const make = first.element;
  const candidates: ArticlePart[] = [];
  for (const [el, r] of page.ranges) {
    if (el !== make && sameMake(el, make) && isProse(page, r)) candidates.push({ element: el, range: r });
  }
  if (candidates.length === 0) return [...parts];
  const start = first.range.start;
  // The headline: the heading with the declared title's words nearest before the part, else the first <h1>.
  const named = headlineIndices(page, title).filter((h) => h < start);
  const from = named.at(-1) ?? page.blocks.findIndex((b) => b.kind === 'h' && b.level === 1);
  if (from < 0 || from >= start) return [...parts];
  const last = parts[parts.length - 1]!.range.end;
  const nextHeadline = page.blocks.findIndex((b) => b.index >= last && b.kind === 'h' && b.level === 1);
  const end = nextHeadline < 0 ? page.blocks.length : nextHeadline;
  const inReach = (r: BlockRange): boolean => (r.start > from && r.end <= start) || (r.start >= last && r.end <= end);
  const sections: ArticlePart[] = [];
  for (const c of candidates.filter((c) => inReach(c.range)).sort((a, b) => a.range.start - b.range.start)) {
    if (c.range.start >= (sections.at(-1)?.range.end ?? 0)) sections.push(c);
  }
  return [...sections, ...parts].sort((a, b) => a.range.start - b.range.start);
}

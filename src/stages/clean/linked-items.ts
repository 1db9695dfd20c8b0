/**
 * Link-heavy blocks that are text, told by their siblings. A link-heavy list item or cell is a link
 * list's entry (menus, related stories) when its siblings are links too. Two kinds are text:
 * - a linked sentence in a list of prose: a digest ("10 things you need to know") links most of
 *   some items to their stories; when most items of the list read as prose (little link text) and
 *   the item ends like a sentence itself, it is one of the digest's paragraphs;
 * - a linked cell in a row of data: a test table names each product by a link beside its price
 *   and grade; when the row holds at least as many link-light cells as linked ones, the cell is data.
 */
import type { Block } from './dom-blocks.js';
import { SENTENCE_END_RE } from './text-keys.js';

/** A block with more link text than this share is link-heavy. */
const HEAVY_LINK_SHARE = 0.5;
/** A linked item kept as prose holds at least this many characters: a sentence, not a headline. */
const MIN_LINKED_SENTENCE_CHARS = 80;
/** The list holds at least this many link-light items (one prose item beside a link list is no digest)... */
const MIN_LIGHT_ITEMS = 2;
/** ...and they are at least this share of its items. */
const MIN_LIGHT_ITEM_SHARE = 0.5;
/** A row of data holds at least this many link-light cells (a row of links only is navigation). */
const MIN_LIGHT_CELLS = 1;

interface Siblings {
  n: number;
  light: number;
}

/** List items per list and cells per row: how many, and how many are link-light. */
function siblingCounts(blocks: readonly Block[]): Map<unknown, Siblings> {
  const counts = new Map<unknown, Siblings>();
  for (const b of blocks) {
    if (b.kind !== 'li' && b.kind !== 'cell') continue;
    const parent = b.element.parent;
    const c = counts.get(parent) ?? { n: 0, light: 0 };
    c.n += 1;
    if (b.linkChars / b.text.length <= HEAVY_LINK_SHARE) c.light += 1;
    counts.set(parent, c);
  }
  return counts;
}

/**
 * A predicate over the article's blocks: true for a link-heavy block that is text (a linked
 * sentence among prose items, a linked cell in a row of data).
 */
export function linkedTextTest(blocks: readonly Block[]): (b: Block) => boolean {
  let counts: Map<unknown, Siblings> | undefined; // counted on first need: most pages never ask
  return (b) => {
    if (b.kind !== 'li' && b.kind !== 'cell') return false;
    counts ??= siblingCounts(blocks);
    const c = counts.get(b.element.parent);
    if (c === undefined) return false;
    if (b.kind === 'cell') return c.light >= MIN_LIGHT_CELLS && c.light >= c.n - c.light;
    return (
      b.text.length >= MIN_LINKED_SENTENCE_CHARS &&
      SENTENCE_END_RE.test(b.text) &&
      c.light >= MIN_LIGHT_ITEMS &&
      c.light >= c.n * MIN_LIGHT_ITEM_SHARE
    );
  };
}

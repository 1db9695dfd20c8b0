/**
 * Labels beside pictures. A line that shares its wrapper with nothing but a picture (an <img> or
 * <picture>, also inside a link or a frame of its own) and does not read as a sentence is that
 * picture's label: a teaser card's title, a price under a product shot, a credit written without
 * <figcaption>. Inside an article it is furniture, not text. A sentence beside a picture (a
 * testimonial beside its author's photo, a feature described beside its icon) stays.
 */
import type { AnyNode } from 'domhandler';
import type { Block } from './dom-blocks.js';
import { SENTENCE_END_RE } from './text-keys.js';

/** A label is short: a title, a price, a credit. Longer lines are text (the figures held from 80 to 300). */
const MAX_LABEL_CHARS = 150;
/** A picture may sit this many elements deep in the wrapper's other child (<a><div><picture><img>). */
const MAX_PICTURE_DEPTH = 4;

/**
 * Whether each element walked is or holds a picture within {@link MAX_PICTURE_DEPTH} levels: the
 * short blocks of one wrapper ask about the same siblings, and a big sibling is walked once.
 */
const picturesHeld = new WeakMap<AnyNode, boolean>();

/** True when `n` is or holds a picture within {@link MAX_PICTURE_DEPTH} levels. */
function holdsPicture(n: AnyNode, depth = 0): boolean {
  if (depth > MAX_PICTURE_DEPTH || n.type !== 'tag') return false;
  if (n.name === 'img' || n.name === 'picture') return true;
  if (depth === 0) {
    const known = picturesHeld.get(n);
    if (known !== undefined) return known;
  }
  let found = false;
  for (const c of n.children) if ((found = holdsPicture(c, depth + 1))) break;
  if (depth === 0) picturesHeld.set(n, found);
  return found;
}

/** True for a short non-sentence block whose wrapper holds only it and pictures. */
export function isPictureLabel(b: Block): boolean {
  if (b.text.length > MAX_LABEL_CHARS || SENTENCE_END_RE.test(b.text) || b.element.type !== 'tag') return false;
  const wrapper = b.element.parent;
  if (wrapper === null || wrapper.type !== 'tag') return false;
  let picture = false;
  for (const c of wrapper.children) {
    if (c === b.element) continue;
    if (c.type === 'text' && c.data.trim() !== '') return false;
    if (c.type !== 'tag') continue;
    if (!holdsPicture(c)) return false;
    picture = true;
  }
  return picture;
}

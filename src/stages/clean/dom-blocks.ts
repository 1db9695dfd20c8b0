/**
 * Turns a parsed page into text blocks: runs of inline text between block-level tags, each with
 * its link text, kind (paragraph, heading, list item ...) and the element that holds it. Elements
 * that never hold article text (scripts, navigation, hidden elements) are skipped on the way;
 * furniture (forms, headers, share and comment widgets named by their class or id) is marked on
 * each block, for the extractor to drop where it sits inside the article. The walk is iterative,
 * so deeply nested pages cannot overflow the stack.
 */
import type { AnyNode, Document, Element } from 'domhandler';
import {
  BLOCK_TAGS,
  type BlockKind,
  FURNITURE_TAGS,
  isBoilerplateNamed,
  isHidden,
  kindOf,
  LANDMARK_TAGS,
  ROLE_SKIP_RE,
  SKIP_TAGS,
} from './dom-tags.js';
import { normalizeSpaces } from './whitespace.js';

export { isBoilerplateNamed } from './dom-tags.js';

/** One block of text. */
export interface Block {
  text: string;
  /** Characters of the text that sit inside links. */
  linkChars: number;
  kind: BlockKind;
  /** Heading level 1-6 for kind 'h'. */
  level: number;
  /** Nearest block-level element holding the text (the document itself for text outside any element). */
  element: Element | Document;
  /** Position in document order. */
  index: number;
  /** Furniture-named elements around the block ({@link isBoilerplateNamed}), outermost first. */
  furniture: readonly Element[];
}

/** Blocks [start, end) held by one block-level element. */
export interface BlockRange {
  start: number;
  end: number;
}

/** The blocks of a page, and the block range of every block-level element that holds text. */
export interface PageBlocks {
  blocks: Block[];
  ranges: Map<Element, BlockRange>;
}

const SPACE_RUN_RE = / {2,}/g;
const HEADING_TAG_RE = /^h[1-6]$/;
/** A class part naming a picture's caption ("caption-text", "wp-caption-text", "image_caption"). */
const CAPTION_NAME_RE = /(?:^|[\s_-])caption(?:$|[\s_-])/i;

/**
 * True for an element that its class names a caption: its text is a caption, whatever its tag. Not
 * <body> or <html>, whose classes describe the page ("f_caption_muted_videos_on"), not a block.
 */
function isCaptionNamed(el: Element): boolean {
  if (el.name === 'body' || el.name === 'html') return false;
  const c = el.attribs['class'];
  return c !== undefined && CAPTION_NAME_RE.test(c);
}
const NON_SPACE_RE = /[^\s\u00a0\u200b-\u200d\ufeff]/;
const LINE_RUN_RE = / ?\n[\n ]*/g;

/**
 * True for a wrapper whose only content is links and furniture-named elements (no text of its
 * own): "<span class=rollover><a>Kristi Noem</a><span class=rollover-card>...</span></span>".
 */
function isLinkWithCard(el: Element, isFurniture: (e: Element) => boolean): boolean {
  let links = 0;
  let cards = 0;
  for (const c of el.children) {
    if (c.type === 'text') {
      if (NON_SPACE_RE.test(c.data)) return false;
    } else if (c.type === 'tag') {
      if (c.name === 'a') links += 1;
      else if (isFurniture(c)) cards += 1;
      else return false;
    }
  }
  return links > 0 && cards > 0;
}

/** Another reader of the page that rides along the block walk. */
export interface WalkVisitor {
  /** An element the walk enters (its descendants follow). */
  element(el: Element): void;
  /** An element whose subtree the walk skips. */
  skipped(el: Element): void;
}

/** All text under a node, concatenated (iterative, so any depth is safe). */
export function textContent(node: AnyNode): string {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') out += n.data;
    else if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/**
 * Splits the page into text blocks in document order.
 *
 * @param root the document (or any element) to walk
 * @param visitor lets another reader of the page (metadata) ride along, so it needs no walk of its
 *   own: `element` is called for every element the walk enters, `skipped` for every subtree it skips
 * @param lenient read landmarks (nav, aside, footer, navigation roles) and furniture-named elements
 *   as ordinary text: the second try on pages whose markup names the article as furniture
 */
export function collectBlocks(root: AnyNode, visitor?: WalkVisitor, lenient = false): PageBlocks {
  const blocks: Block[] = [];
  const ranges = new Map<Element, BlockRange>();
  // Pages repeat the same class names hundreds of times (menu items, list entries): decide each once.
  const namedCache = new Map<string, boolean>();
  const isFurnitureNamed = (el: Element): boolean => {
    const c = el.attribs['class'];
    const id = el.attribs['id'];
    if (c === undefined && id === undefined) return false;
    const key = id === undefined ? c! : `${c ?? ''}#${id}`;
    let v = namedCache.get(key);
    if (v === undefined) {
      v = isBoilerplateNamed(el);
      namedCache.set(key, v);
    }
    return v;
  };
  let buf = '';
  let linkChars = 0;
  let linkDepth = 0;
  let blockEl: Element | Document | undefined = root.type === 'tag' || root.type === 'root' ? root : undefined;
  /** The tag of the heading the walk is inside, if any. */
  let headingTag: string | undefined;

  const flush = (): void => {
    if (!NON_SPACE_RE.test(buf)) {
      buf = '';
      linkChars = 0;
      return;
    }
    // Normalised once here: space-like characters become spaces, runs collapse, lines are trimmed.
    const text = normalizeSpaces(buf).replace(SPACE_RUN_RE, ' ').replace(LINE_RUN_RE, '\n').trim();
    if (text !== '' && blockEl !== undefined) {
      // A block inside a heading (a <div> in an <h1>) is part of that heading.
      const tag = blockEl.type === 'tag' ? (headingTag ?? blockEl.name) : 'div';
      blocks.push({
        text,
        linkChars: Math.min(linkChars, text.length),
        kind: blockEl.type === 'tag' && isCaptionNamed(blockEl) ? 'caption' : kindOf(tag),
        level: /^h[1-6]$/.test(tag) ? Number(tag[1]) : 0,
        element: blockEl,
        index: blocks.length,
        furniture,
      });
    }
    buf = '';
    linkChars = 0;
  };

  type Frame = {
    node: AnyNode;
    exit: boolean;
    prevBlock?: Element | Document;
    prevHeading?: string;
    start?: number;
    furnished?: boolean;
  };
  const NONE: readonly Element[] = [];
  let furniture: readonly Element[] = NONE;
  const stack: Frame[] = [{ node: root, exit: false }];
  while (stack.length > 0) {
    const f = stack.pop()!;
    const n = f.node;
    if (f.exit) {
      const el = n as Element;
      if (el.name === 'a') linkDepth -= 1;
      if (f.furnished) {
        flush();
        furniture = furniture.slice(0, -1);
      }
      if (BLOCK_TAGS.has(el.name)) {
        flush();
        blockEl = f.prevBlock;
        headingTag = f.prevHeading;
        if (blocks.length > (f.start ?? 0)) ranges.set(el, { start: f.start ?? 0, end: blocks.length });
      }
      continue;
    }
    if (n.type === 'text') {
      const t = n.data;
      buf += t;
      if (linkDepth > 0) linkChars += t.trim().length;
      continue;
    }
    if (n.type === 'script' || n.type === 'style') {
      visitor?.skipped(n);
      continue;
    }
    if (n.type !== 'tag' && n.type !== 'root') continue;
    if (n.type === 'tag') {
      const el = n;
      const tag = el.name;
      if (tag === 'br') {
        buf += '\n';
        continue;
      }
      if ((SKIP_TAGS.has(tag) && !(lenient && LANDMARK_TAGS.has(tag))) || isHidden(el)) {
        visitor?.skipped(el);
        continue;
      }
      const role = el.attribs['role'];
      if (!lenient && role !== undefined && ROLE_SKIP_RE.test(role)) {
        visitor?.skipped(el);
        continue;
      }
      const isBlock = BLOCK_TAGS.has(tag);
      // A link is text of whatever holds it, whatever its class says.
      let furnished = !lenient && tag !== 'a' && (FURNITURE_TAGS.has(tag) || isFurnitureNamed(el));
      // Inline furniture (a caption or hover card inside a paragraph) cannot wrap the article: skip it
      // outright, unless it is only a link beside its own card (a linked name with a hover card):
      // then the link is text of the paragraph, and the card, furniture itself, goes.
      if (furnished && !isBlock && tag !== 'form' && !isLinkWithCard(el, isFurnitureNamed)) {
        visitor?.skipped(el);
        continue;
      }
      if (furnished && !isBlock && tag !== 'form') furnished = false; // the link-with-card wrapper: ordinary text
      if (isBlock || furnished) flush();
      if (furnished) furniture = [...furniture, el];
      visitor?.element(el);
      if (tag === 'a') linkDepth += 1;
      stack.push({
        node: el,
        exit: true,
        prevBlock: blockEl,
        prevHeading: headingTag,
        start: blocks.length,
        furnished,
      });
      if (isBlock) blockEl = el;
      if (isBlock && headingTag === undefined && HEADING_TAG_RE.test(tag)) headingTag = tag;
      for (let i = el.children.length - 1; i >= 0; i--) stack.push({ node: el.children[i]!, exit: false });
      continue;
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push({ node: n.children[i]!, exit: false });
  }
  flush();
  return { blocks, ranges };
}

/**
 * Turns a parsed page into text blocks: runs of inline text between block-level tags, each with
 * its link text, kind (paragraph, heading, list item ...) and the element that holds it. Elements
 * that never hold article text (scripts, navigation, hidden elements) are skipped on the way;
 * furniture (forms, headers, share and comment widgets named by their class or id) is marked on
 * each block, for the extractor to drop where it sits inside the article. The walk is iterative,
 * so deeply nested pages cannot overflow the stack.
 */
import type { AnyNode, Document, Element } from 'domhandler';
import { CONTENT_WORDS, FURNITURE_ANY_RE, FURNITURE_WORDS } from './vocabulary.js';
import { normalizeSpaces } from './whitespace.js';

/** One block of text. */
export interface Block {
  text: string;
  /** Characters of the text that sit inside links. */
  linkChars: number;
  kind: 'p' | 'h' | 'li' | 'pre' | 'quote' | 'cell' | 'caption' | 'div';
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

/** Elements whose content is never article text. */
const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'canvas',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'video',
  'audio',
  'button',
  'input',
  'select',
  'option',
  'textarea',
  'label',
  'nav',
  'aside',
  'footer',
  'dialog',
  'menu',
  'head',
  'title',
  'link',
  'meta',
  'map',
  'area',
  'fieldset',
  'legend',
  'datalist',
  'output',
]);
/** Landmarks skipped as navigation or asides, which a second, lenient walk reads after all. */
const LANDMARK_TAGS = new Set(['nav', 'aside', 'footer', 'menu', 'dialog']);
/**
 * Elements treated as furniture, like furniture-named ones: dropped inside the article, ignored
 * around it (some sites wrap the whole page in a <form>, or the article in a <header>).
 */
const FURNITURE_TAGS = new Set(['form', 'header']);
/** Elements that start a new block. */
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'body',
  'html',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'figure',
  'figcaption',
  'address',
  'hr',
  'center',
  'details',
  'summary',
  'hgroup',
  'picture',
]);
const ROLE_SKIP_RE =
  /^(?:navigation|banner|contentinfo|complementary|dialog|alertdialog|search|menu|menubar|toolbar|tablist|button)$/i;
/** Whole class names that CSS frameworks use to hide an element ("field-label-hidden" is not one: it hides a label, not the field). */
const HIDDEN_CLASSES = new Set([
  'hidden',
  'hide',
  'is-hidden',
  'd-none',
  'invisible',
  'sr-only',
  'visually-hidden',
  'screen-reader-text',
  'visuallyhidden',
  'element-invisible',
  'element-hidden',
]);
const HIDDEN_CLASS_HINT_RE = /hid|none|invisible|sr-only|screen-reader/i;
const HIDDEN_STYLE_RE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

const TOKEN_PART_RE = /[_-]+|(?<=[a-z])(?=[A-Z])/;

/**
 * True when the element's class/id names page furniture (share bar, comments, related links ...):
 * one class or id has a furniture word among its parts, and none ends in a content word (both
 * lists in vocabulary.yaml). Parts are split at dashes, underscores and camelCase humps.
 */
export function isBoilerplateNamed(el: Element): boolean {
  const c = el.attribs['class'];
  const id = el.attribs['id'];
  if (!c && !id) return false;
  if (!FURNITURE_ANY_RE.test(`${c ?? ''} ${id ?? ''}`)) return false; // fast path: no furniture word anywhere
  let boiler = false;
  for (const token of `${c ?? ''} ${id ?? ''}`.split(/\s+/)) {
    if (token === '') continue;
    const parts = token.split(TOKEN_PART_RE).map((w) => w.toLowerCase());
    if (CONTENT_WORDS.has(parts[parts.length - 1]!)) return false;
    if (parts.some((w) => FURNITURE_WORDS.has(w))) boiler = true;
  }
  return boiler;
}

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if (a['hidden'] !== undefined || a['aria-hidden'] === 'true') return true;
  const c = a['class'];
  if (
    c !== undefined &&
    HIDDEN_CLASS_HINT_RE.test(c) &&
    c.split(/\s+/).some((t) => HIDDEN_CLASSES.has(t.toLowerCase()))
  )
    return true;
  const style = a['style'];
  return style !== undefined && HIDDEN_STYLE_RE.test(style);
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

function kindOf(tag: string): Block['kind'] {
  switch (tag) {
    case 'p':
      return 'p';
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return 'h';
    case 'li':
    case 'dt':
    case 'dd':
      return 'li';
    case 'pre':
      return 'pre';
    case 'blockquote':
      return 'quote';
    case 'td':
    case 'th':
      return 'cell';
    case 'figcaption':
    case 'caption':
      return 'caption';
    default:
      return 'div';
  }
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

  const flush = (): void => {
    if (!NON_SPACE_RE.test(buf)) {
      buf = '';
      linkChars = 0;
      return;
    }
    // Normalised once here: space-like characters become spaces, runs collapse, lines are trimmed.
    const text = normalizeSpaces(buf).replace(SPACE_RUN_RE, ' ').replace(LINE_RUN_RE, '\n').trim();
    if (text !== '' && blockEl !== undefined) {
      const tag = blockEl.type === 'tag' ? blockEl.name : 'div';
      blocks.push({
        text,
        linkChars: Math.min(linkChars, text.length),
        kind: kindOf(tag),
        level: /^h[1-6]$/.test(tag) ? Number(tag[1]) : 0,
        element: blockEl,
        index: blocks.length,
        furniture,
      });
    }
    buf = '';
    linkChars = 0;
  };

  type Frame = { node: AnyNode; exit: boolean; prevBlock?: Element | Document; start?: number; furnished?: boolean };
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
      stack.push({ node: el, exit: true, prevBlock: blockEl, start: blocks.length, furnished });
      if (isBlock) blockEl = el;
      for (let i = el.children.length - 1; i >= 0; i--) stack.push({ node: el.children[i]!, exit: false });
      continue;
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push({ node: n.children[i]!, exit: false });
  }
  flush();
  return { blocks, ranges };
}

/**
 * Turns a parsed page into text blocks: runs of inline text between block-level tags, each with
 * its link text, kind (paragraph, heading, list item ...) and the element that holds it. Elements
 * that never hold article text (scripts, navigation, forms, hidden elements, share and comment
 * widgets named by their class or id) are skipped on the way. The walk is iterative, so deeply
 * nested pages cannot overflow the stack.
 */
import type { AnyNode, Element } from 'domhandler';

/** One block of text. */
export interface Block {
  text: string;
  /** Characters of the text that sit inside links. */
  linkChars: number;
  kind: 'p' | 'h' | 'li' | 'pre' | 'quote' | 'cell' | 'caption' | 'div';
  /** Heading level 1-6 for kind 'h'. */
  level: number;
  /** Nearest block-level element holding the text. */
  element: Element;
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

/** Elements whose content is never article text. */
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'canvas', 'iframe', 'frame', 'frameset', 'object', 'embed',
  'video', 'audio', 'button', 'input', 'select', 'option', 'textarea', 'label', 'nav', 'aside', 'footer',
  'dialog', 'menu', 'head', 'title', 'link', 'meta', 'map', 'area', 'fieldset', 'legend', 'datalist', 'output',
]);
/** Elements skipped like boilerplate-named ones: only when they hold a minor share of the text (some sites wrap the whole page in a <form>). */
const SKIP_IF_MINOR_TAGS = new Set(['form', 'header']);
/** Elements that start a new block. */
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'body', 'html', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl',
  'dt', 'dd', 'blockquote', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'figure',
  'figcaption', 'address', 'hr', 'center', 'details', 'summary', 'hgroup', 'picture',
]);
const ROLE_SKIP_RE = /^(?:navigation|banner|contentinfo|complementary|dialog|alertdialog|search|menu|menubar|toolbar|tablist|button)$/i;
const HIDDEN_STYLE_RE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/**
 * Class/id words of elements that hold page furniture rather than article text. Matched against the
 * dash/underscore-separated parts of each class and id, so "article-share" matches "share" and
 * "shareholders" does not.
 */
const BOILERPLATE_WORDS = new Set([
  'comment', 'comments', 'commentlist', 'disqus', 'share', 'sharing', 'sharebar', 'social', 'socialbar', 'related',
  'recommended', 'recommendations', 'newsletter', 'subscribe', 'subscription', 'promo', 'advert', 'advertisement',
  'ad', 'ads', 'adslot', 'adunit', 'sponsor', 'sponsored', 'sidebar', 'widget', 'breadcrumb', 'breadcrumbs',
  'footer', 'nav', 'navbar', 'navigation', 'menu', 'masthead', 'popup', 'modal', 'cookie', 'cookies', 'signup',
  'outbrain', 'taboola', 'tags', 'taglist', 'trending', 'popular', 'byline', 'dateline', 'author', 'bio',
  'toolbar', 'pagination', 'pager', 'skip', 'sr', 'visually', 'offscreen', 'caption', 'credit', 'credits',
  'meta', 'rating', 'rss', 'print', 'email', 'follow', 'paywall', 'teaser', 'next', 'prev', 'previous',
  'banner', 'cta', 'overlay', 'login', 'tooltip', 'jump', 'toc', 'embed', 'video', 'gallery', 'newsletters',
]);
/** Last parts of a class that name the main text ("entry-content", "article-body"): such a class is never furniture. */
const CONTENT_WORDS = new Set(['article', 'content', 'body', 'story', 'entry', 'post', 'text', 'main', 'blog', 'inner', 'wrapper']);
const TOKEN_PART_RE = /[_-]+|(?<=[a-z])(?=[A-Z])/;
/** A boilerplate-named element holding more than this share of the page text is a layout wrapper, not furniture. */
const MAX_SKIPPED_SHARE = 0.5;

/**
 * True when the element's class/id names page furniture (share bar, comments, related links ...):
 * one class or id has a furniture word among its parts, and none ends in a content word.
 */
export function isBoilerplateNamed(el: Element): boolean {
  const c = el.attribs['class'];
  const id = el.attribs['id'];
  if (!c && !id) return false;
  let boiler = false;
  for (const token of `${c ?? ''} ${id ?? ''}`.split(/\s+/)) {
    if (token === '') continue;
    const parts = token.split(TOKEN_PART_RE).map((w) => w.toLowerCase());
    if (CONTENT_WORDS.has(parts[parts.length - 1]!)) return false;
    if (parts.some((w) => BOILERPLATE_WORDS.has(w))) boiler = true;
  }
  return boiler;
}

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if (a['hidden'] !== undefined || a['aria-hidden'] === 'true') return true;
  const style = a['style'];
  return style !== undefined && HIDDEN_STYLE_RE.test(style);
}

/** Total text length under each element (one iterative post-order pass). */
export function textLengths(root: AnyNode): Map<AnyNode, number> {
  const len = new Map<AnyNode, number>();
  const stack: Array<{ node: AnyNode; done: boolean }> = [{ node: root, done: false }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    const n = top.node;
    if (n.type === 'text') {
      len.set(n, n.data.trim().length);
      continue;
    }
    if (!('children' in n)) continue;
    if (n.type === 'script' || n.type === 'style') continue;
    if (top.done) {
      let sum = 0;
      for (const c of n.children) sum += len.get(c) ?? 0;
      len.set(n, sum);
    } else {
      stack.push({ node: n, done: true });
      for (const c of n.children) stack.push({ node: c, done: false });
    }
  }
  return len;
}

function kindOf(tag: string): Block['kind'] {
  switch (tag) {
    case 'p': return 'p';
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': return 'h';
    case 'li': case 'dt': case 'dd': return 'li';
    case 'pre': return 'pre';
    case 'blockquote': return 'quote';
    case 'td': case 'th': return 'cell';
    case 'figcaption': case 'caption': return 'caption';
    default: return 'div';
  }
}

/**
 * Splits the page into text blocks in document order.
 *
 * @param root the document (or any element) to walk
 * @param lengths text lengths from {@link textLengths}, to keep big boilerplate-named wrappers
 */
export function collectBlocks(root: AnyNode, lengths: Map<AnyNode, number>): PageBlocks {
  const total = lengths.get(root) ?? 0;
  const blocks: Block[] = [];
  const ranges = new Map<Element, BlockRange>();
  let buf = '';
  let linkChars = 0;
  let linkDepth = 0;
  let blockEl: Element | undefined;

  const flush = (): void => {
    const text = buf.replace(/[ \t\r\f\v\u00a0]+/g, ' ').replace(/ ?\n ?/g, '\n').trim();
    if (text !== '' && blockEl !== undefined) {
      const tag = blockEl.name;
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

  type Frame = { node: AnyNode; exit: boolean; prevBlock?: Element; start?: number; furnished?: boolean };
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
    if (n.type !== 'tag' && n.type !== 'root') continue;
    if (n.type === 'tag') {
      const el = n;
      const tag = el.name;
      if (tag === 'br') {
        buf += '\n';
        continue;
      }
      if (SKIP_TAGS.has(tag) || isHidden(el)) continue;
      const role = el.attribs['role'];
      if (role !== undefined && ROLE_SKIP_RE.test(role)) continue;
      if (SKIP_IF_MINOR_TAGS.has(tag) && (lengths.get(el) ?? 0) <= total * MAX_SKIPPED_SHARE) continue;
      const isBlock = BLOCK_TAGS.has(tag);
      const furnished = isBoilerplateNamed(el);
      if (isBlock || furnished) flush();
      if (furnished) furniture = [...furniture, el];
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

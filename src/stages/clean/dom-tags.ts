/**
 * What the block walk knows about tags and attributes: which elements it skips (scripts,
 * landmarks, hidden ones), which start a block and of what kind, and which class or id names mark
 * page furniture (share bars, comments, related links; the words live in vocabulary.yaml).
 */
import type { Element } from 'domhandler';
import { CONTENT_WORDS, FURNITURE_ANY_RE, FURNITURE_WORDS } from './vocabulary.js';

/** Elements whose content is never article text. */
export const SKIP_TAGS = new Set([
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
export const LANDMARK_TAGS = new Set(['nav', 'aside', 'footer', 'menu', 'dialog']);
/**
 * Elements treated as furniture, like furniture-named ones: dropped inside the article, ignored
 * around it (some sites wrap the whole page in a <form>, or the article in a <header>).
 */
export const FURNITURE_TAGS = new Set(['form', 'header']);
/** Elements that start a new block. */
export const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
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
export const ROLE_SKIP_RE =
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

export function isHidden(el: Element): boolean {
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

/** What a block of text is: paragraph, heading, list item, preformatted, quote, table cell, caption, other. */
export type BlockKind = 'p' | 'h' | 'li' | 'pre' | 'quote' | 'cell' | 'caption' | 'div';

/** The kind of block an element's text makes. */
export function kindOf(tag: string): BlockKind {
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

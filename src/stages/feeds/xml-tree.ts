/**
 * A recovering XML reader for feeds: htmlparser2's tokenizer in XML mode builds a small tree and
 * never throws on broken markup (a bare `&`, an undefined entity, a misspelt or missing end tag,
 * a truncated file). Entities are decoded here, once: the five XML ones, character references,
 * HTML's named entities (feeds use them without declaring them), and simple entities declared in
 * the DOCTYPE. An entity whose value refers to other entities is refused (that is how expansion
 * bombs are built), and external entities are never fetched.
 */
import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';
import { FeedParseError } from './errors/feed-parse-error.js';

/** Namespaces the feed mapping reads; an element's `ns` is one of these URIs, '' or another URI. */
export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rss10: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  xhtml: 'http://www.w3.org/1999/xhtml',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

/** Prefixes that feeds use without declaring them, read as their usual namespace. */
const CONVENTIONAL_PREFIXES: Record<string, string> = {
  atom: NS.atom, dc: NS.dc, dcterms: NS.dcterms, content: NS.content, rdf: NS.rdf, xhtml: NS.xhtml, xml: NS.xml,
};

/**
 * Elements that never contain themselves in a feed: opening one inside another closes the open one
 * (a misspelt `</itme>` would otherwise swallow every later item).
 */
const NEVER_NESTED = new Set(['item', 'entry']);
/**
 * Elements deeper than this are not built (their text goes to the deepest kept element): feeds
 * nest a dozen levels, and text readers walk the tree recursively.
 */
const MAX_DEPTH = 200;
/** Elements whose own text is never read: whitespace between their children is not kept. */
const CONTAINERS = new Set(['rss', 'channel', 'feed', 'rdf', 'item', 'entry', '#document']);
const BLANK = /^\s*$/;
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Entities declared in a DOCTYPE may not be longer than this (a declared entity is not a document). */
const MAX_ENTITY_VALUE_CHARS = 10_000;

export interface XmlElement {
  /** The name as written, with its prefix. */
  name: string;
  /** Local name, lower-cased (feeds write pubDate, pubdate and PUBDATE). */
  local: string;
  /** Namespace URI; '' when none. */
  ns: string;
  /** Attributes by name as written, values decoded. */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** The element children only (the same objects as in children). */
  elements: XmlElement[];
  /** The base URI in scope (xml:base resolved against the parent's base). */
  base: string;
  /** False when the element was never closed (implied by a parent's end or the end of the file). */
  closed: boolean;
}

/** Text (entities decoded) or a CDATA section (verbatim). */
export interface XmlText {
  text: string;
  cdata: boolean;
}

export type XmlNode = XmlElement | XmlText;

export function isElement(node: XmlNode): node is XmlElement {
  return 'local' in node;
}

const DOCTYPE = /<!DOCTYPE\s[^[>]*(?:\[([\s\S]*?)\]\s*)?>/i;
const ENTITY_DECL = /<!ENTITY\s+(%\s+)?([\w.:-]+)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)\s*>/gi;
const REFERENCE = /&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z][\w.:-]{0,31});?/g;

/**
 * General entities declared in a DOCTYPE's internal subset, values decoded (character references,
 * XML's and HTML's named entities). An entity whose value refers to another declared entity is how
 * expansion bombs are built: the feed is refused. Parameter entities (`%name;`) are never expanded,
 * external ones (SYSTEM/PUBLIC) never fetched.
 */
function declaredEntities(subset: string, feedUrl: string): Map<string, string> {
  const declarations = [...subset.matchAll(ENTITY_DECL)].filter((m) => !m[1]);
  const names = new Set(declarations.map((m) => m[2]!));
  const entities = new Map<string, string>();
  for (const [, , name, double, single, external] of declarations) {
    if (external) continue; // never fetched: the reference stays as written
    const value = double ?? single ?? '';
    for (const ref of value.matchAll(REFERENCE)) {
      if (names.has(ref[1]!)) {
        throw new FeedParseError(`feed ${feedUrl} is not well-formed XML: its DOCTYPE declares entities built from other entities (expansion refused)`);
      }
    }
    if (value.length > MAX_ENTITY_VALUE_CHARS) {
      throw new FeedParseError(`feed ${feedUrl} is not well-formed XML: its DOCTYPE declares an entity of ${value.length} characters`);
    }
    entities.set(name!, decodeReferences(value));
  }
  return entities;
}

/** The five XML entities, looked up before HTML's table. */
const XML_ENTITIES = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"]]);
/** HTML entity names already looked up (the table is large; feeds use a handful of names). */
const htmlEntityCache = new Map<string, string | null>();
const HTML_ENTITY_CACHE_MAX = 2_048;

function htmlEntity(whole: string): string | null {
  let decoded = htmlEntityCache.get(whole);
  if (decoded === undefined) {
    const text = decodeHTML(whole);
    decoded = text === whole ? null : text;
    if (htmlEntityCache.size < HTML_ENTITY_CACHE_MAX) htmlEntityCache.set(whole, decoded);
  }
  return decoded;
}

const NAME = /^[A-Za-z][\w.:-]*$/;
const DECIMAL = /^#\d{1,7}$/;
const HEX = /^#[xX][0-9a-fA-F]{1,6}$/;
/** A reference longer than this (between & and ;) is not one. */
const MAX_REFERENCE_CHARS = 32;

function character(code: number): string | undefined {
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : undefined;
}

/** The text a reference (between & and ;) stands for, or undefined when it is none. */
function lookup(ref: string, declared?: Map<string, string>): string | undefined {
  const xml = XML_ENTITIES.get(ref);
  if (xml !== undefined) return xml;
  if (DECIMAL.test(ref)) return character(parseInt(ref.slice(1), 10));
  if (HEX.test(ref)) return character(parseInt(ref.slice(2), 16));
  if (!NAME.test(ref)) return undefined;
  return declared?.get(ref) ?? htmlEntity(`&${ref};`) ?? undefined;
}

/**
 * Decodes entity and character references (`&name;`, `&#n;`, `&#xh;`); unknown ones, and `&`
 * without a `;` (a bare ampersand in a URL), stay as written. One scan, no regex per reference.
 */
export function decodeReferences(text: string, declared?: Map<string, string>): string {
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    // Look for the ; only within a reference's length: bare ampersands must not make this quadratic.
    const window = text.slice(amp + 1, amp + 2 + MAX_REFERENCE_CHARS);
    const length = window.indexOf(';');
    const value = length > 0 ? lookup(window.slice(0, length), declared) : undefined;
    const semi = amp + 1 + length;
    if (value === undefined) {
      amp = text.indexOf('&', amp + 1);
      continue;
    }
    out += text.slice(from, amp) + value;
    from = semi + 1;
    amp = text.indexOf('&', from);
  }
  return out + text.slice(from);
}

function resolve(href: string, base: string): string {
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return base;
  }
}

/** A scope of namespace declarations; each element gets its own copy only when it declares some. */
type Scope = Record<string, string>;

function declarations(attrs: Record<string, string>, parent: Scope): Scope {
  let scope = parent;
  for (const name in attrs) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    if (scope === parent) scope = { ...parent };
    scope[name === 'xmlns' ? '' : name.slice(6)] = attrs[name]!.trim();
  }
  return scope;
}

/**
 * Called when an item or entry (NEVER_NESTED) is complete, with the document's root element; when
 * it returns true the item has been read and leaves the tree, so a 10,000-item feed never holds
 * 10,000 subtrees at once.
 */
export type ItemHandler = (item: XmlElement, root: XmlElement) => boolean;

/**
 * Reads `body` into a tree rooted at a synthetic document element (local '#document'). Never
 * throws on broken markup; throws FeedParseError only for refused DOCTYPE entities.
 */
export function readXml(body: string, feedUrl: string, onItem?: ItemHandler): XmlElement {
  let text = body;
  let declared: Map<string, string> | undefined;
  const doctype = DOCTYPE.exec(text.slice(0, 100_000));
  if (doctype) {
    if (doctype[1]) declared = declaredEntities(doctype[1], feedUrl);
    text = text.slice(0, doctype.index) + text.slice(doctype.index + doctype[0].length);
  }
  const document: XmlElement = {
    name: '#document', local: '#document', ns: '', attrs: {}, children: [], elements: [], base: feedUrl, closed: true,
  };
  const stack: XmlElement[] = [document];
  const scopes: Scope[] = [{}];
  let inCdata = false;
  let unbuilt = 0;
  const parents = new Map<XmlElement, XmlElement>();
  /** Hands a complete item to onItem and, once read, drops it from its parent. */
  const finish = (item: XmlElement): void => {
    const parent = parents.get(item);
    parents.delete(item);
    if (!onItem || !parent || !onItem(item, document.elements[0]!)) return;
    if (parent.elements[parent.elements.length - 1] === item) parent.elements.pop();
    if (parent.children[parent.children.length - 1] === item) parent.children.pop();
  };
  const parser = new Parser(
    {
      onopentag(name, rawAttrs) {
        if (stack.length >= MAX_DEPTH) {
          unbuilt++;
          return;
        }
        const local = (name.includes(':') ? name.slice(name.indexOf(':') + 1) : name).toLowerCase();
        if (NEVER_NESTED.has(local)) {
          const open = stack.findLastIndex((e) => e.local === local);
          if (open > 0) {
            const item = stack[open]!;
            stack.length = open;
            scopes.length = open;
            finish(item);
          }
        }
        const parent = stack[stack.length - 1]!;
        let attrs = NO_ATTRIBUTES;
        for (const k in rawAttrs) {
          if (attrs === NO_ATTRIBUTES) attrs = {};
          attrs[k] = decodeReferences(rawAttrs[k]!, declared);
        }
        const scope = declarations(attrs, scopes[scopes.length - 1]!);
        const colon = name.indexOf(':');
        const prefix = colon > 0 ? name.slice(0, colon) : '';
        const ns = scope[prefix] ?? CONVENTIONAL_PREFIXES[prefix.toLowerCase()] ?? (prefix ? `prefix:${prefix.toLowerCase()}` : '');
        const xmlBase = attrs['xml:base'];
        const base = xmlBase !== undefined ? resolve(xmlBase, parent.base) : parent.base;
        const element: XmlElement = { name, local, ns, attrs, children: [], elements: [], base, closed: false };
        parent.children.push(element);
        parent.elements.push(element);
        if (NEVER_NESTED.has(local)) parents.set(element, parent);
        stack.push(element);
        scopes.push(scope);
      },
      onclosetag(name, isImplied) {
        if (unbuilt > 0) {
          unbuilt--;
          return;
        }
        // An element this reader closed already (NEVER_NESTED) is closed again by the tokenizer later: skip it.
        if (stack.length <= 1 || stack[stack.length - 1]!.name !== name) return;
        const element = stack.pop()!;
        scopes.pop();
        element.closed = !isImplied;
        if (NEVER_NESTED.has(element.local)) finish(element);
      },
      ontext(data) {
        const parent = stack[stack.length - 1]!;
        if (!inCdata && CONTAINERS.has(parent.local) && BLANK.test(data)) return;
        parent.children.push(inCdata ? { text: data, cdata: true } : { text: decodeReferences(data, declared), cdata: false });
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
    },
    { xmlMode: true, decodeEntities: false, recognizeCDATA: true, recognizeSelfClosing: true },
  );
  parser.end(text);
  return document;
}

/** The child elements of `el`. */
export function childElements(el: XmlElement): XmlElement[] {
  return el.elements;
}

/** The text of `el` and its descendants, CDATA included, as written (entities decoded once). */
export function textContent(el: XmlElement): string {
  const only = el.children.length === 1 ? el.children[0]! : undefined;
  if (only && !isElement(only)) return only.text;
  let out = '';
  for (const child of el.children) out += isElement(child) ? textContent(child) : child.text;
  return out;
}

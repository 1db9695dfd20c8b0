/**
 * A recovering XML reader for feeds: htmlparser2's tokenizer in XML mode builds a small tree and
 * never throws on broken markup (a bare `&`, an undefined entity, a misspelt or missing end tag,
 * a truncated file). Entities are decoded once (xml-entities.ts): the five XML ones, character references,
 * HTML's named entities (feeds use them without declaring them), and simple entities declared in
 * the DOCTYPE. An entity whose value refers to other entities is refused (that is how expansion
 * bombs are built), and external entities are never fetched.
 */
import { Parser } from 'htmlparser2';
import { decodeReferences, declaredEntities, DOCTYPE } from './xml-entities.js';

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
  atom: NS.atom,
  dc: NS.dc,
  dcterms: NS.dcterms,
  content: NS.content,
  rdf: NS.rdf,
  xhtml: NS.xhtml,
  xml: NS.xml,
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
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});

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
    name: '#document',
    local: '#document',
    ns: '',
    attrs: {},
    children: [],
    elements: [],
    base: feedUrl,
    closed: true,
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
        const ns =
          scope[prefix] ??
          CONVENTIONAL_PREFIXES[prefix.toLowerCase()] ??
          (prefix ? `prefix:${prefix.toLowerCase()}` : '');
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
        parent.children.push(
          inCdata ? { text: data, cdata: true } : { text: decodeReferences(data, declared), cdata: false },
        );
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

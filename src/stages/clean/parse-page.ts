/**
 * Parses a page into a tree the way a browser would where it matters for the text, without paying
 * for a full HTML5 parse on every page.
 *
 * htmlparser2 (cheerio's fast parser) builds the same tree as a browser for most pages, tag soup
 * included: it closes <p>, <li>, <td> and friends implicitly and pops misnested end tags. Where it
 * departs from the HTML5 tree-construction rules in a way that moves text, the page is parsed
 * again with parse5, which implements those rules: body content in a <head> that is never closed,
 * content after </body> or </html>, text straight in <html>, a page without <html> or <body>.
 */
import { load } from 'cheerio';
import type { AnyNode, Document, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { FastTokenizer } from './fast-tokenizer.js';

/** Elements that belong in <head>: anything else there means the parser kept body content in it. */
const HEAD_TAGS = new Set(['title', 'meta', 'link', 'script', 'style', 'base', 'noscript', 'template', 'object']);
const NON_SPACE_RE = /[^\s\u00a0\ufeff]/;

/** A parsed page and the <body> to read the article from. */
export interface ParsedPage {
  doc: Document;
  /** The body element (the document itself when there is none). */
  body: AnyNode;
  /** Which parser built the tree. */
  parser: 'htmlparser2' | 'parse5';
}

function isText(n: AnyNode): boolean {
  return n.type === 'text' && NON_SPACE_RE.test(n.data);
}

function childTag(parent: Document | Element, name: string): Element | undefined {
  return parent.children.find((n): n is Element => n.type === 'tag' && n.name === name);
}

/**
 * The <body> of a tree whose shape a browser would also give: html > head, body, nothing else
 * holding content. Undefined when htmlparser2's tree departs from a browser's.
 */
function wellFormedBody(doc: Document): Element | undefined {
  let html: Element | undefined;
  for (const n of doc.children) {
    if (n.type === 'tag' && n.name === 'html' && html === undefined) html = n;
    else if (n.type === 'tag' || isText(n)) return undefined; // content beside <html>: after </html>, or no <html>
  }
  if (html === undefined) return undefined;
  let body: Element | undefined;
  for (const n of html.children) {
    if (n.type === 'tag' && n.name === 'body' && body === undefined) body = n;
    else if (n.type === 'tag' && n.name === 'head') {
      if (n.children.some((c) => isText(c) || (c.type === 'tag' && !HEAD_TAGS.has(c.name)))) return undefined;
    } else if (n.type === 'tag' || isText(n)) return undefined;
  }
  return body;
}

const HTMLPARSER2_OPTIONS = {
  xmlMode: false,
  decodeEntities: true,
  lowerCaseTags: true,
  lowerCaseAttributeNames: true,
  Tokenizer: FastTokenizer,
};

/** Parses the page: htmlparser2 when its tree is a browser's, parse5 (HTML5 tree construction) when not. */
export function parsePage(html: string): ParsedPage {
  // htmlparser2 in HTML mode, as cheerio runs it, on the fast tokenizer: ~6x faster than parse5.
  const fastDoc = parseDocument(html, HTMLPARSER2_OPTIONS);
  const body = wellFormedBody(fastDoc);
  if (body !== undefined) return { doc: fastDoc, body, parser: 'htmlparser2' };
  const full = load(html);
  const doc = full.root()[0]!;
  const html5 = childTag(doc, 'html');
  return { doc, body: (html5 && childTag(html5, 'body')) ?? doc, parser: 'parse5' };
}

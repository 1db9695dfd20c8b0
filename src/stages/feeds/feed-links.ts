/**
 * Which URL is an entry's article, resolved against xml:base (every element's own base) and the
 * feed's URL.
 * - Atom (RFC 4287 §4.2.7.2): a link without rel is rel="alternate"; the article is the first
 *   alternate link of an HTML type (or no type), else the first alternate of any type. self,
 *   related, enclosure, via, license… are never the article. A link written as element text
 *   instead of href is read too. With no alternate link, an http(s) `<id>` is the article.
 * - RSS: `<link>`, else an Atom alternate link inside the item, else a `<guid>` that is a permalink
 *   (isPermaLink true, resolved like a link; or absent, when it is an absolute URL).
 */
import { resolveUrl } from '../../shared/resolve-url.js';
import { childElements, NS, textContent, type XmlElement } from './xml-tree.js';

const HTML_TYPES = new Set(['', 'text/html', 'application/xhtml+xml', 'html']);
const HTTP_URL = /^https?:\/\//i;

function isAtom(el: XmlElement): boolean {
  return el.ns === NS.atom || el.ns === NS.atom03;
}

/** The article URL among an element's Atom `<link>` children (`atomOnly`: ignore un-namespaced links). */
export function atomAlternate(parent: XmlElement, atomOnly: boolean): string | null {
  let anyType: string | null = null;
  for (const link of childElements(parent)) {
    if (link.local !== 'link' || (atomOnly && !isAtom(link))) continue;
    const rel = (link.attrs.rel ?? 'alternate').trim().toLowerCase();
    if (rel !== 'alternate' && rel !== 'http://www.iana.org/assignments/relation/alternate') continue;
    const href = resolveUrl(link.attrs.href ?? link.attrs.url ?? textContent(link), link.base);
    if (!href) continue;
    if (HTML_TYPES.has((link.attrs.type ?? '').trim().toLowerCase())) return href;
    anyType ??= href;
  }
  return anyType;
}

/** The article URL of an Atom entry (may be a non-http id; the caller keeps only http(s)). */
export function atomEntryLink(entry: XmlElement): string | null {
  const alternate = atomAlternate(entry, false);
  if (alternate) return alternate;
  const id = childElements(entry).find((c) => c.local === 'id');
  const resolved = id ? resolveUrl(textContent(id), id.base) : null;
  return resolved && HTTP_URL.test(resolved) ? resolved : null;
}

/** The article URL of an RSS (0.9x/1.0/2.0) item. */
export function rssItemLink(item: XmlElement): string | null {
  const children = childElements(item);
  for (const link of children) {
    if (link.local !== 'link' || isAtom(link) || link.ns.startsWith('prefix:')) continue;
    const href = resolveUrl(link.attrs.href ?? textContent(link), link.base);
    if (href) return href;
  }
  const alternate = atomAlternate(item, true);
  if (alternate) return alternate;
  for (const guid of children) {
    if (guid.local !== 'guid') continue;
    const permalink = (guid.attrs.isPermaLink ?? guid.attrs.ispermalink ?? '').trim().toLowerCase();
    if (permalink === 'false') return null;
    const text = textContent(guid).trim();
    // Declared a permalink, a relative guid is a URL; by default only an absolute one is.
    return permalink === 'true' || HTTP_URL.test(text) ? resolveUrl(text, guid.base) : null;
  }
  return null;
}

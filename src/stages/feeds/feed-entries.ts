/**
 * The entries of an RSS (0.9x, 1.0/RDF, 2.0, any version or namespace), Atom (0.3, 1.0) or
 * JSON Feed (1.0, 1.1) document, each field read on its own: a field that cannot be read is
 * left empty (with a note), never the entry or the feed.
 */
import { resolveUrl } from '../../shared/resolve-url.js';
import { readFeedDate } from '../web-dates/web-dates.js';
import { atomAlternate, atomEntryLink, rssItemLink } from './feed-links.js';
import { collapse, innerMarkup, plainTextOf } from './feed-text.js';
import { childElements, NS, textContent, type XmlElement } from './xml-tree.js';

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

/** One entry as the document gives it (links may be relative-resolved but not yet http-checked). */
export interface RawEntry {
  title: string;
  link: string | null;
  guid: string | null;
  published: string | null;
  author: string | null;
  categories: string[];
  /** HTML or text, as written. */
  summaryHtml: string;
  content: string | null;
}

export interface RawFeed {
  format: FeedFormat;
  title: string;
  link: string | null;
  entries: RawEntry[];
  notes: string[];
}

const MODULES = new Set<string>([NS.dc, NS.dcterms, NS.content, NS.rdf, NS.xhtml]);

/** An element in the feed's own vocabulary: Atom elements of an Atom feed, un-moduled ones of RSS. */
function own(el: XmlElement, atom: boolean): boolean {
  if (atom) return el.ns === NS.atom || el.ns === NS.atom03 || el.ns === '';
  return !MODULES.has(el.ns) && el.ns !== NS.atom && el.ns !== NS.atom03 && !el.ns.startsWith('prefix:');
}

function find(el: XmlElement, test: (c: XmlElement) => boolean): XmlElement | undefined {
  return childElements(el).find(test);
}

function nonEmpty(text: string | undefined): string | null {
  const t = text === undefined ? '' : collapse(text);
  return t === '' ? null : t;
}

/** Date elements, best first: publication dates, then modification dates (feedparser's fallback order), then creation. */
const DATE_ELEMENTS: Array<[string, string[]]> = [
  ['pubdate', ['own']],
  ['issued', ['own', NS.dcterms]],
  ['published', ['own', NS.atom]],
  ['date', [NS.dc]],
  ['updated', ['own', NS.atom]],
  ['modified', ['own', NS.dcterms]],
  ['created', ['own', NS.dcterms]],
];

function entryDate(entry: XmlElement, atom: boolean, notes: string[], where: string): string | null {
  const children = childElements(entry);
  for (const [local, spaces] of DATE_ELEMENTS) {
    for (const el of children) {
      if (el.local !== local || !spaces.some((s) => (s === 'own' ? own(el, atom) : el.ns === s))) continue;
      const reading = readFeedDate(textContent(el));
      if (reading.note) notes.push(`${where}: <${el.name}> ${reading.note}`);
      if (reading.iso) return reading.iso;
    }
  }
  return null;
}

function entryTitle(entry: XmlElement, atom: boolean): string {
  const title = find(entry, (c) => c.local === 'title' && own(c, atom)) ?? find(entry, (c) => c.local === 'title');
  if (!title) return '';
  return plainTextOf(title, atom || title.ns === NS.atom);
}

function entryAuthor(entry: XmlElement): string | null {
  for (const el of childElements(entry)) {
    if (el.local === 'creator' || (el.local === 'author' && !childElements(el).some((c) => c.local === 'name'))) {
      const name = nonEmpty(textContent(el));
      if (name) return name;
    }
    if (el.local === 'author') {
      const name = find(el, (c) => c.local === 'name');
      if (name && nonEmpty(textContent(name))) return nonEmpty(textContent(name));
    }
  }
  return null;
}

function entryCategories(entry: XmlElement): string[] {
  const names = childElements(entry)
    .filter((c) => c.local === 'category' || c.local === 'subject')
    .map((c) => nonEmpty(c.attrs.term ?? c.attrs.label ?? textContent(c)))
    .filter((c): c is string => c !== null);
  return [...new Set(names)];
}

function readEntry(entry: XmlElement, atom: boolean, notes: string[], where: string): RawEntry {
  const children = childElements(entry);
  const encoded = children.find((c) => c.local === 'encoded' && c.ns === NS.content);
  const atomContent = atom ? children.find((c) => c.local === 'content' && own(c, true)) : undefined;
  const summary = children.find(
    (c) => (c.local === 'summary' && own(c, atom)) || (c.local === 'description' && own(c, false)),
  );
  const contentEl = encoded ?? atomContent;
  const content = contentEl ? nonEmpty(innerMarkup(contentEl)) : null;
  const guidEl = children.find((c) => (c.local === 'guid' && !atom) || (c.local === 'id' && own(c, atom)));
  const about = atom ? undefined : entry.attrs['rdf:about'];
  return {
    title: entryTitle(entry, atom),
    link: atom ? atomEntryLink(entry) : rssItemLink(entry),
    guid: nonEmpty(guidEl ? textContent(guidEl) : about),
    published: entryDate(entry, atom, notes, where),
    author: entryAuthor(entry),
    categories: entryCategories(entry),
    summaryHtml: summary ? innerMarkup(summary) : (content ?? ''),
    content,
  };
}

/** The format a root element announces, or null when it is no feed. */
export function formatOf(root: XmlElement | undefined): FeedFormat | null {
  if (!root) return null;
  if (root.local === 'rss' || root.local === 'channel') return 'rss';
  if (root.local === 'rdf') return 'rdf';
  if (root.local === 'feed') return 'atom';
  return null;
}

/** Reads items as the XML reader completes them (xml-tree's ItemHandler), in document order. */
export class EntryCollector {
  readonly entries: RawEntry[] = [];
  readonly notes: string[] = [];

  /** The ItemHandler to pass to readXml. */
  readonly take = (el: XmlElement, root: XmlElement): boolean => {
    const format = formatOf(root);
    if (format === null || el.local !== (format === 'atom' ? 'entry' : 'item')) return false;
    this.entries.push(readEntry(el, format === 'atom', this.notes, `entry ${this.entries.length + 1}`));
    return true;
  };
}

/** The feed of a document read with `collected.take` as its item handler; null when it is not a feed. */
export function readXmlFeed(document: XmlElement, collected: EntryCollector): RawFeed | null {
  const root = childElements(document)[0];
  const format = formatOf(root);
  if (!root || !format) return null;
  const atom = format === 'atom';
  const channel = find(root, (c) => c.local === 'channel');
  const head = atom ? root : (channel ?? root);
  const titleEl = find(head, (c) => c.local === 'title');
  const linkEl = atom ? undefined : find(head, (c) => c.local === 'link' && own(c, false));
  return {
    format,
    title: titleEl ? plainTextOf(titleEl, atom) : '',
    link: atom ? atomAlternate(head, false) : linkEl ? resolveUrl(textContent(linkEl), linkEl.base) : null,
    entries: collected.entries,
    notes: collected.notes,
  };
}

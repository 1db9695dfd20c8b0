/**
 * Which watches an article matches: a pure function over an article prepared once (its words,
 * names and sites lower-cased) and watches compiled once, so each article × watch test is a few
 * set look-ups (1,000 articles × 100 watches: `npm run bench -- watches`).
 */
import type { WatchFilter } from './watch-spec.js';

/** What matching reads of an article (a stored story and the article that just joined it). */
export interface WatchedArticle {
  title: string;
  text: string;
  topics: readonly string[];
  entities: readonly { name: string; type: string }[];
  /** Types of the events the article reports. */
  eventTypes: readonly string[];
  /** People named in its events (both sides). */
  people: readonly string[];
  language: string | null;
  /** More languages it came in (a timeline entry: those of the articles reporting it). */
  languages?: readonly (string | null)[];
  relevance: number;
  /** Every site that carried the story. */
  sites: readonly (string | null)[];
}

export interface PreparedArticle {
  words: Set<string>;
  topics: Set<string>;
  /** Lower-cased entity names and event people, for "part of a name" tests. */
  names: string[];
  people: string[];
  eventTypes: Set<string>;
  languages: Set<string>;
  relevance: number;
  sites: string[];
}

export interface CompiledWatch {
  name: string;
  topics: string[];
  entities: string[];
  events: string[];
  people: string[];
  words: string[];
  lang: string | null;
  minRelevance: number;
  sites: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

export function prepareArticle(a: WatchedArticle): PreparedArticle {
  const people = a.people.map((p) => p.toLowerCase());
  return {
    words: new Set([...wordsOf(a.title), ...wordsOf(a.text)]),
    topics: new Set(a.topics),
    names: [...a.entities.map((e) => e.name.toLowerCase()), ...people],
    people: [...a.entities.filter((e) => e.type === 'person').map((e) => e.name.toLowerCase()), ...people],
    eventTypes: new Set(a.eventTypes),
    languages: new Set(
      [a.language, ...(a.languages ?? [])].flatMap((l) => (l ? [l.toLowerCase().split('-')[0]!] : [])),
    ),
    relevance: a.relevance,
    sites: a.sites.filter((s): s is string => !!s).map((s) => s.toLowerCase().replace(/^www\./, '')),
  };
}

export function compileWatch(name: string, f: WatchFilter): CompiledWatch {
  return {
    name,
    topics: f.topics,
    entities: f.entities.map((e) => e.toLowerCase()),
    events: f.events,
    people: f.people.map((p) => p.toLowerCase()),
    words: f.q ? wordsOf(f.q) : [],
    lang: f.lang ?? null,
    minRelevance: f.minRelevance ?? 0,
    sites: f.sites.map((s) => s.toLowerCase().replace(/^www\./, '')),
  };
}

const siteMatches = (site: string, wanted: string) => site === wanted || site.endsWith(`.${wanted}`);

/**
 * True when the article passes every part of the watch's filter: any of its topics, event types
 * and sites; each of its entities, people and query words; its language; at least its relevance.
 */
export function matches(a: PreparedArticle, w: CompiledWatch): boolean {
  if (a.relevance < w.minRelevance) return false;
  if (w.lang !== null && !a.languages.has(w.lang)) return false;
  if (w.topics.length && !w.topics.some((t) => a.topics.has(t))) return false;
  if (w.events.length && !w.events.some((t) => a.eventTypes.has(t))) return false;
  if (w.sites.length && !w.sites.some((s) => a.sites.some((site) => siteMatches(site, s)))) return false;
  if (!w.words.every((word) => a.words.has(word))) return false;
  if (!w.entities.every((e) => a.names.some((n) => n.includes(e)))) return false;
  if (!w.people.every((p) => a.people.some((n) => n.includes(p)))) return false;
  return true;
}

/**
 * Whether a watch hears of timeline entries: it names event types or people (a watch of topics or
 * words alone hears of the articles, which carry their events already).
 */
export function hearsEvents(f: Pick<WatchFilter, 'events' | 'people'>): boolean {
  return f.events.length > 0 || f.people.length > 0;
}

/** The names of the watches the article matches. */
export function matchingWatches(a: WatchedArticle, watches: readonly CompiledWatch[]): string[] {
  const prepared = prepareArticle(a);
  return watches.filter((w) => matches(prepared, w)).map((w) => w.name);
}

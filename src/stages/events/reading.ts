/**
 * What the extractor holds while it reads one article: its compiled tools, the article's sentences
 * and reference date, and the reports found so far. Passed to each step of the reading (sides,
 * clauses, events, dates, people).
 */
import type { EntityTagger } from '../classify/entity-tagger.js';
import type { Sentence } from '../classify/types.js';
import type { Calendar, Day } from './dates.js';
import { STATE_NAMES, type ArticleReport } from './merge.js';
import type { PeopleFinder } from './people.js';
import type { PlaceFinder } from './places.js';
import type { EventRules } from './rules.js';
import type { Lang } from './types.js';

/** Built once per extractor: rules, gazetteer finders and calendars, compiled. */
export interface ExtractorTools {
  rules: EventRules;
  tagger: EntityTagger;
  people: PeopleFinder;
  places: PlaceFinder;
  calendars: Record<Lang, Calendar>;
}

/** One article being read. */
export interface ArticleReading {
  tools: ExtractorTools;
  title: string;
  /** Every sentence read, title first (for people and dates referred back to). */
  sentences: Sentence[];
  /** Title and text as one line (for the people the article names anywhere). */
  articleText: string;
  /** The day relative dates resolve against (the article's, or the latest it names), if any. */
  ref: Day | null;
  /** With no reference day, the latest year the text names (for dates without a year). */
  textYear: number | null;
  /** Reasons for dropped dates, events and sentences (for the log). */
  notes: string[];
  /** Every report of an event read so far, one per sentence (or clause) and event. */
  found: ArticleReport[];
  /** Sentences naming each US person together with each Russian person (countPairs). */
  pairs: Map<string, number>;
  /** How often the article names each person; counted when first needed. */
  articleNames?: Map<string, number>;
}

/** Whether the title names one of `names` (a person, not a state) by surname. */
export function inTitle(reading: ArticleReading, names: string[]): boolean {
  return names.some((n) => !STATE_NAMES.has(n) && reading.title.includes(n.split(' ').at(-1)!));
}

/** Characters between a span (or a regex match) and the trigger at `start`–`end`; 0 when they overlap. */
export function distance(
  d: { start: number; end: number } | { index: number; 0: string },
  start: number,
  end: number,
): number {
  const [s, e] = 'start' in d ? [d.start, d.end] : [d.index, d.index + d[0].length];
  return e <= start ? start - e : s >= end ? s - end : 0;
}

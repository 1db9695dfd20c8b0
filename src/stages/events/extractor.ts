/**
 * The event stage: US–Russia diplomatic events read from an article, one sentence at a time, by
 * the rules of events.yaml; reports of one event within the article merged into one. Plain
 * functions; no queue knowledge.
 *
 * The reading, step by step: candidates.ts picks the sentences with a trigger word;
 * sentence-sides.ts keeps those naming both sides (with coreference.ts for roles and pronouns);
 * clause.ts matches each clause's triggers; event.ts assembles each event (participants.ts,
 * event-date.ts, places.ts); article-context.ts and merge.ts complete and de-duplicate them.
 */
import { EntityTagger } from '../classify/entity-tagger.js';
import { loadGazetteer, type Gazetteer } from '../classify/gazetteer.js';
import { loadTaxonomy, type Taxonomy } from '../classify/taxonomy.js';
import {
  dropContactsOfMeetings,
  fillCounterpart,
  fillPairs,
  inheritMeetingPeople,
  inheritPlaces,
  summarise,
} from './article-context.js';
import { articleSentences, candidateSentences } from './candidates.js';
import { readClause } from './clause.js';
import { compileCalendars, latestDateIn, latestYearIn, parseArticleDate, type Day } from './dates.js';
import { languageOf } from './language.js';
import { mergeInArticle } from './merge.js';
import { PeopleFinder } from './people.js';
import { PlaceFinder } from './places.js';
import type { ArticleReading, ExtractorTools } from './reading.js';
import { loadEventRules, Matcher, type EventRules } from './rules.js';
import { sidesOf } from './sentence-sides.js';
import { EVENT_TYPES, type DiplomaticEvent, type EventInput } from './types.js';

export type { DiplomaticEvent, EventInput } from './types.js';
export { MAX_CANDIDATES, MAX_SENTENCES, MAX_TEXT_CHARS } from './candidates.js';
export { HISTORY_DAYS, NEWS_DAYS } from './event.js';
export { languageOf } from './language.js';

/** Distinct events kept per article: the densest real article in the eval sets reports eight. */
export const MAX_EVENTS = 40;

/** What the extractor found, and why it left things out. */
export interface Extraction {
  events: DiplomaticEvent[];
  /** Reasons for dropped dates, events and sentences (for the log). */
  notes: string[];
}

export interface EventExtractor {
  extract(doc: EventInput): Extraction;
}

export interface EventExtractorOptions {
  gazetteer?: Gazetteer;
  rules?: EventRules;
  /** For the phrases in which a state is the subject matter, not an actor ("the Russia probe"). */
  taxonomy?: Taxonomy;
}

/** Builds an extractor; rules and gazetteer are validated and compiled once. */
export function createEventExtractor(options: EventExtractorOptions = {}): EventExtractor {
  const gazetteer = options.gazetteer ?? loadGazetteer();
  const rules = options.rules ?? loadEventRules(gazetteer);
  const tools: ExtractorTools = {
    rules,
    tagger: new EntityTagger(gazetteer, (options.taxonomy ?? loadTaxonomy()).relevance.notActor),
    people: new PeopleFinder(gazetteer, rules),
    places: new PlaceFinder(rules, gazetteer),
    calendars: compileCalendars(rules.data.calendar),
  };
  const anyTrigger = new Matcher(
    EVENT_TYPES.flatMap((t) => [...rules.data.types[t].en, ...rules.data.types[t].ru, ...rules.data.types[t].contact]),
  );
  return { extract: (doc) => extract(tools, anyTrigger, doc) };
}

function extract(tools: ExtractorTools, anyTrigger: Matcher, doc: EventInput): Extraction {
  const notes: string[] = [];
  const { text, sentences } = articleSentences(doc, notes);
  const given: Day | null = parseArticleDate(doc.date);
  if (doc.date && !given) notes.push(`article date ${JSON.stringify(doc.date)} is not a date`);
  // An article without a date is taken to be of the latest full date it names (a caption's
  // "May 7, 2013"), so that its weekdays and relative dates still resolve.
  const ref: Day | null = given ?? latestDateIn(text, tools.calendars[languageOf(text)]);
  const candidates = candidateSentences(sentences, tools.rules, anyTrigger, notes);
  const reading: ArticleReading = {
    tools,
    title: doc.title,
    sentences,
    articleText: `${doc.title}\n${text}`.replace(/\s+/g, ' '),
    ref,
    textYear: ref ? null : latestYearIn(text),
    notes,
    found: [],
    pairs: new Map(),
  };
  // Candidates are tagged as a short article of their own.
  const { sides: tagged } = tools.tagger.tag(candidates.map((s, index) => ({ ...s, index })));
  candidates.forEach((s, i) => {
    const sided = sidesOf(reading, s, tagged[i]!);
    if (!sided) return;
    const { text, lang, mentioned, measuresOnly } = sided;
    // Independent clauses (split at semicolons) are read one by one, so a wish in one clause
    // ("they arranged meetings") does not void the event of the other.
    for (const clause of text.split(/;\s+/)) {
      const inClause =
        clause === text ? mentioned : tools.people.find(tools.rules.notSide[lang]?.blank(clause) ?? clause, lang);
      readClause(reading, clause, inClause, {
        sentence: text,
        lang,
        isTitle: s.where === 'title',
        measuresOnly,
        orig: s.index,
      });
    }
  });
  const found = reading.found;
  for (const e of found) fillCounterpart(e, reading.pairs);
  fillPairs(found, reading.pairs);
  dropContactsOfMeetings(found);
  const events = mergeInArticle(found, MAX_EVENTS, notes);
  inheritPlaces(events);
  inheritMeetingPeople(events);
  return { events, notes: summarise(notes) };
}

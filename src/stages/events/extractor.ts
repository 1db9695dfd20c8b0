/**
 * The event stage: US–Russia diplomatic events read from an article, one sentence at a time, by
 * the rules of events.yaml; reports of one event within the article merged into one. Plain
 * functions; no queue knowledge.
 */
import { EntityTagger } from '../classify/entity-tagger.js';
import { loadGazetteer, type Gazetteer } from '../classify/gazetteer.js';
import { segment } from '../classify/segmenter.js';
import { loadTaxonomy, type Taxonomy } from '../classify/taxonomy.js';
import {
  compileCalendars,
  findDates,
  latestDateIn,
  latestYearIn,
  parseArticleDate,
  resolveDate,
  type Day,
} from './dates.js';
import {
  countPairs,
  dropContactsOfMeetings,
  fillCounterpart,
  fillPairs,
  inheritMeetingPeople,
  inheritPlaces,
  isHistory,
  summarise,
} from './article-context.js';
import { mergeInArticle, STATE_NAMES, type ArticleReport } from './merge.js';
import { PeopleFinder, type EventSide, type PersonMention } from './people.js';
import { findPlace, PlaceFinder } from './places.js';
import { loadEventRules, Matcher, type EventRules } from './rules.js';
import { MAX_EVIDENCE_CHARS } from '../../shared/event-contract.js';
import { EVENT_TYPES, type DiplomaticEvent, type EventInput, type EventType, type Lang } from './types.js';

export type { DiplomaticEvent, EventInput } from './types.js';

/**
 * Sentences read per article. The longest articles of the eval sets have under 200; past this the
 * text is not a news article (a dump, a hostile input) and reading on would only cost time: at this
 * cap the worst case stays under 100 ms (npm run bench -- events).
 */
export const MAX_SENTENCES = 400;
/** Characters read per article, for the same reason: the longest eval articles have under 30,000. */
export const MAX_TEXT_CHARS = 40_000;
/** Sentences with a trigger read in full per article (real articles have a handful). */
export const MAX_CANDIDATES = 60;
/** Distinct events kept per article: the densest real article in the eval sets reports eight. */
export const MAX_EVENTS = 40;
/** Events dated this long before the article are history the article recalls, not news. */
export const HISTORY_DAYS = 366;
/**
 * Events older than this are background the guidelines leave out ("within about 90 days", with a
 * little slack for month-only dates), unless the article is about them: one of their people is
 * named in the title.
 */
export const NEWS_DAYS = 100;
/** Characters around a trigger in which a planned/cancelled cue counts for its event. */
const STATUS_WINDOW_BEFORE = 90;
const STATUS_WINDOW_AFTER = 50;
/** A date further than this from the trigger (in characters) dates another part of the sentence. */
const MAX_DATE_DISTANCE = 140;
/** Characters between a role and the name it introduces ("Foreign Minister Sergei Lavrov"). */
const ROLE_NAME_GAP = 3;
/** How far from a sanctions or expulsion trigger (in characters) the person who acts is named. */
const MAX_ACTOR_DISTANCE = 50;
/** How far after a meeting or call trigger (in characters) its counterpart may be named. */
const COUNTERPART_DISTANCE = 60;
/** Between two people joined as one party: "and", a comma, and up to four title words. */
const COORDINATED = /^\s*(?:,|and|и)\s+(?:[\p{L}.’'-]+\s+){0,4}$/u;
/** Cities listed after a place: ", London and Kiruna". */
const PLACE_LIST = /^(?:, \p{Lu}[\p{Ll}-]+)*,? and \p{Lu}[\p{Ll}-]+/u;
/** How many sentences back a pronoun's person is looked for ("He met…" after a sentence naming him). */
const ANTECEDENT_SENTENCES = 3;
/** A head of state announcing what follows: "Putin said on Sunday that …". */
const ANNOUNCES = /^\s+(?:has |had )?(?:said|says|announced|declared|ordered)\b/u;
/** Between a date and the trigger it qualifies ("a May 10 meeting", "Tuesday's call"). */
const ATTRIBUTIVE = /^(?:’s|'s)?\s*$/u;
/** Event types that one side takes against the other, naming its target. */
const MEASURES: readonly EventType[] = ['sanctions', 'expulsion'];
/** A sentence with at least this share of Cyrillic letters is read as Russian. */
const CYRILLIC_SHARE = 0.3;

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

const CYRILLIC = /[\u0400-\u04ff]/g;
const HAS_CYRILLIC = /[\u0400-\u04ff]/;
const LETTER = /\p{L}/gu;
const RU_SPLIT = /(?<=[.!?…]["»”)]*)\s+(?=["«„(]?[А-ЯЁA-Z0-9])/u;

export function languageOf(text: string): Lang {
  if (!HAS_CYRILLIC.test(text)) return 'en';
  const cyr = text.match(CYRILLIC)?.length ?? 0;
  const letters = text.match(LETTER)?.length ?? 1;
  return cyr / letters >= CYRILLIC_SHARE ? 'ru' : 'en';
}

/** Builds an extractor; rules and gazetteer are validated and compiled once. */
export function createEventExtractor(options: EventExtractorOptions = {}): EventExtractor {
  const gazetteer = options.gazetteer ?? loadGazetteer();
  const rules = options.rules ?? loadEventRules(gazetteer);
  const tagger = new EntityTagger(gazetteer, (options.taxonomy ?? loadTaxonomy()).relevance.notActor);
  const people = new PeopleFinder(gazetteer, rules);
  const places = new PlaceFinder(rules, gazetteer);
  const calendars = compileCalendars(rules.data.calendar);
  const anyTrigger = new Matcher(
    EVENT_TYPES.flatMap((t) => [...rules.data.types[t].en, ...rules.data.types[t].ru, ...rules.data.types[t].contact]),
  );

  return {
    extract(doc: EventInput): Extraction {
      const notes: string[] = [];
      let text = doc.text;
      if (text.length > MAX_TEXT_CHARS) {
        notes.push(`the article has ${text.length} characters; events were read from the first ${MAX_TEXT_CHARS}`);
        text = text.slice(0, MAX_TEXT_CHARS);
      }
      let { sentences } = segment({ title: doc.title, text });
      sentences = sentences.flatMap((s) =>
        HAS_CYRILLIC.test(s.text) ? s.text.split(RU_SPLIT).map((text) => ({ ...s, text })) : [s],
      );
      if (sentences.length > MAX_SENTENCES) {
        notes.push(`the article has ${sentences.length} sentences; events were read from the first ${MAX_SENTENCES}`);
        sentences = sentences.slice(0, MAX_SENTENCES);
      }
      sentences = sentences.map((s, index) => ({ ...s, index }));
      const titleText = doc.title;
      const inTitle = (names: string[]) =>
        names.some((n) => !STATE_NAMES.has(n) && titleText.includes(n.split(' ').at(-1)!));
      const given: Day | null = parseArticleDate(doc.date);
      if (doc.date && !given) notes.push(`article date ${JSON.stringify(doc.date)} is not a date`);
      // An article without a date is taken to be of the latest full date it names (a caption's
      // "May 7, 2013"), so that its weekdays and relative dates still resolve.
      const ref: Day | null = given ?? latestDateIn(text, calendars[languageOf(text)]);
      const textYear = ref ? null : latestYearIn(text);
      // Only sentences with a trigger word can report an event: the rest are not tagged at all.
      const long = sentences.filter((s) => s.text.length > MAX_EVIDENCE_CHARS).length;
      if (long) notes.push(`${long} sentences longer than ${MAX_EVIDENCE_CHARS} characters were not read`);
      // Whitespace runs (a line break, a double space) read as one space, for triggers as for evidence.
      let candidates = sentences
        .filter((s) => s.text.length <= MAX_EVIDENCE_CHARS && rules.prefilter.test(s.text))
        .map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ') }))
        .filter((s) => anyTrigger.test(s.text));
      if (candidates.length > MAX_CANDIDATES) {
        notes.push(`${candidates.length} sentences have an event word; the first ${MAX_CANDIDATES} were read`);
        candidates = candidates.slice(0, MAX_CANDIDATES);
      }
      const all = sentences;
      const articleText = `${doc.title}\n${text}`.replace(/\s+/g, ' ');
      let articleNames: Map<string, number> | undefined;
      // Candidates are tagged as a short article of their own; `orig` is each one's place among all.
      const read = candidates.map((s, index) => ({ ...s, index, orig: s.index }));
      const { sides: taggedSides } = tagger.tag(read);
      const found: ArticleReport[] = [];
      const pairs = new Map<string, number>();
      let current = 0; // the sentence being read, among all (for dates referred back to)
      for (const s of read) {
        current = s.orig;
        const lang = languageOf(s.text);
        const text = s.text.replace(/\s+/g, ' ');
        // A state or person named as the subject matter ("the probe into ties between Flynn and
        // Russia") is no actor: such phrases are blanked (offsets kept) before sides are read.
        const sideText = rules.notSide[lang]?.blank(text) ?? text;
        const tagged =
          sideText === text ? taggedSides[s.index]! : tagger.tag([{ ...s, text: sideText, index: 0 }]).sides[0]!;
        const sideHit = (side: EventSide) =>
          tagged.has(side === 'us' ? 'us' : 'russia') || (rules.side[side][lang]?.test(sideText) ?? false);
        let mentioned = withRoles(people.find(sideText, lang), sideText, lang);
        countPairs(pairs, mentioned);
        let both = rules.bothSides[lang]?.test(sideText) ?? false;
        let hasUs = both || mentioned.some((p) => p.side === 'us') || sideHit('us');
        let hasRu = both || mentioned.some((p) => p.side === 'ru') || sideHit('ru');
        if (hasUs !== hasRu) {
          // "His negotiations with Putin": the pronoun stands for the other side's person named last
          // in the sentences just before.
          const pronoun = rules.pronounEvent[lang]?.exec(text);
          const missing: EventSide = hasUs ? 'ru' : 'us';
          const name = pronoun ? antecedent(missing, s.orig, lang) : null;
          if (pronoun && name) {
            const at = { start: pronoun.index, end: pronoun.index + pronoun[0].length };
            mentioned = [...mentioned, { name, side: missing, ...at, speaker: false }].sort(
              (a, b) => a.start - b.start,
            );
            hasUs = hasRu = true;
          }
        } else if (!hasUs && pairs.size > 0 && rules.pairEvent[lang]?.test(text)) {
          // "That meeting in Paris took place on May 27": a meeting of the pair the article is about.
          both = hasUs = hasRu = true;
        }
        // "The law, which Trump signed on Aug. 2, requires sanctions on … the Russian entities": the
        // side a sanction or expulsion strikes may be named by its target phrase alone, when the side
        // that acts is named by a person or its legislature (a specific act). Such a sentence reports
        // only measures, not meetings of the target's side.
        let measuresOnly = false;
        if (hasUs !== hasRu && rules.measureTrigger[lang]?.test(text)) {
          const actor: EventSide = hasUs ? 'us' : 'ru';
          const target = actor === 'us' ? rules.ruTarget[lang] : rules.usTarget[lang];
          const named =
            mentioned.some((p) => p.side === actor && !p.speaker) ||
            (rules.legislature[actor][lang]?.test(text) ?? false);
          if (named && target?.test(sideText)) measuresOnly = hasUs = hasRu = true;
        }
        if (!hasUs || !hasRu) continue;
        // Independent clauses (split at semicolons) are read one by one, so a wish in one clause
        // ("they arranged meetings") does not void the event of the other.
        for (const clause of text.split(/;\s+/)) {
          const inClause =
            clause === text ? mentioned : people.find(rules.notSide[lang]?.blank(clause) ?? clause, lang);
          readClause(clause, text, lang, inClause, s.where === 'title', measuresOnly);
        }
      }
      for (const e of found) fillCounterpart(e, pairs);
      function counterparts(
        acting: PersonMention[],
        text: string,
        lang: Lang,
        start: number,
        end: number,
      ): PersonMention[] {
        const after = acting.filter((p) => p.start >= end && p.start - end <= COUNTERPART_DISTANCE);
        const first = after.find((p) => rules.counterpartCue[lang]?.test(text.slice(start, p.start)));
        if (!first) return acting;
        const joined = [first];
        for (const p of after) {
          const prev = joined.at(-1)!;
          if (p.start > prev.start && p.side === first.side && COORDINATED.test(text.slice(prev.end, p.start)))
            joined.push(p);
        }
        return acting.filter((p) => p.side !== first.side || joined.includes(p));
      }

      /**
       * "Russia's foreign minister", "the secretary of state": a role stands for the person of
       * events.yaml's `roles` who holds it and whom the article names elsewhere (coreference
       * within the article; a role whose holder the article never names stays the state).
       */
      function withRoles(found: PersonMention[], text: string, lang: Lang): PersonMention[] {
        let out = found;
        for (const role of rules.roles) {
          const matcher = role.pattern[lang];
          if (!matcher) continue;
          for (const m of matcher.all(text)) {
            const at = m.index + m[0].length;
            if (found.some((p) => p.start >= m.index && p.start - at <= ROLE_NAME_GAP)) continue; // "Foreign Minister Sergei Lavrov"
            if (!articleNames) {
              articleNames = new Map();
              for (const p of people.find(articleText, languageOf(articleText)))
                articleNames.set(p.name, (articleNames.get(p.name) ?? 0) + 1);
            }
            const counts = articleNames;
            const name = role.people.filter((n) => counts.has(n)).sort((a, b) => counts.get(b)! - counts.get(a)!)[0];
            if (!name) continue;
            const side = role.side;
            out = [...out, { name, side, start: m.index, end: at, speaker: false }];
          }
        }
        return out === found ? found : out.sort((a, b) => a.start - b.start);
      }

      /** The further cities listed after `place` ("in Brussels, London and Kiruna"), if any. */
      function listedPlaces(text: string, place: string): string[] {
        const at = text.indexOf(place);
        if (at < 0) return [];
        const list = PLACE_LIST.exec(text.slice(at + place.length));
        if (!list) return [];
        return [...list[0].matchAll(/\p{Lu}[\p{Ll}-]+/gu)]
          .map((m) => m[0])
          .filter((c) => !places.notPlaces.has(c) && !places.countries.has(c));
      }

      /**
       * "Flynn spoke with Kislyak that day", "Obama at the time expelled…": the date named last in
       * the few sentences before sentence `orig`, resolved.
       */
      function earlierDate(orig: number, lang: Lang, future: boolean): string | null {
        for (let i = orig - 1; i >= Math.max(0, orig - ANTECEDENT_SENTENCES); i--) {
          const mentions = findDates(all[i]!.text.replace(/\s+/g, ' '), calendars[lang]);
          for (const m of mentions.reverse()) {
            const r = resolveDate(m.spec, ref, future, textYear);
            if (r.date) return r.date;
          }
        }
        return null;
      }

      /**
       * "McConnell said on Friday …, a day before Trump is to have his first call with Putin": the
       * day after (or before) the date named before the phrase, when the phrase precedes the trigger.
       */
      function shiftedDate(text: string, lang: Lang, start: number): string | null {
        for (const [matcher, days] of [
          [rules.dayBefore[lang], 1],
          [rules.dayAfter[lang], -1],
        ] as const) {
          const phrase = matcher?.exec(text);
          if (!phrase || phrase.index > start) continue;
          const before = findDates(text.slice(0, phrase.index), calendars[lang]).reverse();
          for (const m of before) {
            // The day named first is the report's own ("said on Friday"): on or before the article's.
            const r = resolveDate(m.spec, ref, false, textYear);
            if (r.date?.length === 10) return shiftDay(r.date, days);
          }
        }
        return null;
      }

      /** The last person of `side` named in the few sentences before sentence `orig`. */
      function antecedent(side: EventSide, orig: number, lang: Lang): string | null {
        for (let i = orig - 1; i >= Math.max(0, orig - ANTECEDENT_SENTENCES); i--) {
          const own = people.find(all[i]!.text.replace(/\s+/g, ' '), lang).filter((p) => p.side === side);
          const pick = own.filter((p) => !p.speaker).at(-1) ?? own.at(-1);
          if (pick) return pick.name;
        }
        return null;
      }
      fillPairs(found, pairs);
      dropContactsOfMeetings(found);
      const events = mergeInArticle(found, MAX_EVENTS, notes);
      inheritPlaces(events);
      inheritMeetingPeople(events);
      return { events, notes: summarise(notes) };

      function readClause(
        text: string,
        sentence: string,
        lang: Lang,
        mentioned: PersonMention[],
        isTitle: boolean,
        measuresOnly: boolean,
      ): void {
        for (const type of EVENT_TYPES) {
          if (measuresOnly && !MEASURES.includes(type)) continue;
          let trigger = rules.triggers[type][lang]?.exec(text);
          let contact = false;
          if (!trigger && lang === 'en' && !rules.triggers.meeting.en?.test(text)) {
            trigger = rules.contact[type]?.exec(text) ?? null;
            contact = trigger !== null;
          }
          if (!trigger) continue;
          if (rules.vetoes[type][lang]?.test(text)) continue;
          // A gathering with other states is a meeting of the two only when they are its joint subject.
          if (type === 'meeting' && rules.multilateral[lang]?.test(text) && !rules.pairSubject[lang]?.test(text))
            continue;
          if (type === 'sanctions' && rules.lifting[lang]?.test(text) && !rules.imposedBefore[lang]?.test(text))
            continue;
          const event = readEvent(type, text, lang, trigger.index, trigger.index + trigger[0].length, mentioned);
          if (!event) continue;
          const both = event.us.length === 1 && event.ru.length === 1;
          const stateOnly = both && STATE_NAMES.has(event.us[0]!) && STATE_NAMES.has(event.ru[0]!);
          // A meeting or call of two bare states is an event only when the sentence pairs the two
          // sides ("U.S.-Russian talks") or refers back to a pair ("their second meeting").
          let pairRef = false;
          if (stateOnly && rules.data.pairedStates[lang].includes(type)) {
            pairRef = rules.pairEvent[lang]?.test(text) ?? false;
            if (!pairRef && !rules.bothSides[lang]?.test(text)) continue;
          }
          const weak = isTitle || rules.purpose[lang]?.test(text) ? { weakStatus: true } : {};
          // "…to meet with Foreign Minister Lavrov and President Putin": a head of state receives a
          // visiting minister in a meeting of his own (unless both sides send their heads).
          if (event.type === 'meeting') {
            const heads = (list: string[]) => list.filter((n) => rules.data.receivesAlone.includes(n));
            for (const side of ['us', 'ru'] as const) {
              const other = side === 'us' ? event.ru : event.us;
              const own = heads(event[side]);
              if (!own.length || own.length === event[side].length || heads(other).length) continue;
              found.push({ ...event, [side]: own, evidence: sentence, ...weak });
              event[side] = event[side].filter((n) => !own.includes(n));
            }
          }
          // "met … in Brussels, London and Kiruna": one meeting per city of the list.
          for (const city of event.type === 'meeting' && event.place ? listedPlaces(text, event.place) : [])
            found.push({ ...event, place: city, evidence: sentence, ...weak });
          found.push({
            ...event,
            evidence: sentence,
            ...weak,
            ...(contact ? { contact: true } : {}),
            ...(pairRef ? { pairRef: true } : {}),
          });
          // "…that day, and again the following day": a second event, the day after.
          if (event.date?.length === 10 && rules.repeatNextDay[lang]?.test(text))
            found.push({ ...event, date: shiftDay(event.date, 1), evidence: sentence, ...weak });
        }
      }

      function readEvent(
        type: EventType,
        text: string,
        lang: Lang,
        start: number,
        end: number,
        mentioned: PersonMention[],
      ): DiplomaticEvent | null {
        const near = text.slice(Math.max(0, start - STATUS_WINDOW_BEFORE), end + STATUS_WINDOW_AFTER);
        const status = rules.cancelled[lang]?.test(near)
          ? 'cancelled'
          : rules.planned[lang]?.test(near)
            ? 'planned'
            : 'held';
        // People in another clause than the trigger's ("…resigned after he had discussed sanctions
        // with the ambassador before Trump took office") are context, not participants.
        const separated = (p: PersonMention) => {
          const gap = p.end <= start ? text.slice(p.end, start) : p.start >= end ? text.slice(end, p.start) : '';
          return gap !== '' && (rules.personBarrier[lang]?.test(gap) ?? false);
        };
        let acting = mentioned.filter((p) => !p.speaker && !separated(p));
        // A pronoun between the last barrier and the trigger stands for the person named just
        // before it (whatever that person's role in the main clause).
        const lastBefore = [...mentioned].reverse().find((p) => p.end <= start);
        if (lastBefore && separated(lastBefore) && !acting.includes(lastBefore)) {
          const gap = text.slice(lastBefore.end, start);
          const tail = rules.personBarrier[lang]?.after(gap) ?? gap;
          if (rules.pronoun[lang]?.test(tail)) acting = [...acting, lastBefore];
        }
        // The person of each side nearest the trigger takes part; others named in the sentence are
        // mostly context ("…after misleading Vice President Mike Pence about his call with…").
        // "…met with Lavrov and Putin": the people right after "with" (and those joined to them by
        // "and") are that side's participants; others of the side named in the sentence are context.
        if (type === 'meeting' || type === 'call') acting = counterparts(acting, text, lang, start, end);
        const named = (side: EventSide) => {
          const own = acting.filter((p) => p.side === side);
          own.sort((a, b) => distance(a, start, end) - distance(b, start, end));
          return [...new Set(own.map((p) => p.name))];
        };
        const generic = (side: EventSide) => rules.data.sides[side].generic;
        const legislature = (side: EventSide) =>
          rules.legislature[side][lang]?.test(text) ? [rules.data.sides[side].legislature] : [];
        let us: string[];
        let ru: string[];
        let initiator: 'us' | 'ru' | null = null;
        let decreed = false;
        if (type === 'sanctions' || type === 'expulsion' || type === 'veto') {
          // The side named as the target nearest the trigger is acted upon; the other acts.
          const ruT = rules.ruTarget[lang]?.exec(text);
          const usT = rules.usTarget[lang]?.exec(text);
          // Sanctions and expulsions name whom they strike: with no side named as the target they
          // strike a third state ("sanctions on North Korea … to appease China and Russia").
          if (!ruT && !usT && type !== 'veto') return null;
          if (ruT && usT) initiator = distance(ruT, start, end) <= distance(usT, start, end) ? 'us' : 'ru';
          else initiator = ruT ? 'us' : usT ? 'ru' : firstSide(mentioned);
          const actor: EventSide = initiator;
          const other: EventSide = actor === 'us' ? 'ru' : 'us';
          // One body or one person acts: the legislature when the sentence names it, else the
          // person nearest the trigger (others are context: "…Trump would undo the expulsions
          // Obama had slapped on Moscow").
          const house = legislature(actor);
          const nearest = acting
            .filter((p) => p.side === actor && distance(p, start, end) <= MAX_ACTOR_DISTANCE)
            .sort((a, b) => distance(a, start, end) - distance(b, start, end))
            .map((p) => p.name);
          let actorPeople = type === 'veto' ? [] : house.length ? house : nearest.slice(0, 1);
          // "Putin said on Sunday that the U.S. mission must reduce its staff": a head of state who
          // announces a measure orders it, on the day he says so.
          const decree = mentioned.find(
            (p) =>
              p.side === actor &&
              p.end <= start &&
              rules.data.decrees.includes(p.name) &&
              ANNOUNCES.test(text.slice(p.end, start)),
          );
          if (type !== 'veto' && !actorPeople.length && decree) {
            actorPeople = [decree.name];
            decreed = true;
          }
          const actorList = actorPeople.length ? actorPeople : [generic(actor)];
          us = actor === 'us' ? actorList : [generic(other)];
          ru = actor === 'ru' ? actorList : [generic(other)];
        } else {
          const u = named('us');
          const r = named('ru');
          // With one side only the state, the other side's person must stand by the trigger (its
          // subject or counterpart): one named further off is context ("…the New York meeting of
          // lifting U.S. sanctions on Russia, a top priority for Putin").
          if ((type === 'meeting' || type === 'call') && (u.length === 0) !== (r.length === 0)) {
            const own = acting.filter((p) => p.side === (u.length ? 'us' : 'ru'));
            if (Math.min(...own.map((p) => distance(p, start, end))) > COUNTERPART_DISTANCE) return null;
          }
          us = u.length ? u : [generic('us')];
          ru = r.length ? r : [generic('ru')];
        }
        let date: string | null = null;
        const mentions = findDates(text, calendars[lang]).filter((d) => {
          const before = text.slice(Math.max(0, d.start - 60), d.start);
          // "said during a May 10 meeting": a date right before the trigger is the event's own.
          if (d.end <= start && ATTRIBUTIVE.test(text.slice(d.end, start))) return true;
          if ((!decreed && rules.speechDate[lang]?.test(before)) || rules.deadlineDate[lang]?.test(before))
            return false;
          const gap = d.end <= start ? text.slice(d.end, start) : d.start >= end ? text.slice(end, d.start) : '';
          return !(gap && rules.dateBarrier[lang]?.test(gap));
        });
        mentions.sort((a, b) => distance(a, start, end) - distance(b, start, end));
        while (mentions.length && distance(mentions.at(-1)!, start, end) > MAX_DATE_DISTANCE) mentions.pop();
        for (const m of mentions) {
          const r = resolveDate(m.spec, ref, status === 'planned', textYear);
          if (r.date) {
            date = r.date;
            break;
          }
          if ('reason' in r) notes.push(`date "${m.text}" left out: ${r.reason}`);
        }
        if (!date && rules.dateAnaphor[lang]?.test(text)) date = earlierDate(current, lang, status === 'planned');
        if (!date) date = shiftedDate(text, lang, start);
        const year = ref?.y ?? textYear;
        if (year !== null && isHistory(text, year)) return null;
        if (rules.pastYear[lang]?.test(text) && !inTitle([...us, ...ru])) return null;
        // A planned event dated long before the article is old history too ("…saying Flynn would talk
        // to Kislyak that evening", of a December the year before).
        if (date && ref) {
          const ageDays =
            (Date.UTC(ref.y, ref.m - 1, ref.d) - Date.parse(date.length === 7 ? `${date}-28` : date)) / 86_400_000;
          if (ageDays > HISTORY_DAYS) return null;
          if (ageDays > NEWS_DAYS && !inTitle([...us, ...ru, ...(lang === 'en' ? people.others(text) : [])]))
            return null;
        }
        const place =
          type === 'call' || type === 'sanctions' || type === 'expulsion' || type === 'veto'
            ? null
            : findPlace(places, text, lang, start);
        return { type, status, us, ru, initiator, place, date, evidence: text };
      }
    },
  };
}

function distance(
  d: { start: number; end: number } | { index: number; 0: string },
  start: number,
  end: number,
): number {
  const [s, e] = 'start' in d ? [d.start, d.end] : [d.index, d.index + d[0].length];
  return e <= start ? start - e : s >= end ? s - end : 0;
}

/** The day `days` after (before, when negative) a YYYY-MM-DD day. */
function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The side named first in the sentence acts (the subject usually comes first). */
function firstSide(mentioned: PersonMention[]): EventSide {
  return mentioned[0]?.side ?? 'us';
}

/**
 * The events one clause reports: each event type whose trigger the clause contains, unless a rule
 * of events.yaml voids it (a veto phrase, a gathering of other states, a wish to lift sanctions,
 * two bare states not paired). One report is added per event, or several when the clause reports
 * several (a head of state's own meeting, one meeting per city listed, the same event the next day).
 */
import { readEvent } from './event.js';
import { shiftDay } from './event-date.js';
import { STATE_NAMES } from './merge.js';
import type { PersonMention } from './people.js';
import type { ArticleReading } from './reading.js';
import { EVENT_TYPES, type EventType, type Lang } from './types.js';

/** Event types that one side takes against the other, naming its target. */
const MEASURES: readonly EventType[] = ['sanctions', 'expulsion'];
/** Cities listed after a place: ", London and Kiruna". */
const PLACE_LIST = /^(?:, \p{Lu}[\p{Ll}-]+)*,? and \p{Lu}[\p{Ll}-]+/u;

/** Where a clause stands: its sentence (the evidence), whether that is the title, and its place among all. */
export interface ClauseOf {
  sentence: string;
  lang: Lang;
  isTitle: boolean;
  measuresOnly: boolean;
  /** The sentence's index among all the article's sentences. */
  orig: number;
}

/** Adds the reports of the events `text` (a clause of `at.sentence`) reports to `reading.found`. */
export function readClause(reading: ArticleReading, text: string, mentioned: PersonMention[], at: ClauseOf): void {
  const { rules } = reading.tools;
  const { sentence, lang, isTitle, measuresOnly } = at;
  const found = reading.found;
  for (const type of EVENT_TYPES) {
    if (measuresOnly && !MEASURES.includes(type)) continue;
    let trigger = rules.triggers[type][lang]?.exec(text);
    let contact = false;
    if (!trigger && lang === 'en' && !rules.triggers.meeting.en?.test(text)) {
      trigger = rules.contact[type]?.exec(text) ?? null;
      contact = trigger !== null;
    }
    if (!trigger) continue;
    // "…might do away with sanctions imposed by the Obama administration": a wish about sanctions
    // someone is said to have imposed still reports that imposition.
    const imposed = type === 'sanctions' && (rules.imposedBefore[lang]?.test(text) ?? false);
    if (!imposed && rules.vetoes[type][lang]?.test(text)) continue;
    // A gathering with other states is a meeting of the two only when they are its joint subject.
    if (type === 'meeting' && rules.multilateral[lang]?.test(text) && !rules.pairSubject[lang]?.test(text)) continue;
    if (type === 'sanctions' && rules.lifting[lang]?.test(text) && !imposed) continue;
    const event = readEvent(
      reading,
      type,
      text,
      lang,
      trigger.index,
      trigger.index + trigger[0].length,
      mentioned,
      at.orig,
    );
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
    for (const city of event.type === 'meeting' && event.place ? listedPlaces(reading, text, event.place) : [])
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

/** The further cities listed after `place` ("in Brussels, London and Kiruna"), if any. */
function listedPlaces(reading: ArticleReading, text: string, place: string): string[] {
  const { places } = reading.tools;
  const at = text.indexOf(place);
  if (at < 0) return [];
  const list = PLACE_LIST.exec(text.slice(at + place.length));
  if (!list) return [];
  return [...list[0].matchAll(/\p{Lu}[\p{Ll}-]+/gu)]
    .map((m) => m[0])
    .filter((c) => !places.notPlaces.has(c) && !places.countries.has(c));
}

/**
 * The day of an event: the date named nearest its trigger in the same clause, resolved against the
 * article's date; else the date of the sentences before ("that day"); else a day before or after a
 * date named earlier in the sentence ("a day before Trump is to call").
 */
import { ANTECEDENT_SENTENCES } from './coreference.js';
import { findDates, resolveDate } from './dates.js';
import { distance, type ArticleReading } from './reading.js';
import type { Lang } from './types.js';

/** A date further than this from the trigger (in characters) dates another part of the sentence. */
const MAX_DATE_DISTANCE = 140;
/** Between a date and the trigger it qualifies ("a May 10 meeting", "Tuesday's call"). */
const ATTRIBUTIVE = /^(?:’s|'s)?\s*$/u;

/** The trigger an event is read from, and how. */
export interface DateQuery {
  text: string;
  lang: Lang;
  /** The trigger's span in `text`. */
  start: number;
  end: number;
  /** A planned event: a weekday without a date falls after the article's date. */
  planned: boolean;
  /** A head of state announced the measure: the day he said so is its day. */
  decreed: boolean;
  /** The sentence's index among all the article's sentences. */
  orig: number;
}

/** The event's day (YYYY-MM-DD), month (YYYY-MM) or null; dates left out are noted. */
export function eventDate(reading: ArticleReading, q: DateQuery): string | null {
  const { rules, calendars } = reading.tools;
  const { text, lang, start, end } = q;
  let date: string | null = null;
  const mentions = findDates(text, calendars[lang]).filter((d) => {
    const before = text.slice(Math.max(0, d.start - 60), d.start);
    // "said during a May 10 meeting": a date right before the trigger is the event's own.
    if (d.end <= start && ATTRIBUTIVE.test(text.slice(d.end, start))) return true;
    if ((!q.decreed && rules.speechDate[lang]?.test(before)) || rules.deadlineDate[lang]?.test(before)) return false;
    const gap = d.end <= start ? text.slice(d.end, start) : d.start >= end ? text.slice(end, d.start) : '';
    return !(gap && rules.dateBarrier[lang]?.test(gap));
  });
  mentions.sort((a, b) => distance(a, start, end) - distance(b, start, end));
  while (mentions.length && distance(mentions.at(-1)!, start, end) > MAX_DATE_DISTANCE) mentions.pop();
  for (const m of mentions) {
    const r = resolveDate(m.spec, reading.ref, q.planned, reading.textYear);
    if (r.date) {
      date = r.date;
      break;
    }
    if ('reason' in r) reading.notes.push(`date "${m.text}" left out: ${r.reason}`);
  }
  if (!date && rules.dateAnaphor[lang]?.test(text)) date = earlierDate(reading, q.orig, lang, q.planned);
  if (!date) date = shiftedDate(reading, text, lang, start);
  return date;
}

/**
 * "Flynn spoke with Kislyak that day", "Obama at the time expelled…": the date named last in
 * the few sentences before sentence `orig`, resolved.
 */
function earlierDate(reading: ArticleReading, orig: number, lang: Lang, future: boolean): string | null {
  for (let i = orig - 1; i >= Math.max(0, orig - ANTECEDENT_SENTENCES); i--) {
    const mentions = findDates(reading.sentences[i]!.text.replace(/\s+/g, ' '), reading.tools.calendars[lang]);
    for (const m of mentions.reverse()) {
      const r = resolveDate(m.spec, reading.ref, future, reading.textYear);
      if (r.date) return r.date;
    }
  }
  return null;
}

/**
 * "McConnell said on Friday …, a day before Trump is to have his first call with Putin": the
 * day after (or before) the date named before the phrase, when the phrase precedes the trigger.
 */
function shiftedDate(reading: ArticleReading, text: string, lang: Lang, start: number): string | null {
  const { rules, calendars } = reading.tools;
  for (const [matcher, days] of [
    [rules.dayBefore[lang], 1],
    [rules.dayAfter[lang], -1],
  ] as const) {
    const phrase = matcher?.exec(text);
    if (!phrase || phrase.index > start) continue;
    const before = findDates(text.slice(0, phrase.index), calendars[lang]).reverse();
    for (const m of before) {
      // The day named first is the report's own ("said on Friday"): on or before the article's.
      const r = resolveDate(m.spec, reading.ref, false, reading.textYear);
      if (r.date?.length === 10) return shiftDay(r.date, days);
    }
  }
  return null;
}

/** The day `days` after (before, when negative) a YYYY-MM-DD day. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);
}

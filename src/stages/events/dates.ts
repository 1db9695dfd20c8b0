/**
 * Date expressions in a sentence (English and Russian), resolved against the article's date:
 * explicit dates ("May 7, 2013", "18 ноября"), weekdays ("on Tuesday", "во вторник"), "yesterday",
 * "last week", "next month", month-only ("in July"). A held event falls on or before the article's
 * date, a planned one on or after it. Impossible or implausible dates are dropped with a reason.
 */
import { EARLIEST_YEAR } from '../../shared/iso-date.js';
import type { EventRulesData } from './rules.js';
import type { Lang } from './types.js';

/** A date further than this after the article's date (or today) is taken for a typo, not a plan. */
export const MAX_YEARS_AHEAD = 5;

const DAY_MS = 86_400_000;

/** A calendar day (UTC). */
export interface Day {
  y: number;
  m: number; // 1..12
  d: number;
}

/** What a sentence says about when, before resolution. */
export type DateSpec =
  | { kind: 'full'; y: number; m: number; d: number }
  | { kind: 'monthDay'; m: number; d: number }
  | { kind: 'monthYear'; y: number; m: number }
  | { kind: 'month'; m: number; shift: -1 | 0 | 1 | null }
  | { kind: 'weekday'; w: number; shift: -1 | 0 | 1 | null }
  | { kind: 'days'; n: number }
  | { kind: 'weeks'; n: number }
  | { kind: 'months'; n: number };

/** One date expression found in a sentence. */
export interface DateMention {
  spec: DateSpec;
  start: number;
  end: number;
  text: string;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  several: 3,
  few: 3,
};

/** Parses an article date ("2017-04-12", "2017-04-12T10:00:00Z", "04/08/2008 12:08") into a day. */
export function parseArticleDate(value: string | null | undefined): Day | null {
  if (!value) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) return validDay(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})/.exec(value); // day first, as Russian and European sources write it
  if (m) return validDay(+m[3]!, +m[2]!, +m[1]!);
  const t = Date.parse(value);
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

/** The day, or null when it does not exist ("February 30"). */
export function validDay(y: number, m: number, d: number): Day | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 ? { y, m, d } : null;
}

const toTime = (x: Day) => Date.UTC(x.y, x.m - 1, x.d);
const fromTime = (t: number): Day => {
  const d = new Date(t);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
};
const pad = (n: number) => String(n).padStart(2, '0');
export const formatDay = (x: Day) => `${x.y}-${pad(x.m)}-${pad(x.d)}`;
const formatMonth = (y: number, m: number) => `${y}-${pad(m)}`;

/** Compiled calendar patterns of one language. */
export interface Calendar {
  regex: RegExp;
  month(word: string): number;
  weekday(word: string): number;
  lang: Lang;
}

function group(list: string[][]): string {
  return list.map((alts) => `(?:${alts.join('|')})`).join('|');
}

/** Builds the date scanners of both languages from events.yaml's calendar. */
export function compileCalendars(cal: EventRulesData['calendar']): Record<Lang, Calendar> {
  const monthIndex = (lists: string[][], suffix: string) => {
    const res = lists.map((alts) => new RegExp(`^(?:${alts.join('|')})${suffix}$`, 'iu'));
    return (w: string) => res.findIndex((r) => r.test(w)) + 1;
  };
  const weekdayIndex = (list: string[]) => {
    const res = list.map((w) => new RegExp(`^(?:${w})$`, 'iu'));
    return (w: string) => res.findIndex((r) => r.test(w));
  };
  const enMonth = `(?:${group(cal.en.months)})\\.?`;
  const enWeekday = `(?:${cal.en.weekdays.join('|')})`;
  const num = `(?:\\d+|a|one|two|three|four|five|six|several|few)`;
  const en = [
    `(?<fm>${enMonth}) (?<fd>\\d{1,2})(?:st|nd|rd|th)?,? (?<fy>\\d{4})\\b`,
    `\\b(?<fd2>\\d{1,2}) (?<fm2>${enMonth}),? (?<fy2>\\d{4})\\b`,
    `\\b(?<mym>${enMonth}),? (?:of )?(?<myy>(?:19|20)\\d{2})\\b`,
    `(?<mdm>${enMonth}) (?<mdd>\\d{1,2})(?:st|nd|rd|th)?\\b(?!,? ?\\d)`,
    `\\b(?<mdd2>\\d{1,2}) (?<mdm2>${enMonth})\\b`,
    `\\b(?<mshift>in|since|during|late|early|mid-|last|next|this|of|from)[ -](?:(?:late|early|mid-)\\s?)?(?<mm>${enMonth})\\b`,
    // a month named alone ("his December call"): the month nearest the article's date
    `\\b(?<mb>${enMonth})(?![\\w.]| \\d)`,
    `\\b(?:(?<wshift>last|next|this|coming)\\s+)?(?<ww>${enWeekday})s?\\b`,
    `\\b(?<dword>yesterday|today|tomorrow|overnight)\\b`,
    `\\b(?<dn>${num}) days? (?<dago>ago|earlier|later)\\b`,
    `\\b(?<wk>last|this|next|coming|previous|past) week(?:end)?\\b`,
    `\\b(?<wkn>${num}) weeks? ago\\b`,
    `\\b(?<mo>last|this|next|coming|previous) month\\b`,
    `\\b(?:(?:earlier|later|late|early) )(?<mo2>this|last|next) month\\b`,
  ].join('|');
  const ruMonth = `(?:${group(cal.ru.months)})\\p{L}*`;
  const ruWeekday = `(?:${cal.ru.weekdays.join('|')})`;
  const ru = [
    `(?<fd>\\d{1,2}) (?<fm>${ruMonth}) (?<fy>\\d{4})`,
    `(?<mdd>\\d{1,2}) (?<mdm>${ruMonth})`,
    `(?<mym>${ruMonth}) (?<myy>(?:19|20)\\d{2})`,
    `(?:^|\\s)(?<mshift>в|с|до|конце|начале|середине) (?<mm>${ruMonth})`,
    `(?:^|\\s)(?:в|во) (?:(?<wshift>прошл\\p{L}*|следующ\\p{L}*|эт\\p{L}*) )?(?<ww>${ruWeekday})`,
    `(?<dword>позавчера|вчера|сегодня|завтра)`,
    `(?<wk>прошлой|этой|следующей) неделе`,
    `(?<mo>прошлом|этом|следующем) месяце`,
  ].join('|');
  return {
    en: {
      regex: new RegExp(en, 'giu'),
      month: monthIndex(cal.en.months, '\\.?'),
      weekday: weekdayIndex(cal.en.weekdays),
      lang: 'en',
    },
    ru: {
      regex: new RegExp(ru, 'giu'),
      month: monthIndex(cal.ru.months, '\\p{L}*'),
      weekday: weekdayIndex(cal.ru.weekdays),
      lang: 'ru',
    },
  };
}

const SHIFT: Record<string, -1 | 0 | 1> = {
  last: -1,
  previous: -1,
  past: -1,
  next: 1,
  coming: 1,
  this: 0,
  прошлой: -1,
  этой: 0,
  следующей: 1,
  прошлом: -1,
  этом: 0,
  следующем: 1,
};
function shiftOf(word: string | undefined): -1 | 0 | 1 | null {
  if (!word) return null;
  const w = word.toLowerCase();
  if (w.startsWith('прошл')) return -1;
  if (w.startsWith('следующ')) return 1;
  if (w.startsWith('эт')) return 0;
  return SHIFT[w] ?? null;
}
const count = (w: string) => (/^\d+$/.test(w) ? Number(w) : (NUMBER_WORDS[w.toLowerCase()] ?? 1));
/** English month names that are also words ("may", "march"): a month only when capitalised. */
const isCapitalised = (w: string) => /^\p{Lu}/u.test(w);

/** Every date expression of a sentence, in text order. */
export function findDates(sentence: string, cal: Calendar): DateMention[] {
  const out: DateMention[] = [];
  cal.regex.lastIndex = 0;
  for (let m = cal.regex.exec(sentence); m; m = cal.regex.exec(sentence)) {
    const g = m.groups ?? {};
    const spec = toSpec(g, cal);
    if (spec) out.push({ spec, start: m.index, end: m.index + m[0].length, text: m[0].trim() });
    if (m[0].length === 0) cal.regex.lastIndex++;
  }
  return out;
}

function toSpec(g: Record<string, string | undefined>, cal: Calendar): DateSpec | null {
  const month = (w: string | undefined) => (w && (cal.lang === 'ru' || isCapitalised(w)) ? cal.month(w) : 0);
  if (g.fm ?? g.fm2) {
    const m = month(g.fm ?? g.fm2);
    return m ? { kind: 'full', y: +(g.fy ?? g.fy2)!, m, d: +(g.fd ?? g.fd2)! } : null;
  }
  if (g.mym) {
    const m = month(g.mym);
    return m ? { kind: 'monthYear', y: +g.myy!, m } : null;
  }
  if (g.mdm ?? g.mdm2) {
    const m = month(g.mdm ?? g.mdm2);
    return m ? { kind: 'monthDay', m, d: +(g.mdd ?? g.mdd2)! } : null;
  }
  if (g.mb) {
    const m = month(g.mb);
    return m ? { kind: 'month', m, shift: null } : null;
  }
  if (g.mm) {
    const m = month(g.mm);
    const shift = g.mshift === 'last' ? -1 : g.mshift === 'next' ? 1 : g.mshift === 'this' ? 0 : null;
    return m ? { kind: 'month', m, shift } : null;
  }
  if (g.ww) {
    if (cal.lang === 'en' && !isCapitalised(g.ww)) return null;
    const w = cal.weekday(g.ww);
    return w >= 0 ? { kind: 'weekday', w, shift: shiftOf(g.wshift) } : null;
  }
  if (g.dword) {
    const n = { yesterday: -1, today: 0, tomorrow: 1, overnight: 0, позавчера: -2, вчера: -1, сегодня: 0, завтра: 1 }[
      g.dword.toLowerCase()
    ];
    return n === undefined ? null : { kind: 'days', n };
  }
  if (g.dn) return { kind: 'days', n: g.dago === 'later' ? count(g.dn) : -count(g.dn) };
  if (g.wk) return { kind: 'weeks', n: shiftOf(g.wk) ?? 0 };
  if (g.wkn) return { kind: 'weeks', n: -count(g.wkn) };
  if (g.mo ?? g.mo2) return { kind: 'months', n: shiftOf(g.mo ?? g.mo2) ?? 0 };
  return null;
}

/** A year; one after "since" names a beginning long past ("foreign minister since 2004"), not the article's year. */
const YEAR_IN_TEXT = /(?<!\d|\bsince )(19[89]\d|20\d\d)(?!\d)/g;

/** The latest full date (day, month and year) a text names, up to `now`: the article's date when it has none. */
export function latestDateIn(text: string, cal: Calendar, now = new Date()): Day | null {
  let best: Day | null = null;
  const limit = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  for (const m of findDates(text, cal)) {
    if (m.spec.kind !== 'full' || m.spec.y < EARLIEST_YEAR) continue;
    const d = validDay(m.spec.y, m.spec.m, m.spec.d);
    if (d && toTime(d) <= limit && (!best || toTime(d) > toTime(best))) best = d;
  }
  return best;
}

/** The latest plausible year a text names (up to `now`'s), or null: the article's year when it has no date. */
export function latestYearIn(text: string, now = new Date()): number | null {
  let best: number | null = null;
  for (const m of text.matchAll(YEAR_IN_TEXT)) {
    const y = Number(m[1]);
    if (y >= EARLIEST_YEAR && y <= now.getUTCFullYear() && (best === null || y > best)) best = y;
  }
  return best;
}

/** Why a date expression gave no date (for the log), or the date. */
export type Resolved = { date: string } | { date: null; reason: string };

/**
 * Resolves a date expression: `ref` the article's date (null when unknown: only expressions that
 * carry their year resolve), `future` whether the event is planned (on or after `ref`).
 */
export function resolveDate(
  spec: DateSpec,
  ref: Day | null,
  future: boolean,
  textYear: number | null = null,
): Resolved {
  const plausible = (y: number): string | null => {
    const latest = (ref?.y ?? new Date().getUTCFullYear()) + MAX_YEARS_AHEAD;
    return y < EARLIEST_YEAR
      ? `year ${y} is before ${EARLIEST_YEAR}`
      : y > latest
        ? `year ${y} is too far ahead`
        : null;
  };
  const day = (y: number, m: number, d: number): Resolved => {
    const bad = plausible(y);
    if (bad) return { date: null, reason: bad };
    const v = validDay(y, m, d);
    return v ? { date: formatDay(v) } : { date: null, reason: `no such day: ${y}-${pad(m)}-${pad(d)}` };
  };
  const month = (y: number, m: number): Resolved => {
    const bad = plausible(y);
    return bad ? { date: null, reason: bad } : { date: formatMonth(y, m) };
  };
  if (spec.kind === 'full') return day(spec.y, spec.m, spec.d);
  if (spec.kind === 'monthYear') return month(spec.y, spec.m);
  if (!ref) {
    // No article date: a day or month named without its year takes the latest year the text names.
    if (textYear !== null && spec.kind === 'monthDay') return day(textYear, spec.m, spec.d);
    if (textYear !== null && spec.kind === 'month' && spec.shift === null) return month(textYear, spec.m);
    return { date: null, reason: 'relative date and no article date' };
  }
  const refT = toTime(ref);
  switch (spec.kind) {
    case 'monthDay': {
      if (!validDay(2000, spec.m, spec.d)) return { date: null, reason: `no such day: ${pad(spec.m)}-${pad(spec.d)}` };
      // The year that puts the day nearest the article's date on the event's side of it.
      let y = ref.y;
      const t = () => Date.UTC(y, spec.m - 1, spec.d);
      if (!future && t() > refT + DAY_MS) y--;
      else if (future && t() < refT - DAY_MS) y++;
      return day(y, spec.m, spec.d);
    }
    case 'month': {
      let y = ref.y;
      if (spec.shift === -1 || (spec.shift === null && !future)) {
        if (spec.m > ref.m || (spec.shift === -1 && spec.m === ref.m)) y--;
      } else if (spec.shift === 1 || (spec.shift === null && future)) {
        if (spec.m < ref.m || (spec.shift === 1 && spec.m === ref.m)) y++;
      }
      return month(y, spec.m);
    }
    case 'weekday': {
      const refW = (new Date(refT).getUTCDay() + 6) % 7; // Monday = 0
      let delta: number;
      const back = (refW - spec.w + 7) % 7;
      const ahead = (spec.w - refW + 7) % 7;
      if (spec.shift === -1) delta = -(back || 7);
      else if (spec.shift === 1) delta = ahead || 7;
      else delta = future ? ahead : -back;
      return { date: formatDay(fromTime(refT + delta * DAY_MS)) };
    }
    case 'days':
      return { date: formatDay(fromTime(refT + spec.n * DAY_MS)) };
    case 'weeks': {
      const x = fromTime(refT + spec.n * 7 * DAY_MS);
      return { date: formatMonth(x.y, x.m) };
    }
    case 'months': {
      const i = ref.y * 12 + (ref.m - 1) + spec.n;
      return month(Math.floor(i / 12), (i % 12) + 1);
    }
  }
}

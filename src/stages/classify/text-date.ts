/**
 * The date an article's text states, for an article whose page gives none (seeds, wire copies
 * pasted without metadata), read with chrono-node (English and Russian). The rule, in order:
 *
 * 1. a dateline ("MOSCOW, April 12 (Reuters) -", "МОСКВА, 12 апреля. /ТАСС/.") with its year;
 * 2. a dateline without a year takes it from a full date of the same month and day in the lead,
 *    else the latest such day on or before the reference time (a wire copy is dated on or just
 *    before the day it is read);
 * 3. without a dateline, the first full date (day, month and year) in the title or the lead.
 *
 * A date before {@link EARLIEST_YEAR} or after the reference time is never the article's date (a
 * plan, a typo, history); impossible dates (30 February) are not dates at all.
 */
import * as chrono from 'chrono-node';
import { EARLIEST_YEAR } from '../../shared/iso-date.js';

/** Characters of text read as the lead: a wire copy or report states its own date in its first lines. */
export const LEAD_CHARS = 1_500;
/** A dateline stands within this many characters of the text's start. */
export const DATELINE_CHARS = 80;
/**
 * A stated date may be this far ahead of the reference time: the writer's time zone may be a day
 * ahead of the reader's clock. More is a plan, not when the article was written.
 */
const AHEAD_MS = 36 * 3_600_000;

/** What the dateline's place looks like before its date: an upper-case place, then a comma. */
const DATELINE_PLACE = /^\s*(?:[\p{Lu}][\p{Lu}.'’/-]*\s*){1,4}(?:\([^)]{1,30}\)\s*)?,\s*$/u;

/** A date the text states, and where. */
export interface TextDate {
  /** YYYY-MM-DD. */
  date: string;
  /** The words it was read from. */
  text: string;
  rule: 'dateline' | 'lead';
}

interface Found {
  index: number;
  text: string;
  y: number;
  m: number;
  d: number;
  fullYear: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

/** A written date has a number in it (not "tomorrow", "a day later", "on Tuesday"). */
const HAS_NUMBER = /\d/;
/** A year is stated only when it is written out. */
const HAS_YEAR = /\b(?:1[89]|2\d)\d\d\b/;

/** Day-precise dates in a text (month and day stated; the year may be chrono's guess). */
function datesIn(text: string, lang: string, reference: Date): Found[] {
  const parser = lang === 'ru' ? chrono.ru : chrono.en;
  return parser
    .parse(text, reference)
    .filter((r) => r.start.isCertain('day') && r.start.isCertain('month') && HAS_NUMBER.test(r.text))
    .map((r) => ({
      index: r.index,
      text: r.text.trim(),
      y: r.start.get('year')!,
      m: r.start.get('month')!,
      d: r.start.get('day')!,
      fullYear: r.start.isCertain('year') && HAS_YEAR.test(r.text),
    }));
}

/** Whether a day can be the date an article was written. */
function plausible(y: number, m: number, d: number, reference: Date): boolean {
  return y >= EARLIEST_YEAR && utc(y, m, d) <= reference.getTime() + AHEAD_MS;
}

/**
 * The date the text states, or null when it states none that can be the article's.
 * @param lang the article's language ('ru' reads Russian; anything else English)
 * @param reference when the article was read (its fetch time); now by default
 */
export function dateFromText(title: string, text: string, lang: string, reference = new Date()): TextDate | null {
  const lead = text.slice(0, LEAD_CHARS);
  const found = datesIn(lead, lang, reference);
  const first = found[0];
  if (first && first.index <= DATELINE_CHARS && DATELINE_PLACE.test(lead.slice(0, first.index))) {
    const { m, d } = first;
    if (first.fullYear && plausible(first.y, m, d, reference))
      return { date: iso(first.y, m, d), text: first.text, rule: 'dateline' };
    const same = found.find((f) => f.fullYear && f.m === m && f.d === d && plausible(f.y, m, d, reference));
    if (same) return { date: iso(same.y, m, d), text: `${first.text} … ${same.text}`, rule: 'dateline' };
    const thisYear = reference.getUTCFullYear();
    const y = plausible(thisYear, m, d, reference) ? thisYear : thisYear - 1;
    if (!first.fullYear && plausible(y, m, d, reference))
      return { date: iso(y, m, d), text: first.text, rule: 'dateline' };
  }
  for (const f of [...datesIn(title, lang, reference), ...found]) {
    if (f.fullYear && plausible(f.y, f.m, f.d, reference))
      return { date: iso(f.y, f.m, f.d), text: f.text, rule: 'lead' };
  }
  return null;
}

/**
 * Dates as feeds and sitemaps write them, read into UTC instants. Two readers:
 * - ISO 8601 / W3CDTF and their variants: basic and extended forms, ordinal dates (2003-335,
 *   03335), two-digit years (03-12-31, 031231, -03-12), a space instead of T, fractions, offsets
 *   with or without a colon, a zone abbreviation, a month name in the month's place (2004-július-13).
 *   After a complete year-month-day, trailing junk is ignored with a note.
 * - Word dates: RFC 822/2822 and everything near it (asctime, JavaScript's Date.toString, Perforce
 *   2006/09/15, Korean 2004년 05월 28일 and 오전/오후), with month and weekday names in the
 *   languages of date-words.yaml and zone abbreviations mapped to their offsets.
 * A date without a zone is UTC (a Korean-written one: Korea's time). A zone abbreviation nobody
 * knows is read as UTC, with a note. An impossible date (31 April, 10:61, offset -99:99) is dropped
 * with a note, never normalised into another instant.
 */
import { DATE_WORDS, type DateWords } from './date-words.js';

/** Two-digit years below this are 20xx, the rest 19xx (RFC 5322 §4.3 reads 00–49 as 2000–2049). */
const TWO_DIGIT_YEAR_PIVOT = 50;
/** Real offsets lie within ±14 h; anything beyond is not a zone. */
const MAX_OFFSET_MINUTES = 14 * 60;
/** Korea's offset, for dates written in Korean without a zone (what Korean feeds mean). */
const KOREAN_OFFSET_MINUTES = 9 * 60;

export interface DateReading {
  /** ISO 8601 UTC (toISOString), or null. */
  iso: string | null;
  /** Why the date was dropped, or what was assumed. */
  note?: string;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  /** Minutes east of UTC; undefined = no zone given. */
  offset?: number;
}

function fullYear(digits: string): number {
  const n = Number(digits);
  if (digits.length > 2) return n;
  return n < TWO_DIGIT_YEAR_PIVOT ? 2000 + n : 1900 + n;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Month and day of an ordinal day of `year`, or null when out of range. */
function fromOrdinal(year: number, ordinal: number): { month: number; day: number } | null {
  const leap = daysIn(year, 2) === 29;
  if (ordinal < 1 || ordinal > (leap ? 366 : 365)) return null;
  const d = new Date(Date.UTC(year, 0, ordinal));
  return { month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function build(f: Fields, raw: string, notes: string[]): DateReading {
  const { year, month, day, hour = 0, minute = 0, offset = 0 } = f;
  let second = f.second ?? 0;
  if (second === 60) second = 59; // a leap second: the instant before it is as close as a Date gets
  const bad =
    year < 1 || year > 9999
      ? 'year'
      : month < 1 || month > 12
        ? 'month'
        : day < 1 || day > daysIn(year, month)
          ? 'day'
          : hour > 23
            ? 'hour'
            : minute > 59
              ? 'minute'
              : second > 59
                ? 'second'
                : Math.abs(offset) > MAX_OFFSET_MINUTES
                  ? 'offset'
                  : null;
  if (bad) return { iso: null, note: `impossible date "${raw}" (${bad} out of range), dropped` };
  const local = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  local.setUTCFullYear(year); // Date.UTC reads years 0–99 as 1900–1999
  const result: DateReading = { iso: new Date(local.getTime() - offset * 60_000).toISOString() };
  if (notes.length > 0) result.note = `date "${raw}": ${notes.join('; ')}`;
  return result;
}

/** Offset of a zone token in minutes east of UTC; undefined when it is not a zone; null when unknown. */
function zoneOffset(token: string, words: DateWords, notes: string[]): number | undefined | null {
  let m = /^([+-])(\d{2}):?(\d{2})$/.exec(token) ?? /^([+-])(\d{2})()$/.exec(token);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] || 0));
  m = /^(?:GMT|UTC|UT)([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(token);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  m = /^Etc\/(?:GMT|UTC|UCT|Zulu|Universal)(?:([+-])(\d{1,2}))?$/i.exec(token);
  if (m) return m[1] ? (m[1] === '-' ? 1 : -1) * Number(m[2]) * 60 : 0; // POSIX names invert the sign
  const known = words.zones.get(token.toUpperCase());
  if (known !== undefined && (token === token.toUpperCase() || token.length > 1)) return known;
  if (/^[A-Z]{2,5}$/.test(token)) {
    notes.push(`zone ${token} unknown, read as UTC`);
    return null;
  }
  return undefined;
}

const ISO_DATE =
  /^(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{4})(\d{2})(\d{2})(?=$|[Tt])|(\d{4})-?(\d{3})(?=$|[Tt\s])|(\d{4})-(\d{2})(?=$|[Tt\s])|(\d{4})(?=$)|(\d{2})-(\d{2})-(\d{2})(?=$|[Tt])|(\d{2})(\d{2})(\d{2})(?=$|[Tt])|-(\d{2})-?(\d{2})(?=$)|(\d{2})-?(\d{3})(?=$))/;
const ISO_TIME = /^(?:[Tt]\s*|\s+)(\d{1,2})(?::?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?|(?=$|[Zz+-]))/;
const ISO_ZONE = /^\s*(Z|z|[+-]\d{2}(?::?\d{2})?(?![\d:])|(?:GMT|UTC|UT)(?:[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{2,5}\b)/;

function readIso(text: string, words: DateWords): DateReading | undefined {
  const named = /^(\d{4})-(\p{L}+)\.?-(\d{1,2})(?!\d)/u.exec(text);
  if (named) {
    const month = words.months.get(named[2]!.toLowerCase());
    if (month === undefined) return undefined;
    text = `${named[1]}-${String(month).padStart(2, '0')}-${named[3]}${text.slice(named[0].length)}`;
  }
  const d = ISO_DATE.exec(text);
  if (!d) return undefined;
  const notes: string[] = [];
  const ordinal = d[7] ?? d[20];
  if (ordinal !== undefined) {
    const year = d[7] ? fullYear(d[7]) : fullYear(d[20]!);
    const md = fromOrdinal(year, Number(d[8] ?? d[21]));
    if (!md) return { iso: null, note: `impossible date "${text}" (day of year out of range), dropped` };
  }
  const fields: Fields = d[1]
    ? { year: +d[1], month: +d[2]!, day: +d[3]! }
    : d[4]
      ? { year: +d[4], month: +d[5]!, day: +d[6]! }
      : d[7]
        ? { year: +d[7], ...fromOrdinal(+d[7], +d[8]!)! }
        : d[9]
          ? { year: +d[9], month: +d[10]!, day: 1 }
          : d[11]
            ? { year: +d[11], month: 1, day: 1 }
            : d[12]
              ? { year: fullYear(d[12]), month: +d[13]!, day: +d[14]! }
              : d[15]
                ? { year: fullYear(d[15]), month: +d[16]!, day: +d[17]! }
                : d[18]
                  ? { year: fullYear(d[18]), month: +d[19]!, day: 1 }
                  : { year: fullYear(d[20]!), ...fromOrdinal(fullYear(d[20]!), +d[21]!)! };
  /** Whether the text named a whole day (trailing junk after it is then tolerated). */
  const complete = Boolean(d[1] ?? d[4] ?? d[12] ?? d[15]);
  let rest = text.slice(d[0].length);
  const t = ISO_TIME.exec(rest);
  if (t) {
    Object.assign(fields, { hour: +t[1]!, minute: t[2] ? +t[2] : 0, second: t[3] ? +t[3] : 0 });
    rest = rest.slice(t[0].length);
    const z = ISO_ZONE.exec(rest);
    if (z) {
      const offset = zoneOffset(z[1]!, words, notes);
      if (offset !== undefined) {
        if (offset !== null) fields.offset = offset;
        rest = rest.slice(z[0].length);
      }
    }
  }
  if (rest.trim() !== '') {
    if (!complete) return undefined;
    notes.push(`ignored "${rest.trim()}" after the date`);
  }
  return build(fields, text, notes);
}

const KOREAN = /[\uac00-\ud7af]/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(am|pm|a\.m\.|p\.m\.)?$/i;

function readWords(text: string, words: DateWords): DateReading | undefined {
  const notes: string[] = [];
  const korean = KOREAN.test(text);
  const tokens = text
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\b(\d{1,2})-(\p{L}+)\.?-(\d{2,4})\b/gu, '$1 $2 $3') // RFC 850: 01-Jan-04
    .split(/[\s,]+/)
    .filter(Boolean);
  let year: number | undefined, month: number | undefined, day: number | undefined;
  let time: [number, number, number] | undefined;
  let meridiem: 'am' | 'pm' | undefined;
  let offset: number | undefined;
  let zoneSeen = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const word = token.replace(/\.$/, '').toLowerCase();
    let m: RegExpExecArray | null;
    // A leading weekday is skipped; a word that is also a month (French mar. = Tuesday, English Mar = March)
    // is the weekday only when another month word follows.
    if (
      i === 0 &&
      words.weekdays.has(word) &&
      (!words.months.has(word) || tokens.slice(1).some((t) => words.months.has(t.replace(/\.$/, '').toLowerCase())))
    )
      continue;
    if ((m = /^(\d{4})년$/.exec(token))) year = +m[1]!;
    else if ((m = /^(\d{1,2})월$/.exec(token))) month = +m[1]!;
    else if ((m = /^(\d{1,2})일$/.exec(token))) day = +m[1]!;
    else if (token === '오전' || token === '오후') meridiem = token === '오전' ? 'am' : 'pm';
    else if (/^(?:am|pm|a\.m\.|p\.m\.)$/i.test(token)) meridiem = word.startsWith('a') ? 'am' : 'pm';
    else if ((m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(token)) && year === undefined)
      [year, month, day] = [+m[1]!, +m[2]!, +m[3]!];
    else if ((m = TIME.exec(token)) && !time) {
      time = [+m[1]!, +m[2]!, m[3] ? +m[3] : 0];
      if (m[4]) meridiem = m[4].toLowerCase().startsWith('a') ? 'am' : 'pm';
    } else if (words.months.has(word) && month === undefined) month = words.months.get(word);
    else if ((m = /^(\d{1,4})\.?$/.exec(token))) {
      const digits = m[1]!;
      if (digits.length === 4 && year === undefined) year = +digits;
      else if (digits.length <= 2 && day === undefined) day = +digits;
      else if (digits.length <= 2 && year === undefined && month !== undefined) year = fullYear(digits);
      else return undefined;
    } else if (time && !zoneSeen) {
      const z = zoneOffset(token, words, notes);
      if (z === undefined) return undefined;
      zoneSeen = true;
      if (z !== null) offset = z;
    } else return undefined;
  }
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const [h, minute, second] = time ?? [0, 0, 0];
  let hour = h;
  if (meridiem && hour <= 12) {
    if (hour === 12) hour = 0;
    if (meridiem === 'pm') hour += 12;
  }
  if (offset === undefined && !zoneSeen && korean) offset = KOREAN_OFFSET_MINUTES;
  return build({ year, month, day, hour, minute, second, ...(offset !== undefined ? { offset } : {}) }, text, notes);
}

/** RFC 822 as most feeds write it, read without the general tokenizer (a 10,000-item feed has 10,000 dates). */
const RFC822_COMMON =
  /^(?:[A-Z][a-z]{2}, )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? (GMT|UTC|UT|Z|[+-]\d{4})$/;

function readCommon(text: string, words: DateWords): DateReading | undefined {
  const m = RFC822_COMMON.exec(text);
  const month = m ? words.months.get(m[2]!.toLowerCase()) : undefined;
  if (!m || month === undefined) return undefined;
  const zone = m[7]!;
  const offset = /^[+-]/.test(zone) ? (zoneOffset(zone, words, []) ?? 0) : 0;
  return build(
    { year: +m[3]!, month, day: +m[1]!, hour: +m[4]!, minute: +m[5]!, second: m[6] ? +m[6] : 0, offset },
    text,
    [],
  );
}

/** Reads a feed date; `iso` is null (with a note unless the text was empty) when it cannot be read. */
export function readFeedDate(raw: string | null | undefined, words: DateWords = DATE_WORDS): DateReading {
  const trimmed = (raw ?? '').trim();
  const text = (/[^\x20-\x7e]/.test(trimmed) ? trimmed.normalize('NFC') : trimmed).replace(/\s+/g, ' ');
  if (text === '') return { iso: null };
  const common = readCommon(text, words);
  if (common) return common;
  const iso = readIso(text, words);
  // An ISO date followed by more (2004-05-25 오후 11:23:17) may be a word date that reads all of it.
  const reading = iso?.note?.includes('after the date')
    ? (readWords(text, words) ?? iso)
    : (iso ?? readWords(text, words));
  return reading ?? { iso: null, note: `unreadable date "${text}", dropped` };
}

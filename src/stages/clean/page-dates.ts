/**
 * Page dates as ISO 8601: the forms metadata fields use (ISO 8601, RFC 2822, day-first numeric
 * "10.12.2022, 07:00", dates written in words in any language month-names.yaml knows), and the
 * publisher's own calendar day when the declared instant is given in UTC only.
 */
import { dateInLine } from './date-in-text.js';

const ISO_DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** An ISO day followed by a time part that is not ISO ("2022-01-10T22:06:08:684Z"): the day still holds. */
const ISO_DAY_PREFIX_RE = /^(\d{4})-(\d{2})-(\d{2})(?!\d)/;
/** Day-first numeric dates with dots ("10.12.2022, 07:00:03"): dots never mean month-first. */
const DOTTED_DMY_RE = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/;
const ZONE_HINT_RE = /\b(?:GMT|UTC|Z)\b|[+-]\d{2}:?\d{2}\s*$/i;
const UTC_RE = /(?:Z|[+-]00:00)$/;
/**
 * The widest gap between a UTC instant and the same instant on a local clock (UTC+14 to UTC−12):
 * a local time on the page further from the UTC one is another moment, not the same one.
 */
const MAX_ZONE_OFFSET_MS = 14 * 3600 * 1000;

const pad = (n: number): string => String(n).padStart(2, '0');

function validDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A page date as ISO 8601: zone kept when given, omitted when not; undefined when unreadable. */
export function normalizeDate(value: string | undefined): string | undefined {
  const s = value?.trim();
  if (!s) return undefined;
  const m = ISO_DATE_RE.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, zone] = m;
    if (h === undefined) return `${y}-${mo}-${d}`;
    let z = zone ?? '';
    if (/^[+-]\d{2}$/.test(z)) z += ':00';
    else if (/^[+-]\d{4}$/.test(z)) z = `${z.slice(0, 3)}:${z.slice(3)}`;
    return `${y}-${mo}-${d}T${h}:${mi}:${sec ?? '00'}${z.toUpperCase()}`;
  }
  const dayFirst = DOTTED_DMY_RE.exec(s);
  if (dayFirst) {
    const [d, mo, y] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])];
    if (!validDay(y, mo, d)) return undefined;
    const day = `${y}-${pad(mo)}-${pad(d)}`;
    const [, , , , h, mi, sec] = dayFirst;
    return h === undefined ? day : `${day}T${pad(Number(h))}:${mi}:${sec ?? '00'}`;
  }
  const isoDay = ISO_DAY_PREFIX_RE.exec(s);
  if (isoDay && validDay(Number(isoDay[1]), Number(isoDay[2]), Number(isoDay[3])))
    return `${isoDay[1]}-${isoDay[2]}-${isoDay[3]}`;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return dateInLine(s);
  const date = new Date(t);
  if (ZONE_HINT_RE.test(s)) return date.toISOString().replace('.000Z', 'Z');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return /\d:\d/.test(s) ? `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` : day;
}

/** Milliseconds of a zone-less ISO date or date-time read as if it were UTC. */
function wallClock(iso: string): number {
  return Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : `${iso}Z`);
}

/**
 * The publication date in the publisher's own calendar: a date declared in UTC only
 * ("2023-11-09T05:30:59Z") gives way to a local date the page shows for the same moment ("2023-11-08
 * 23:30:59", or the day alone), as the day a reader saw is the local one.
 *
 * @param declared the normalised declared publication date
 * @param local normalised dates the page's markup shows (`<time>`, microdata), first first
 */
export function publisherDay(declared: string | undefined, local: readonly (string | undefined)[]): string | undefined {
  if (declared === undefined || !UTC_RE.test(declared)) return declared;
  const instant = Date.parse(declared);
  for (const l of local) {
    if (l === undefined || ZONE_HINT_RE.test(l.slice(10))) continue;
    if (l.slice(0, 10) === declared.slice(0, 10)) return declared;
    const clock = wallClock(l);
    if (Number.isNaN(clock)) continue;
    // A day alone is the same moment when the instant falls within that day on some clock.
    const near =
      l.length === 10
        ? clock - MAX_ZONE_OFFSET_MS <= instant && instant < clock + 24 * 3600 * 1000 + MAX_ZONE_OFFSET_MS
        : Math.abs(clock - instant) <= MAX_ZONE_OFFSET_MS;
    if (near) return l;
  }
  return declared;
}

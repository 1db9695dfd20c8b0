/**
 * A publication date when the page declares none: from the URL's path ("/2012/05/31/") or from a
 * short dateline-like line of the page ("31. Mai 2012", "May 31, 2012", "31.05.2012",
 * "2012-05-31"). Month names in many languages live in month-names.yaml.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const MONTHS_PATH = join(dirname(fileURLToPath(import.meta.url)), 'month-names.yaml');
const monthsSchema = z.record(z.string().regex(/^[a-z]{2}$/), z.array(z.string().min(1)).length(12));

/** Month form (lower case) → month number 1–12. */
function loadMonths(): Map<string, number> {
  const parsed = monthsSchema.safeParse(parseYaml(readFileSync(MONTHS_PATH, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${MONTHS_PATH}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const months = new Map<string, number>();
  for (const lines of Object.values(parsed.data)) {
    lines.forEach((line, i) => {
      for (const form of line.split(/\s+/)) if (form !== '') months.set(form.toLowerCase(), i + 1);
    });
  }
  return months;
}

const MONTHS = loadMonths();
const MONTH_WORD = '(\\p{L}{3,}\\.?)';
/** Years a publication date can have. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;
/** Only short lines are datelines; a date inside a paragraph may be any event's. */
const MAX_DATELINE_CHARS = 120;
/** How many short lines from the top of the page are searched. */
const MAX_LINES_SEARCHED = 400;

const URL_DATE_RE = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|[-_]|\.html?|$)/;
const ISO_RE = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/;
const NUMERIC_DMY_RE = /\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})\b/;
const DAY_MONTH_YEAR_RE = new RegExp(
  `\\b(\\d{1,2})\\.?\\s+(?:de\\s+)?${MONTH_WORD}\\s+(?:de\\s+)?((?:19|20)\\d{2})\\b`,
  'iu',
);
const MONTH_DAY_YEAR_RE = new RegExp(`${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})\\b`, 'iu');

const pad = (n: number): string => String(n).padStart(2, '0');

function isoDay(y: number, m: number, d: number): string | undefined {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : undefined;
}

function month(word: string): number | undefined {
  return MONTHS.get(word.toLowerCase().replace(/\.$/, ''));
}

/** The date in a URL's path ("/2012/05/31/slug"), as YYYY-MM-DD. */
export function dateFromUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const m = URL_DATE_RE.exec(path);
  return m ? isoDay(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** The first date written in one line of text, as YYYY-MM-DD. */
export function dateInLine(line: string): string | undefined {
  let m = ISO_RE.exec(line);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DAY_MONTH_YEAR_RE.exec(line);
  if (m) {
    const mo = month(m[2]!);
    if (mo !== undefined) return isoDay(Number(m[3]), mo, Number(m[1]));
  }
  m = MONTH_DAY_YEAR_RE.exec(line);
  if (m) {
    const mo = month(m[1]!);
    if (mo !== undefined) return isoDay(Number(m[3]), mo, Number(m[2]));
  }
  m = NUMERIC_DMY_RE.exec(line);
  if (m) return isoDay(Number(m[3]), Number(m[2]), Number(m[1]));
  return undefined;
}

/** The first date on a short line among the page's first lines, as YYYY-MM-DD. */
export function dateInLines(lines: Iterable<string>): string | undefined {
  let seen = 0;
  for (const line of lines) {
    if (++seen > MAX_LINES_SEARCHED) return undefined;
    if (line.length > MAX_DATELINE_CHARS) continue;
    const d = dateInLine(line);
    if (d !== undefined) return d;
  }
  return undefined;
}

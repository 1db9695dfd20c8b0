/**
 * The word lists of date-words.yaml (month names, weekday names, zone abbreviations), validated on
 * load: a month word listed under two months or an offset that is not ±hh:mm is a startup error.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

export const DATE_WORDS_PATH = join(dirname(fileURLToPath(import.meta.url)), 'date-words.yaml');

const OFFSET = /^[+-]\d{2}:\d{2}$/;

const schema = z.object({
  months: z.record(z.string().regex(/^(?:[1-9]|1[0-2])$/), z.array(z.string().min(1))),
  weekdays: z.array(z.string().min(1)),
  zones: z.record(z.string().regex(/^[A-Z]{1,5}$/), z.string().regex(OFFSET)),
});

export interface DateWords {
  /** Lower-cased month word → month number 1–12. */
  months: Map<string, number>;
  weekdays: Set<string>;
  /** Upper-case abbreviation → offset in minutes east of UTC. */
  zones: Map<string, number>;
}

export function offsetMinutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

export function loadDateWords(path = DATE_WORDS_PATH): DateWords {
  const data = schema.parse(parse(readFileSync(path, 'utf8')));
  const months = new Map<string, number>();
  for (const [month, words] of Object.entries(data.months)) {
    for (const word of words) {
      const key = word.toLowerCase();
      const before = months.get(key);
      if (before !== undefined && before !== Number(month)) {
        throw new Error(`${path}: month word "${word}" is listed under months ${before} and ${month}`);
      }
      months.set(key, Number(month));
    }
  }
  const zones = new Map(Object.entries(data.zones).map(([name, offset]) => [name, offsetMinutes(offset)]));
  return { months, weekdays: new Set(data.weekdays.map((w) => w.toLowerCase())), zones };
}

/** The shipped word lists, loaded once. */
export const DATE_WORDS = loadDateWords();

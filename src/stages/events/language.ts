/** Which language a sentence of an article is read in: Russian when enough of its letters are Cyrillic. */
import type { Lang } from './types.js';

/** A sentence with at least this share of Cyrillic letters is read as Russian. */
const CYRILLIC_SHARE = 0.3;

const CYRILLIC = /[\u0400-\u04ff]/g;
export const HAS_CYRILLIC = /[\u0400-\u04ff]/;
const LETTER = /\p{L}/gu;

export function languageOf(text: string): Lang {
  if (!HAS_CYRILLIC.test(text)) return 'en';
  const cyr = text.match(CYRILLIC)?.length ?? 0;
  const letters = text.match(LETTER)?.length ?? 1;
  return cyr / letters >= CYRILLIC_SHARE ? 'ru' : 'en';
}

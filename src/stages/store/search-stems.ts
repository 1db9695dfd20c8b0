/**
 * Russian words as search stems, the same in both stores: "санкциях" and "санкции" both become
 * "санкц", "Лаврову" and "Лавров" both "лавр". The stems of an article's Cyrillic words are stored
 * beside its text (title_stems, body_stems) and indexed with it; a query's Cyrillic words are
 * searched as their stems too, so any inflected form finds any other.
 *
 * The stem is the Snowball Russian stemmer applied twice. Once is not enough for surnames: Snowball
 * reads the "-ов" of "Лавров" as a plural ending ("лавр") but keeps it in "Лаврову" ("лавров"), so
 * the forms of one name would not meet; a second pass brings "лавров" down to "лавр" as well. The
 * price: a few unrelated words that share a stem after two passes also match each other.
 */
import { stemmer as russianStemmer } from '@orama/stemmers/russian';

const CYRILLIC_WORD = /\p{Script=Cyrillic}+/gu;
const HAS_CYRILLIC = /\p{Script=Cyrillic}/u;

/** The search stem of one Cyrillic word (lower case, ё read as е). */
export function searchStem(word: string): string {
  const lower = word.toLowerCase().replace(/ё/g, 'е');
  return russianStemmer(russianStemmer(lower));
}

/** The stems of a text's Cyrillic words, in order, space-separated; null when it has none. */
export function stemsOf(text: string): string | null {
  const words = text.match(CYRILLIC_WORD);
  return words ? words.map(searchStem).join(' ') : null;
}

export function hasCyrillic(text: string): boolean {
  return HAS_CYRILLIC.test(text);
}

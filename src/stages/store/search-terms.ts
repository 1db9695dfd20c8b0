/**
 * PostgreSQL's search terms, made in Parley: one rule turns an article's title and text into a
 * weighted `tsvector` literal and a person's query into a `tsquery` literal, so both sides stem
 * alike and PostgreSQL only parses the literals (a stored article cost it ~2 ms of `to_tsvector`).
 *
 * The rule: words are runs of letters and digits, lower-cased, ё read as е; a stopword
 * (search-stopwords.yaml) is left out but keeps its place; a Cyrillic word becomes its search stem
 * (search-stems.ts), a word of the letters a–z its English (Porter) stem (@orama/stemmers), any
 * other word stays as it is. Title words have weight A, body words the default (D), so ts_rank
 * counts the title ten times the body; the body's positions start two past the title's, so no
 * phrase spans the two.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { parse } from 'yaml';
import { z } from 'zod';
import { hasCyrillic, searchStem } from './search-stems.js';

export const STOPWORDS_PATH = join(dirname(fileURLToPath(import.meta.url)), 'search-stopwords.yaml');

const WORD = /[\p{L}\p{N}]+/gu;
const SEARCH_TOKEN = /"([^"]*)"|[\p{L}\p{N}]+/gu;
const ENGLISH_WORD = /^[a-z]+$/;

/** PostgreSQL keeps at most 256 positions of one lexeme, none past 16,383 (its tsvector limits). */
const MAX_POSITIONS = 256;
const MAX_POSITION = 16_383;

/**
 * Stems remembered, so a word common in the news is stemmed once, not in every article (the
 * English stemmer takes ~10 µs a word, a text has hundreds); past this many the memory is cleared.
 */
const STEM_CACHE_SIZE = 100_000;

const StopwordsSchema = z.object({
  english: z.array(z.string().regex(/^[a-z]+$/)),
  russian: z.array(z.string().regex(/^[а-яё]+$/)),
});

/** The stopwords of both languages, lower case (a word is never both). */
export function loadStopwords(path = STOPWORDS_PATH): Set<string> {
  const data = StopwordsSchema.parse(parse(readFileSync(path, 'utf8')));
  return new Set([...data.english, ...data.russian.map((w) => w.replace(/ё/g, 'е'))]);
}

const STOPWORDS = loadStopwords();
/** Each word as written → its term ('' for a stopword): a hit skips lower-casing and stemming. */
const terms = new Map<string, string>();

/** The search term of one word, or null for a stopword. */
export function searchTerm(word: string): string | null {
  let term = terms.get(word);
  if (term === undefined) {
    const lower = word.toLowerCase().replace(/ё/g, 'е');
    term = STOPWORDS.has(lower)
      ? ''
      : hasCyrillic(lower)
        ? searchStem(lower)
        : ENGLISH_WORD.test(lower)
          ? englishStemmer(lower)
          : lower;
    if (terms.size >= STEM_CACHE_SIZE) terms.clear();
    terms.set(word, term);
  }
  return term || null;
}

/** Each term's positions so far. */
type Positions = Map<string, number[]>;

/** Adds the terms of `text` at positions from `start` on; returns the position after its last word. */
function addTerms(text: string, start: number, into: Positions): number {
  let pos = start;
  for (const word of text.match(WORD) ?? []) {
    const term = searchTerm(word);
    if (term !== null && pos <= MAX_POSITION) {
      const positions = into.get(term);
      if (positions === undefined) into.set(term, [pos]);
      else if (positions.length < MAX_POSITIONS) positions.push(pos);
    }
    pos++;
  }
  return pos;
}

/**
 * A tsvector literal: each term with its positions, weight A for those before `titleEnd`. Terms
 * hold only letters and digits: nothing to escape inside the quotes.
 */
function literal(terms: Positions, titleEnd: number): string {
  const out: string[] = [];
  for (const [term, positions] of terms) {
    out.push(`'${term}':${positions.map((p) => (p < titleEnd ? `${p}A` : p)).join(',')}`);
  }
  return out.join(' ');
}

/** An article's search vector as a tsvector literal: title words weight A, text words D. */
export function searchVector(title: string, body: string): string {
  const terms: Positions = new Map();
  const titleEnd = addTerms(title, 1, terms);
  addTerms(body, titleEnd + 1, terms);
  return literal(terms, titleEnd);
}

/** The title's own vector (no weights), for "words in the title" on broad searches. */
export function titleVector(title: string): string {
  const terms: Positions = new Map();
  addTerms(title, 1, terms);
  return literal(terms, 0);
}

/** One word or "phrase" as tsquery text: a phrase's words in order, `<n>` across left-out stopwords. */
function queryTerm(words: string[]): string | null {
  let out = '';
  let gap = 0;
  for (const w of words) {
    const term = searchTerm(w);
    gap++;
    if (term === null) continue;
    out += out ? ` <${gap}> '${term}'` : `'${term}'`;
    gap = 0;
  }
  return out ? (out.includes('<') ? `(${out})` : out) : null;
}

/**
 * What a person typed as a tsquery literal: every word and "quoted phrase" must appear (the same
 * as SQLite's search; no operator gets through). Null when it holds no word. A query of stopwords
 * only searches for them as they are, and finds nothing, as PostgreSQL's own parsing did.
 */
export function searchQuery(q: string): string | null {
  const terms: string[] = [];
  const all: string[] = [];
  for (const m of q.matchAll(SEARCH_TOKEN)) {
    const words = (m[1] ?? m[0]).match(WORD);
    if (!words) continue;
    all.push(...words);
    const term = queryTerm(words);
    if (term) terms.push(term);
  }
  if (all.length === 0) return null;
  return terms.length ? terms.join(' & ') : `'${all[0]!.toLowerCase()}'`;
}

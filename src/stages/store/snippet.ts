/**
 * Search snippets, made here rather than by the database, the same for both stores: the passage of
 * SNIPPET_WORDS words holding the most of the query's words, each match marked. A word matches
 * when its stem is a query word's stem (English Snowball for Latin words, search-stems.ts for
 * Cyrillic), so "vetoed" marks "veto" and "санкциях" marks "санкции". Doing it here costs a few
 * milliseconds for a page; asking SQLite's FTS5 for snippets of a very common word cost far more,
 * as each one read that word's whole index entry.
 */
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { hasCyrillic, searchStem } from './search-stems.js';

/** Words in a snippet. */
export const SNIPPET_WORDS = 24;

const WORD = /[\p{L}\p{N}]+/gu;
/** Letters a word and its stem always share at the start (Snowball changes endings only). */
const PREFIX = 2;
/** Words of the websearch syntax that are operators, not words to find. */
const OPERATORS = new Set(['or', 'and', 'not']);

function key(word: string): string {
  const lower = word.toLowerCase();
  return hasCyrillic(lower) ? searchStem(lower) : englishStemmer(lower);
}

/** `text`'s best passage for query `q`, matches wrapped in `start`…`end`; its start when nothing matches. */
export function makeSnippet(text: string, q: string, start: string, end: string): string {
  const wanted = new Set((q.match(WORD) ?? []).filter((w) => !OPERATORS.has(w.toLowerCase())).map(key));
  // A stem starts with its word's first letters: only words starting like a wanted stem are stemmed.
  const prefixes = new Set([...wanted].map((k) => k.slice(0, PREFIX)));
  const words = [...text.matchAll(WORD)];
  if (words.length === 0) return '';
  const hits = words.map((m) => {
    if (!prefixes.has(m[0].slice(0, PREFIX).toLowerCase().replace(/ё/g, 'е'))) return null;
    const k = key(m[0]);
    return wanted.has(k) ? k : null;
  });
  // The window with the most distinct query words (the first such window).
  let best = 0;
  let bestScore = -1;
  for (let from = 0; from < Math.max(1, words.length - SNIPPET_WORDS + 1); from++) {
    const score = new Set(hits.slice(from, from + SNIPPET_WORDS).filter((h) => h !== null)).size;
    if (score > bestScore) [best, bestScore] = [from, score];
  }
  const to = Math.min(words.length, best + SNIPPET_WORDS);
  let out = '';
  let cursor = words[best]!.index;
  for (let i = best; i < to; i++) {
    const m = words[i]!;
    out += text.slice(cursor, m.index) + (hits[i] !== null ? `${start}${m[0]}${end}` : m[0]);
    cursor = m.index + m[0].length;
  }
  return `${best > 0 ? '… ' : ''}${out}${to < words.length ? ' …' : ''}`;
}

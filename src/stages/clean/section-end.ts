/**
 * Headings that close an article: "Related articles", "Lesen Sie auch", "À lire aussi". The
 * phrases live one a line in section-end-phrases.txt; a short line that is one of them, after the
 * article has begun, starts related reading or sharing, not more of the article.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SECTION_END_PHRASES_PATH = join(dirname(fileURLToPath(import.meta.url)), 'section-end-phrases.txt');

/** A section heading is short: longer lines are prose that happens to start with such words. */
const MAX_SECTION_END_CHARS = 60;

/** The phrases of a word list: one a line, "#" comments and blank lines skipped, lower case. */
export function readPhraseList(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.toLowerCase());
}

const PHRASES = new Set(readPhraseList(readFileSync(SECTION_END_PHRASES_PATH, 'utf8')));
const TRAILING_RE = /[\s:.…?!»›>→-]+$/u;
const LEADING_RE = /^[\s»›>→-]+/u;

/** True when the line is one of the section-end headings (with trailing colon, ellipsis or arrow allowed). */
export function isSectionEndHeading(line: string): boolean {
  if (line.length > MAX_SECTION_END_CHARS) return false;
  const key = line.replace(TRAILING_RE, '').replace(LEADING_RE, '').replace(/\s+/g, ' ').toLowerCase();
  return PHRASES.has(key);
}

/**
 * Accuracy of the title, author and date Parley extracts, against the annotations of trafilatura's
 * set (pages without an annotation for a field are left out of that field's figure).
 *
 * - title: equal after case, whitespace and typographic quotes are normalised;
 * - author: equal, or the annotated name is one of the extracted authors (same normalisation);
 * - date: the same calendar day (YYYY-MM-DD) as the extracted publication date.
 */
import type { PageMetadata } from '../src/stages/clean/html-extractor.js';
import type { TruthMeta } from './_extraction-sets.js';

export interface FieldTally {
  right: number;
  annotated: number;
}

/** An annotation as text: some are lists of names. */
function asText(v: unknown): string {
  return Array.isArray(v) ? v.map(String).join('; ') : typeof v === 'string' ? v : '';
}

export interface MetadataTally {
  title: FieldTally;
  author: FieldTally;
  date: FieldTally;
}

export function emptyTally(): MetadataTally {
  return { title: { right: 0, annotated: 0 }, author: { right: 0, annotated: 0 }, date: { right: 0, annotated: 0 } };
}

function key(s: string): string {
  return s
    .toLowerCase()
    .replace(/[“”„«»]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Adds one page's metadata to the tally. */
export function tallyMetadata(
  tally: MetadataTally,
  truth: TruthMeta | undefined,
  found: PageMetadata | undefined,
): void {
  if (truth === undefined) return;
  const title = asText(truth.title);
  const author = asText(truth.author);
  const date = asText(truth.date);
  if (title) {
    tally.title.annotated += 1;
    if (found?.title !== undefined && key(found.title) === key(title)) tally.title.right += 1;
  }
  if (author) {
    tally.author.annotated += 1;
    const want = key(author);
    const authors = (found?.authors ?? []).map(key);
    if (authors.includes(want) || authors.join('; ') === want) tally.author.right += 1;
  }
  if (date) {
    tally.date.annotated += 1;
    if (found?.published !== undefined && found.published.slice(0, 10) === date.slice(0, 10)) tally.date.right += 1;
  }
}

export function formatTally(t: MetadataTally): string {
  const pct = (f: FieldTally): string =>
    `${f.right}/${f.annotated} (${((100 * f.right) / Math.max(1, f.annotated)).toFixed(1)} %)`;
  return `metadata accuracy: title ${pct(t.title)}  author ${pct(t.author)}  date ${pct(t.date)}`;
}

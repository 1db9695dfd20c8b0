/**
 * Splits an article into title, lead and body sentences. Robust to raw page text: boilerplate
 * lines ("Skip to main content", subscription prompts) are dropped, a boilerplate title is
 * replaced by the first headline-like line, a repeated title and a wire dateline are removed.
 */
import type { ClassifyInput, Sentence } from './types.js';

/** Body sentences that form the lead: wire stories put who-did-what-to-whom in the first two. */
export const LEAD_SENTENCES = 2;
/** A line longer than this is prose, not a headline or a boilerplate link. */
const MAX_HEADLINE_CHARS = 200;
/** Fewest words for a line to stand in for a missing title. */
const MIN_HEADLINE_WORDS = 3;

const BOILERPLATE_LINE =
  /\b(skip to (main )?content|subscribe|newsletters?|sign (up|in)|log ?in|cookies?|all rights reserved|per (year|month)|advertisement|share (this|on)|join our community|you can trust|read more|click here)\b/i;
const DATELINE = /^\s*[A-Z][A-Z .,'’/-]{1,60}(\([^)]{1,40}\))?\s+[-–—]+\s+/;
/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATION =
  /(?:\b(?:U\.S|U\.N|U\.K|E\.U|Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Maj|Sgt|Capt|Adm|St|Jr|Sr|No|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|Inc|Corp|Co|Ltd|vs|[A-Z]))$/;
const SENTENCE_END = /[.!?]["”’)»]*\s+(?=["“‘(«]?[A-Z0-9А-ЯЁ])/g;

/** The article as ordered sentences, title first. */
export interface Segmented {
  title: string;
  sentences: Sentence[];
}

/** Splits one paragraph into sentences, not breaking after abbreviations such as "U.S." or "Dec.". */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(paragraph); m; m = SENTENCE_END.exec(paragraph)) {
    const before = paragraph.slice(start, m.index);
    if (paragraph[m.index] === '.' && ABBREVIATION.test(before)) continue;
    const end = m.index + m[0].trimEnd().length;
    const s = paragraph.slice(start, end).trim();
    if (s) out.push(s);
    start = m.index + m[0].length;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

function isBoilerplate(line: string): boolean {
  return line.length < MAX_HEADLINE_CHARS && BOILERPLATE_LINE.test(line);
}

function isHeadline(line: string): boolean {
  return line.length < MAX_HEADLINE_CHARS && line.split(/\s+/).length >= MIN_HEADLINE_WORDS && !/[.:]$/.test(line);
}

/** Cleans and segments an article; see the module comment. */
export function segment(doc: ClassifyInput): Segmented {
  let lines = doc.text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter((l) => l && !isBoilerplate(l));
  let title = (doc.title ?? '').trim();
  if (!title || isBoilerplate(title)) {
    const first = lines.findIndex(isHeadline);
    title = first >= 0 && first < 3 ? lines[first]! : '';
    if (first >= 0 && first < 3) lines = lines.slice(first + 1);
  } else if (lines[0] === title) {
    lines = lines.slice(1);
  }
  if (lines[0]) lines[0] = lines[0].replace(DATELINE, '');

  const bodySentences = lines.flatMap(splitSentences);
  const sentences: Sentence[] = [];
  const total = bodySentences.length;
  if (title) sentences.push({ text: title, where: 'title', index: 0, depth: 0 });
  bodySentences.forEach((text, i) => {
    sentences.push({
      text,
      where: i < LEAD_SENTENCES ? 'lead' : 'body',
      index: sentences.length,
      depth: total > 1 ? i / (total - 1) : 0,
    });
  });
  return { title, sentences };
}

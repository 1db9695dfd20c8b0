/**
 * The sentences of an article the extractor reads: the text capped and split into sentences
 * (Russian ones at their own sentence ends too), and among them the candidates, the sentences with
 * a trigger word, that alone can report an event.
 */
import { segment } from '../classify/segmenter.js';
import type { Sentence } from '../classify/types.js';
import { MAX_EVIDENCE_CHARS } from '../../shared/event-contract.js';
import { HAS_CYRILLIC } from './language.js';
import type { EventRules, Matcher } from './rules.js';
import type { EventInput } from './types.js';

/**
 * Sentences read per article. The longest articles of the eval sets have under 200; past this the
 * text is not a news article (a dump, a hostile input) and reading on would only cost time: at this
 * cap the worst case stays under 100 ms (npm run bench -- events).
 */
export const MAX_SENTENCES = 400;
/** Characters read per article, for the same reason: the longest eval articles have under 30,000. */
export const MAX_TEXT_CHARS = 40_000;
/** Sentences with a trigger read in full per article (real articles have a handful). */
export const MAX_CANDIDATES = 60;

const RU_SPLIT = /(?<=[.!?…]["»”)]*)\s+(?=["«„(]?[А-ЯЁA-Z0-9])/u;

/** The article's text as read (capped) and its sentences, title first, each numbered by `index`. */
export function articleSentences(doc: EventInput, notes: string[]): { text: string; sentences: Sentence[] } {
  let text = doc.text;
  if (text.length > MAX_TEXT_CHARS) {
    notes.push(`the article has ${text.length} characters; events were read from the first ${MAX_TEXT_CHARS}`);
    text = text.slice(0, MAX_TEXT_CHARS);
  }
  let { sentences } = segment({ title: doc.title, text });
  sentences = sentences.flatMap((s) =>
    HAS_CYRILLIC.test(s.text) ? s.text.split(RU_SPLIT).map((text) => ({ ...s, text })) : [s],
  );
  if (sentences.length > MAX_SENTENCES) {
    notes.push(`the article has ${sentences.length} sentences; events were read from the first ${MAX_SENTENCES}`);
    sentences = sentences.slice(0, MAX_SENTENCES);
  }
  return { text, sentences: sentences.map((s, index) => ({ ...s, index })) };
}

/**
 * Only sentences with a trigger word can report an event: the rest are not tagged at all. Whitespace
 * runs (a line break, a double space) read as one space, for triggers as for evidence.
 */
export function candidateSentences(
  sentences: readonly Sentence[],
  rules: EventRules,
  anyTrigger: Matcher,
  notes: string[],
): Sentence[] {
  const long = sentences.filter((s) => s.text.length > MAX_EVIDENCE_CHARS).length;
  if (long) notes.push(`${long} sentences longer than ${MAX_EVIDENCE_CHARS} characters were not read`);
  let candidates = sentences
    .filter((s) => s.text.length <= MAX_EVIDENCE_CHARS && rules.prefilter.test(s.text))
    .map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ') }))
    .filter((s) => anyTrigger.test(s.text));
  if (candidates.length > MAX_CANDIDATES) {
    notes.push(`${candidates.length} sentences have an event word; the first ${MAX_CANDIDATES} were read`);
    candidates = candidates.slice(0, MAX_CANDIDATES);
  }
  return candidates;
}

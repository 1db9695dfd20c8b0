/**
 * The JSON-LD `articleBody` as a second opinion. Publishers often truncate it or leave markup in
 * it, so it is never the output; but when the chosen text shares few of its words, the choice was
 * wrong, and the element whose blocks best match `articleBody` (most matching text, least other
 * text) is taken instead.
 */
import type { Element } from 'domhandler';
import type { ArticlePart } from './content-scorer.js';
import type { PageBlocks } from './dom-blocks.js';

/** articleBody with fewer distinct words than this is too short to judge by. */
const MIN_HINT_WORDS = 30;
/** The chosen text must hold at least this share of articleBody's distinct words to stand. */
const MIN_COVERAGE = 0.6;
/** A block matches when at least this share of its words occur in articleBody. */
const MIN_BLOCK_MATCH = 0.8;
const WORD_RE = /[\p{L}\p{N}]+/gu;
const TAG_RE = /<[^>]*>/g;

function words(text: string): string[] {
  return text.toLowerCase().match(WORD_RE) ?? [];
}

/** The distinct words of a JSON-LD articleBody, or undefined when it is too short to judge by. */
export function hintWords(articleBody: string | undefined): Set<string> | undefined {
  if (articleBody === undefined) return undefined;
  const set = new Set(words(articleBody.replace(TAG_RE, ' ')));
  return set.size >= MIN_HINT_WORDS ? set : undefined;
}

/** True when the text holds enough of the hint's words. */
export function coversHint(text: string, hint: Set<string>): boolean {
  const have = new Set(words(text));
  let shared = 0;
  for (const w of hint) if (have.has(w)) shared += 1;
  return shared / hint.size >= MIN_COVERAGE;
}

/** The element whose blocks best match the hint: matching text minus other text, maximised. */
export function partMatchingHint(page: PageBlocks, hint: Set<string>): ArticlePart | undefined {
  const prefix: number[] = [0];
  for (const b of page.blocks) {
    const ws = words(b.text);
    const matched = ws.filter((w) => hint.has(w)).length;
    const sign = ws.length > 0 && matched / ws.length >= MIN_BLOCK_MATCH ? 1 : -1;
    prefix.push(prefix[prefix.length - 1]! + sign * b.text.length);
  }
  let best: { element: Element; score: number } | undefined;
  for (const [element, r] of page.ranges) {
    const score = prefix[r.end]! - prefix[r.start]!;
    if (best === undefined || score > best.score) best = { element, score };
  }
  if (best === undefined || best.score <= 0) return undefined;
  return { element: best.element, range: page.ranges.get(best.element)! };
}

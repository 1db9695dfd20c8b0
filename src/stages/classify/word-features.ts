/**
 * Word features of an article for the linear models: lowercased word unigrams and bigrams (any
 * script: Latin and Cyrillic alike) of the title and the first sentences, each with the most prominent place it occurs (title, lead,
 * body), so the evidence of a fitted weight can say where the phrase stood.
 */
import type { Sentence, Where } from './types.js';

/** Words: runs of letters or digits, with inner apostrophes, periods or hyphens ("u.s.", "anti-missile"). */
const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;
/**
 * Sentences (title included) whose words are features: a story states its subject at the top, and
 * words deep in the body are mostly passing mentions; reading fewer also keeps the classifier fast.
 */
export const WORD_FEATURE_SENTENCES = 6;
/** Words shorter than this are not unigram features (articles, "a", "of"); bigrams keep them. */
const MIN_UNIGRAM_CHARS = 2;

const RANK: Record<Where, number> = { title: 0, lead: 1, body: 2 };

/** Lowercased words of a text. */
export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/**
 * The distinct unigrams and bigrams of an article, each mapped to the most prominent place it
 * occurs. Bigrams are "w1 w2"; unigrams plain words.
 */
export function wordFeatures(sentences: Sentence[]): Map<string, Where> {
  const out = new Map<string, Where>();
  const put = (f: string, where: Where) => {
    const known = out.get(f);
    if (known === undefined || RANK[where] < RANK[known]) out.set(f, where);
  };
  for (const s of sentences.slice(0, WORD_FEATURE_SENTENCES)) {
    const w = words(s.text);
    for (let i = 0; i < w.length; i++) {
      if (w[i]!.length >= MIN_UNIGRAM_CHARS) put(w[i]!, s.where);
      if (i + 1 < w.length) put(`${w[i]} ${w[i + 1]}`, s.where);
    }
  }
  return out;
}

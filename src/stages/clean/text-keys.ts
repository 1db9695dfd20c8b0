/**
 * How the clean stage tells how a line ends and when two lines are "the same text": one home for
 * these rules, used by the plain-text cleaner, the scorer and the HTML extractor.
 */

/** Closing quotes and brackets that may follow the end punctuation of a sentence. */
const CLOSERS = `["'”’»)\\]]*`;

/** A line that ends like a sentence: ".", "!", "?" or "…", then closing quotes or brackets. */
export const SENTENCE_END_RE = new RegExp(`[.!?…]${CLOSERS}$`);
/**
 * A line that ends like a sentence or a lead-in to what follows ("The ministers agreed on three
 * points:"): article text, not a label, when it sits at the article's edge.
 */
export const SENTENCE_OR_LEAD_IN_END_RE = new RegExp(`[.!?…:]${CLOSERS}$`);

const QUOTES_RE = /[“”«»„]/g;
const APOSTROPHES_RE = /[‘’`]/g;
const NON_WORD_RUN_RE = /[^\p{L}\p{N}]+/gu;
const END_PUNCTUATION_RE = /[.!?:]+$/;

/** Lower case, typographic quotes and apostrophes as plain ones. */
function plainQuotes(text: string): string {
  return text.toLowerCase().replace(QUOTES_RE, '"').replace(APOSTROPHES_RE, "'");
}

/**
 * Key for "the same line" in plain text (a repeated headline, an alt text repeated as caption):
 * case, quote style and end punctuation ignored; inner punctuation counts.
 */
export function lineKey(text: string): string {
  return plainQuotes(text).replace(END_PUNCTUATION_RE, '');
}

/**
 * Key for "the same words" across markup (an <h1> against the declared title, a site name against
 * a title part): only letters and digits count, each run of anything else is one space.
 */
export function wordsKey(text: string): string {
  return plainQuotes(text).replace(NON_WORD_RUN_RE, ' ').trim();
}

/**
 * Whitespace normalisation shared by the plain-text cleaner and the HTML extractor.
 */

/** Non-breaking and other fixed-width spaces that should read as an ordinary space. */
const SPACE_LIKE_RE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g;
/** Zero-width characters and the BOM: invisible, never meaningful in article text. */
const ZERO_WIDTH_RE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
/** Control characters other than tab, line breaks and form feeds (NUL, backspace, escape, DEL …): never text, and PostgreSQL refuses NUL. */
const CONTROL_RE = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
/** Any character one of the replacements in normalizeSpaces would change. */
const SPECIAL_RE =
  /[\u0000-\u0008\u000e-\u001f\u007f\r\u2028\u2029\u0085\u200b-\u200d\u2060\ufeff\u00ad\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]/;
const SPACE_RUN_RE = / {2,}/g;
const LINE_BREAK_RE = /\r\n?|[\u2028\u2029\u0085]/g;

/**
 * Turns line breaks into `\n`, space-like characters into spaces, drops zero-width and control
 * characters, and composes letters written as a base and a combining mark ("u" + U+0308 → "ü",
 * Unicode NFC): a browser shows both alike, and search, keys and quotes must see one spelling.
 */
export function normalizeSpaces(text: string): string {
  if (!SPECIAL_RE.test(text)) return text.normalize('NFC'); // the common case: nothing to replace
  return text
    .replace(LINE_BREAK_RE, '\n')
    .replace(ZERO_WIDTH_RE, '')
    .replace(CONTROL_RE, '')
    .replace(SPACE_LIKE_RE, ' ')
    .normalize('NFC');
}

/** One line of text: space-like characters as spaces, runs collapsed, trimmed at both ends. */
export function normalizeLine(line: string): string {
  return normalizeSpaces(line).replace(SPACE_RUN_RE, ' ').trim();
}

/** Joins paragraphs with one blank line, after normalising each and dropping empty ones. */
export function joinParagraphs(paragraphs: readonly string[]): string {
  return paragraphs
    .map(normalizeLine)
    .filter((p) => p.length > 0)
    .join('\n\n');
}

/**
 * Plain-text mode of the clean stage: takes article text copied with the boilerplate of its page
 * (navigation, paywall pitches, photo captions and credits, bylines, comment sections) and keeps
 * the headline and the article paragraphs.
 *
 * Decisions:
 * - Each non-empty input line is one paragraph of the output; paragraphs are joined by one blank line.
 * - The title is the first headline-shaped line above the first body paragraph; it is returned
 *   apart and removed from the text, with its repeats.
 * - Bylines and datelines ("By bne IntelliNews April 12, 2017") are metadata, not text: they go.
 * - A standfirst/subtitle line under the headline is editorial text: it stays.
 * - Everything from the first comment-section marker below the article body on is comments.
 */
import {
  isBylineOrDateline,
  isCommentMarker,
  isCreditOrCaption,
  isNavigationLine,
  isNumberedNameLine,
  isPromoLine,
  stripEndMarker,
  wordCount,
} from './boilerplate-lines.js';
import { lineKey, SENTENCE_END_RE } from './text-keys.js';
import { normalizeLine, normalizeSpaces } from './whitespace.js';

/** The result of cleaning one text. */
export interface CleanedText {
  /** The headline, when the text starts with one. */
  title: string | undefined;
  /** The article paragraphs, separated by one blank line. */
  text: string;
}

/** A body paragraph has at least this many words and ends like a sentence (shorter lines may be captions or labels). */
const MIN_BODY_WORDS = 12;
/** Headlines are short: longer lines are prose even without a full stop. */
const MAX_TITLE_WORDS = 25;
/** Adjacent identical lines up to this length are image alt text and caption repeats ("John Kerry" twice). */
const MAX_REPEATED_LABEL_WORDS = 8;
/** A byline at most this many lines below a repeated headline closes the page header (caption lines between go). */
const MAX_HEADER_LINES = 3;
/** Trailing lines without sentence punctuation and at most this long are page footer ("Subscribe", "Tags"). */
const MAX_FOOTER_WORDS = 12;

const HEADING_START_RE = /^["'“‘«(\p{Lu}\p{N}]/u;
const HEADING_END_RE = /[.,;:]$/;

interface Line {
  /** Normalised text. */
  text: string;
  /** Leading spaces in the input: comment threads are indented under their author line. */
  indent: number;
  /** Index of the run of non-blank lines the line belongs to. */
  block: number;
  drop: boolean;
  byline: boolean;
}

function isSentenceLike(text: string): boolean {
  return SENTENCE_END_RE.test(text);
}

function isBodyParagraph(text: string): boolean {
  return isSentenceLike(text) && wordCount(text) >= MIN_BODY_WORDS;
}

function isHeadingLike(text: string): boolean {
  const words = wordCount(text);
  return words >= 2 && words <= MAX_TITLE_WORDS && HEADING_START_RE.test(text) && !HEADING_END_RE.test(text);
}

function splitLines(raw: string): Line[] {
  const lines: Line[] = [];
  let block = 0;
  for (const rawLine of normalizeSpaces(raw).split('\n')) {
    const text = normalizeLine(rawLine);
    if (text === '') {
      block += 1;
      continue;
    }
    const indent = rawLine.length - rawLine.trimStart().length;
    lines.push({ text, indent, block, drop: false, byline: false });
  }
  return lines;
}

/**
 * Index where the comment section starts, or lines.length: a comment marker, or a numbered author
 * line over indented text ("1. Jane Roe") when a comment marker follows somewhere below (without
 * one, such a line is a numbered list in the article).
 */
function commentSectionStart(lines: readonly Line[], firstBody: number): number {
  let threadStart = -1;
  for (let i = firstBody + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (isCommentMarker(line.text)) return threadStart >= 0 ? threadStart : i;
    const next = lines[i + 1];
    if (threadStart < 0 && isNumberedNameLine(line.text) && next !== undefined && next.indent > line.indent)
      threadStart = i;
  }
  return lines.length;
}

function markBoilerplate(lines: readonly Line[]): void {
  for (const line of lines) {
    const t = line.text;
    line.byline = isBylineOrDateline(t);
    line.drop = line.byline || isNavigationLine(t) || isPromoLine(t) || isCommentMarker(t) || isCreditOrCaption(t);
  }
}

/** Finds the headline, drops its repeats and the header lines between a repeat and a byline. */
function takeTitle(lines: readonly Line[], firstBody: number): string | undefined {
  const end = firstBody < 0 ? lines.length : firstBody;
  const titleIndex = lines.findIndex((l, i) => i < end && !l.drop && isHeadingLike(l.text));
  if (titleIndex < 0) return undefined;
  const title = lines[titleIndex]!.text;
  const key = lineKey(title);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (i < titleIndex && !isSentenceLike(line.text)) line.drop = true; // kickers and leftovers above the headline
    if (i !== titleIndex && lineKey(line.text) !== key) continue;
    line.drop = true;
    // Header block: headline, caption or standfirst lines, then the byline, with no blank line between.
    for (let j = i + 1; j < lines.length && j <= i + MAX_HEADER_LINES && lines[j]!.block === line.block; j++) {
      if (!lines[j]!.byline) continue;
      for (let k = i + 1; k < j; k++) lines[k]!.drop = true;
      break;
    }
  }
  return title;
}

/** Adjacent identical short lines are image alt text and its caption: both go. */
function dropRepeatedLabels(kept: readonly Line[]): void {
  for (let i = 0; i + 1 < kept.length; i++) {
    const a = kept[i]!;
    const b = kept[i + 1]!;
    if (wordCount(a.text) <= MAX_REPEATED_LABEL_WORDS && lineKey(a.text) === lineKey(b.text)) {
      a.drop = true;
      b.drop = true;
    }
  }
}

/** Short lines below the last sentence are page footer. */
function dropFooter(kept: readonly Line[]): void {
  for (let i = kept.length - 1; i >= 0; i--) {
    const line = kept[i]!;
    if (isSentenceLike(line.text) || wordCount(line.text) > MAX_FOOTER_WORDS) return;
    line.drop = true;
  }
}

/**
 * Cleans article text that still carries its page's boilerplate.
 *
 * @param raw text as copied from a page (any line endings, NBSPs, indentation)
 * @returns the headline (when there is one) and the article paragraphs separated by one blank line
 */
export function cleanText(raw: string): CleanedText {
  const all = splitLines(raw);
  markBoilerplate(all);
  const firstBody = all.findIndex((l) => !l.drop && isBodyParagraph(l.text));
  const lines = firstBody < 0 ? all : all.slice(0, commentSectionStart(all, firstBody));
  const title = takeTitle(lines, firstBody);
  dropRepeatedLabels(lines.filter((l) => !l.drop));
  dropFooter(lines.filter((l) => !l.drop));
  const paragraphs = lines
    .filter((l) => !l.drop)
    .map((l) => stripEndMarker(l.text))
    .filter((t) => t !== '');
  return { title, text: paragraphs.join('\n\n') };
}

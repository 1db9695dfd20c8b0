/**
 * The language of an article, detected from its text with eld (Efficient Language Detector; its
 * n-gram data ships inside the npm package, nothing is downloaded). The page's own declaration
 * does not decide it: pages declare "en" over Russian text and the reverse.
 */
import { eld } from 'eld/small';

/** Languages the classifier reads; others are skipped with a reason. */
export const SUPPORTED_LANGUAGES = ['en', 'ru'] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];

/**
 * Characters of title and text the detector reads: enough for a reliable call on news prose (all
 * 489 English and Russian dev articles right from 120 characters on; 200 leaves a margin), few
 * enough to keep detection a small part of classifying.
 */
export const DETECT_CHARS = 200;
/**
 * English prose whose words are at least this share of the commonest English function words is
 * English without asking the detector (English wire copy: 15–35 %, all 406 English dev articles;
 * French or German with English names: under 5 %), which saves most of detection's cost.
 */
const ENGLISH_FUNCTION_WORD_SHARE = 0.15;
/** Characters the function-word shortcut reads (counting words is cheap). */
const SHORTCUT_CHARS = 500;
/** Fewest words for the function-word shortcut to decide. */
const MIN_SHORTCUT_WORDS = 20;
const ENGLISH_FUNCTION_WORDS = new Set([
  'the',
  'of',
  'and',
  'to',
  'in',
  'a',
  'is',
  'that',
  'for',
  'on',
  'with',
  'said',
  'was',
  'by',
  'as',
  'it',
  'at',
  'from',
  'his',
  'he',
  'has',
  'have',
  'be',
  'are',
  'an',
  'its',
  'not',
  'were',
  'which',
  'their',
  'they',
  'would',
  'will',
  'who',
  'this',
  'but',
  'had',
  'after',
]);

/** The same shortcut for Russian; ы also rules out Ukrainian and Bulgarian, which lack it. */
const RUSSIAN_FUNCTION_WORDS = new Set([
  'и',
  'в',
  'не',
  'на',
  'что',
  'с',
  'по',
  'к',
  'о',
  'из',
  'за',
  'от',
  'для',
  'а',
  'как',
  'это',
  'он',
  'его',
  'также',
  'был',
  'была',
  'были',
  'года',
  'при',
  'до',
]);

function looksRussian(sample: string): boolean {
  const words = sample.toLowerCase().match(/[а-яё]+/g) ?? [];
  if (words.length < MIN_SHORTCUT_WORDS || !sample.includes('ы')) return false;
  const common = words.reduce((n, w) => n + (RUSSIAN_FUNCTION_WORDS.has(w) ? 1 : 0), 0);
  return common / words.length >= ENGLISH_FUNCTION_WORD_SHARE;
}

function looksEnglish(sample: string): boolean {
  const words = sample.toLowerCase().match(/[a-z]+/g) ?? [];
  if (words.length < MIN_SHORTCUT_WORDS || /[\u0400-\u04ff]/.test(sample)) return false;
  const common = words.reduce((n, w) => n + (ENGLISH_FUNCTION_WORDS.has(w) ? 1 : 0), 0);
  return common / words.length >= ENGLISH_FUNCTION_WORD_SHARE;
}

/** ISO 639-1 code of the text's language, or undefined when the detector cannot tell (too short, no letters). */
export function detectLanguage(title: string, text: string): string | undefined {
  const start = `${title}\n${text.slice(0, SHORTCUT_CHARS)}`;
  if (looksEnglish(start)) return 'en';
  if (looksRussian(start)) return 'ru';
  const found = eld.detect(`${title}\n${text.slice(0, DETECT_CHARS)}`).language;
  return found || undefined;
}

export function isSupported(lang: string): lang is SupportedLanguage {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(lang);
}

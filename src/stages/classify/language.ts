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
 * Characters of title and text the detector reads: enough for a reliable call on news prose
 * (all 489 English and Russian dev articles right at this length), few enough to cost well under
 * a millisecond.
 */
export const DETECT_CHARS = 600;

/** ISO 639-1 code of the text's language, or undefined when the detector cannot tell (too short, no letters). */
export function detectLanguage(title: string, text: string): string | undefined {
  const sample = `${title}\n${text.slice(0, DETECT_CHARS)}`;
  const found = eld.detect(sample).language;
  return found || undefined;
}

export function isSupported(lang: string): lang is SupportedLanguage {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(lang);
}

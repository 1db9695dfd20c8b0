/**
 * Decodes HTML character references left in metadata strings (JSON-LD and meta values are often
 * HTML-escaped twice: "Bike &amp; Style", "&#8216;Title&#8217;"). Body text needs none of this:
 * the parser decodes it.
 *
 * The decoding is the HTML standard's, by the maintained `entities` package (the one the HTML
 * parser uses): every named reference with its case ("&Eacute;" is "É", "&eacute;" is "é"), the
 * legacy ones without a semicolon ("&copy 2020"), numeric ones with the standard's replacements.
 */
import { decodeHTML } from 'entities';

/** The text with its character references decoded; text that is not a reference is left as it is. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return decodeHTML(text);
}

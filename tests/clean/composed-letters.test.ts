/**
 * Letters written as a base letter and a combining mark ("u" + U+0308) read as the composed letter
 * ("ü", Unicode NFC): a browser shows both alike, and a search or a quote must find one spelling.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';
import { cleanText } from '../../src/stages/clean/text-cleaner.js';

const DECOMPOSED =
  'Besonders bei Babyschalen sollte gepru\u0308ft werden, ob die Gurtla\u0308nge im Fahrzeug ausreicht, um den Sitz sicher anzuschnallen.';
const COMPOSED =
  'Besonders bei Babyschalen sollte geprüft werden, ob die Gurtlänge im Fahrzeug ausreicht, um den Sitz sicher anzuschnallen.';

describe('decomposed letters', () => {
  it('are composed in the text and the title of a page', () => {
    const html =
      `<html><head><title>Kindersitze im Vergleich: Gurtla\u0308nge pru\u0308fen</title></head><body>` +
      `<h1>Kindersitze im Vergleich: Gurtla\u0308nge pru\u0308fen</h1><p>${DECOMPOSED}</p><p>${DECOMPOSED}</p></body></html>`;
    const a = extractArticle(html);
    expect(a.text.split('\n\n')[0]).toBe(COMPOSED);
    expect(a.title).toBe('Kindersitze im Vergleich: Gurtlänge prüfen');
  });

  it('are composed in plain text', () => {
    expect(cleanText(`${DECOMPOSED}\n\n${DECOMPOSED}`).text).toContain(COMPOSED);
  });
});

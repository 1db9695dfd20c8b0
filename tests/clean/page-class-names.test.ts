/**
 * A class on <body> or <html> describes the page (its settings, its template), not a block: text
 * written straight into <body> under a class such as "f_caption_muted_videos_on" is article text,
 * not a caption.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';

const LINES = [1, 2, 3, 4]
  .map(
    (i) =>
      `Line ${i}: the foreign ministers met in Geneva for talks on arms control, sanctions and the exchange of prisoners, officials said.`,
  )
  .join('<br><br>');

describe('a page-level class name', () => {
  for (const tag of ['body', 'html'])
    it(`on <${tag}> does not make text straight under <body> a caption`, () => {
      const html =
        tag === 'body'
          ? `<html><head><title>Talks</title></head><body class="f_caption_muted_videos_on">${LINES}</body></html>`
          : `<html class="image-caption-on"><head><title>Talks</title></head><body>${LINES}</body></html>`;
      const text = extractArticle(html).text;
      expect(text).toContain('Line 1');
      expect(text).toContain('Line 4');
    });
});

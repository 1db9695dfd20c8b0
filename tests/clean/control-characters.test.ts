/**
 * Control characters (NUL, backspace, escape, DEL …) in a page or a text never reach the article:
 * they are not text, and PostgreSQL refuses NUL in a text column.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';
import { cleanText } from '../../src/stages/clean/text-cleaner.js';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const PARA =
  'U.S. Secretary of State Rex Tillerson met\u0000 Russian Foreign Minister\u0008 Sergei Lavrov in Moscow on\u001b Wednesday for talks on Syria\u007f.';

describe('control characters', () => {
  it('are dropped from the text, the title and the byline of a page', () => {
    const html =
      `<html><head><title>Tillerson\u0000 and\u0008 Lavrov meet</title><meta name="author" content="Jane\u0007 Correspondent"></head>` +
      `<body><h1>Tillerson\u0000 and\u0008 Lavrov meet</h1><p>${PARA}</p><p>${PARA}</p></body></html>`;
    const a = extractArticle(html);
    expect(a.text.split('\n\n')[0]).toBe(
      'U.S. Secretary of State Rex Tillerson met Russian Foreign Minister Sergei Lavrov in Moscow on Wednesday for talks on Syria.',
    );
    expect(a.title).toBe('Tillerson and Lavrov meet');
    expect(a.metadata.title).toBe('Tillerson and Lavrov meet');
    expect(a.metadata.authors.join(' ')).not.toMatch(CONTROL);
  });

  it('are dropped from plain text', () => {
    expect(cleanText(`${PARA}\n\n${PARA}`).text).not.toMatch(CONTROL);
  });
});

/**
 * A link that shows its own address ("https://example.org/report") cites a source: the paragraph
 * holding it is article text, not a link list, also at the article's last line. Links that show
 * words (related stories, menus) are still dropped as link lists.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';

const BODY = [
  'The city council voted on Tuesday to close the old swimming pool at the end of the summer season.',
  'Residents had collected several thousand signatures against the plan, which the mayor called too costly to reverse.',
  'A new pool is planned for the north of the town, but the council has not yet agreed on how to pay for it.',
]
  .map((p) => `<p>${p}</p>`)
  .join('');

const page = (inner: string): string =>
  `<html><body><nav><a href="/">Home</a></nav><h1>Pool to close</h1>` +
  `<div class="story">${BODY}${inner}</div><footer>© Example</footer></body></html>`;

describe('links that show their own address', () => {
  it('keeps a paragraph that is a cited address inside the article', () => {
    const url = 'https://www.example.org/petition/online/keep-the-old-swimming-pool-open';
    const text = extractArticle(page(`<p><a href="${url}">${url}</a></p>${BODY}`)).text;
    expect(text).toContain(url);
  });

  it('keeps a cited address that ends the article', () => {
    const url = 'www.example.org/council/minutes/2024-05-07';
    const text = extractArticle(page(`<p><a href="https://${url}">${url}</a></p>`)).text;
    expect(text.endsWith(url)).toBe(true);
  });

  it('still drops a list of links that show words', () => {
    const related =
      '<p><a href="/a">Library opening hours change in June</a> <a href="/b">New bus line to the north of town</a></p>';
    const text = extractArticle(page(related)).text;
    expect(text).not.toContain('Library opening hours');
  });
});

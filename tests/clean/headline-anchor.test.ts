/**
 * Several articles of the same make on one page (infinite scroll): the one under the page's
 * headline is the article, even when the next one is longer. Headlines inside <header> are seen;
 * a caption-named element stays out of the lead.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';

const sentences = (topic: string, n: number): string =>
  Array.from(
    { length: n },
    (_, i) => `<p>Paragraph ${i + 1} about ${topic}, with details, names, places and a quote from a witness.</p>`,
  ).join('');

const links = Array.from({ length: 12 }, (_, i) => `<li><a href="/n/${i}">More news number ${i}</a></li>`).join('');

/** One story as infinite-scroll pages load them: headline, text, then a list of more links. */
const story = (headline: string, topic: string, n: number): string =>
  `<article class="entry"><header><h1>${headline}</h1></header><div class="entry-text">${sentences(topic, n)}</div>` +
  `<ul class="more">${links}</ul></article>`;

describe('the article under the headline', () => {
  it('keeps the longer story when the headline names it', () => {
    const html =
      `<html><head><title>Prosecutors meet in the capital</title></head><body>` +
      story('Blessing of vehicles on Saturday', 'the blessing', 4) +
      story('Prosecutors meet in the capital', 'the prosecutors', 12) +
      `</body></html>`;
    const text = extractArticle(html).text;
    expect(text).toContain('Paragraph 12 about the prosecutors');
    expect(text).not.toContain('about the blessing');
  });

  it('leaves a caption-named picture text out of the lead under a headline in a <header>', () => {
    const html =
      `<html><head><title>Water plumes on Europa</title></head><body><header><h1>Water plumes on Europa</h1></header>` +
      `<div class="box"><div class="caption-text">An artist's illustration of a plume of water vapor emanating from the moon.</div></div>` +
      `<div class="body">${sentences('the plumes', 6)}</div></body></html>`;
    const text = extractArticle(html).text;
    expect(text).toContain('Paragraph 1 about the plumes');
    expect(text).not.toContain('illustration');
  });
});

/**
 * Unclosed and misnested tags: the article comes out whole, as a browser would show it.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';

const PARAGRAPHS = [1, 2, 3, 4, 5, 6, 7].map(
  (i) =>
    `Paragraph ${i} of the report: the ministers met in Geneva on Friday and talked for hours about the ceasefire, the aid convoys and the next round.`,
);
const story = (wrap: (p: string, i: number) => string = (p) => `<p>${p}</p>`): string =>
  PARAGRAPHS.map(wrap).join('\n');

function keptParagraphs(html: string): number {
  const text = extractArticle(html).text;
  return PARAGRAPHS.filter((p) => text.includes(p)).length;
}

describe('tag soup', () => {
  it.each([
    [
      'a <head> never closed, the article right after the title',
      `<html><head><title>Talks</title><div class="story">${story()}</div></html>`,
    ],
    [
      'the article after </html>',
      `<html><body><div class="menu"><a href="/">Home</a></div></body></html><div class="story">${story()}</div>`,
    ],
    [
      'an unclosed <header> around the whole page',
      `<html><body><header><a href="/">Site</a><div class="story">${story()}</div></body></html>`,
    ],
    [
      'paragraphs never closed, each in an unclosed <div>',
      `<html><body><div class="story">${story((p) => `<div class="para"><p>${p}`)}</body></html>`,
    ],
    [
      'stray end tags between paragraphs',
      `<html><body><div class="story">${story((p, i) => (i === 1 ? `</div></span></p><p>${p}` : `<p>${p}</p>`))}</div></body></html>`,
    ],
    [
      'an unclosed <font> and <b> across paragraphs',
      `<html><body><div class="story"><font face="arial">${story((p, i) => (i === 0 ? `<p><b>${p}</p>` : `<p>${p}</font>`))}</div></body></html>`,
    ],
    [
      'a table cell with unclosed paragraphs',
      `<html><body><table><tr><td><div class="story">${story((p) => `<p>${p}`)}</td></tr></table></body></html>`,
    ],
  ])('keeps all 7 paragraphs with %s', (_name, html) => {
    expect(keptParagraphs(html)).toBe(PARAGRAPHS.length);
  });
});

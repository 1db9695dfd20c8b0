/** Pages that declare no date still get one: from the URL or a dateline, in many languages. */
import { describe, expect, it } from 'vitest';
import { dateFromUrl, dateInLine, dateInLines } from '../../src/stages/clean/date-in-text.js';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';

describe('dates written in the page', () => {
  it.each([
    ['31. Mai 2012', '2012-05-31'],
    ['Veröffentlicht am 3. März 2020, 14:05 Uhr', '2020-03-03'],
    ['May 31, 2012', '2012-05-31'],
    ['Posted on September 2nd, 2019 by admin', '2019-09-02'],
    ['12 de octubre de 2018', '2018-10-12'],
    ['le 5 août 2017', '2017-08-05'],
    ['15 lutego 2016', '2016-02-15'],
    ['Julkaistu 4. huhtikuuta 2020', '2020-04-04'],
    ['31.05.2012', '2012-05-31'],
    ['Updated 2021-11-03', '2021-11-03'],
  ])('reads "%s"', (line, day) => {
    expect(dateInLine(line)).toBe(day);
  });

  it('refuses dates that do not exist and words that are not months', () => {
    expect(dateInLine('31. Februar 2012')).toBeUndefined();
    expect(dateInLine('12 Monkeys 2015')).toBeUndefined();
  });

  it('reads a dated URL path and ignores other numbers', () => {
    expect(dateFromUrl('https://example.org/luebeck/2012/05/31/das-ministerium/')).toBe('2012-05-31');
    expect(dateFromUrl('https://example.org/item/2012/12345')).toBeUndefined();
  });

  it('takes datelines, not dates inside long paragraphs', () => {
    const paragraph =
      'The treaty signed on 8 December 1987 limited intermediate-range missiles, and the talks that followed went on for years.';
    expect(dateInLines([paragraph, 'Geneva, 14 March 2016'])).toBe('2016-03-14');
  });

  it('gives an article without declared date the date of its dateline', () => {
    const body =
      'The ministers met in Geneva on Friday and talked for many hours about the ceasefire and the aid convoys.';
    const html = `<html><body><h1>Talks</h1><div class="date">14. März 2016</div><div class="story"><p>${body}</p><p>${body}</p></div></body></html>`;
    expect(extractArticle(html).metadata.published).toBe('2016-03-14');
  });
});

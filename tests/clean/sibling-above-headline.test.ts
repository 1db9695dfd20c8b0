/**
 * A story's text starts under its headline: a sibling of the article's element that stands above
 * the headline (a contact box, a notice) does not join the article, however well it scores.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';

const P = (i: number): string =>
  `<p>Absatz ${i}: Im 17. und 18. Jahrhundert wurden Stämme aus dem Schwarzwald, dem Spessart und dem Frankenwald über Flüsse, Kanäle und den Rhein nach Holland geflößt, wo sie im Schiffbau gebraucht wurden.</p>`;

const CONTACT =
  'Jane Roe, Landesanstalt für Wald und Forstwirtschaft, Abteilung Wissenstransfer, Öffentlichkeitsarbeit, Waldpädagogik, Hauptstraße 1, 85354 Freising, Telefon 08161 4591-0, Fax 08161 4591-900, poststelle@example.org';

describe('a sibling above the headline', () => {
  it('stays out of the article; the paragraphs under the headline stay in', () => {
    const html =
      `<html><head><title>Der Holländerholzhandel</title></head><body><div class="page">` +
      `<div class="infobox"><p>${CONTACT}</p></div>` +
      `<h1>Der Holländerholzhandel</h1>` +
      `<div class="body">${[1, 2, 3, 4].map(P).join('')}</div>` +
      `</div></body></html>`;
    const text = extractArticle(html).text;
    expect(text).toContain('Absatz 1');
    expect(text).toContain('Absatz 4');
    expect(text).not.toContain('Jane Roe');
  });
});

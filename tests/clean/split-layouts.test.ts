/**
 * Layouts that split an article or hide its parts from the scorer: sections of the same make with a
 * module between them, a headline wrapped in a block inside its heading, a digest whose items link
 * most of their words, a test table whose rows name products by links, a table that ends the article.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';

const sentences = (topic: string, n: number): string =>
  Array.from(
    { length: n },
    (_, i) => `<p>The ${topic}, as the ${i + 1}. report of the council explains in detail, is longer than planned.</p>`,
  ).join('');

const section = (topic: string, n: number): string =>
  `<div class="row"><div class="col-main"><div class="text">${sentences(topic, n)}</div></div>` +
  `<div class="col-side"><ul><li><a href="/1">Bike hire</a></li><li><a href="/2">Repair shops</a></li></ul></div></div>`;

const teasers =
  '<div class="module"><h3>More tours</h3>' +
  ['Lake tour', 'River tour', 'Castle tour', 'Old town tour', 'Vineyard tour', 'Forest tour']
    .map((t, i) => `<div class="teaser"><h4><a href="/t/${i}">${t}</a></h4><p>Map and times</p></div>`)
    .join('') +
  '</div>';

describe('an article split into sections of the same make', () => {
  it('keeps the sections before the strongest one, between the headline and it', () => {
    const html =
      `<html><body><h1>Cycling in the city</h1>${section('first route', 4)}${teasers}` +
      `${section('second route', 8)}<footer>© Example</footer></body></html>`;
    const text = extractArticle(html).text;
    expect(text).toContain('The first route, as the 1. report');
    expect(text).toContain('The second route, as the 8. report');
    expect(text).not.toContain('Lake tour');
  });

  it('keeps a later section of the same make, up to the next headline', () => {
    const html =
      `<html><body><h1>Cycling in the city</h1>${section('first route', 6)}${teasers}` +
      `${section('second route', 4)}<h1>Next story</h1>${section('next story', 4)}</body></html>`;
    const text = extractArticle(html).text;
    expect(text).toContain('The second route, as the 4. report');
    expect(text).not.toContain('The next story');
  });
});

describe('a headline wrapped in a block inside its heading', () => {
  it('is the headline: the lead below it joins the article', () => {
    const lead =
      'After a week of heated debate, the council has decided to close the old swimming pool at the end of the summer.';
    const html =
      `<html><body><div class="head"><h1><div class="name">Council closes the old pool</div></h1>` +
      `<div class="deck"><div class="box"><p>${lead}</p></div></div></div>` +
      `<div class="body"><div class="inner">${sentences('closure', 8)}</div></div></body></html>`;
    const text = extractArticle(html).text;
    expect(text).toContain(lead);
    expect(text).not.toContain('Council closes the old pool');
  });
});

describe('link-heavy entries among prose', () => {
  const item = (s: string): string => `<li>${s}</li>`;
  const prose = [
    'The city council voted on Tuesday to close the old swimming pool at the end of the summer season.',
    'Residents had collected several thousand signatures against the plan, which the mayor called too costly.',
    'A new pool is planned for the north of the town, but the council has not yet agreed on how to pay for it.',
  ];
  const digest = (entries: string): string =>
    `<html><body><h1>Ten things to know today</h1><div class="story"><p>Good morning! Here is what you need to know, from the council to the courts.</p>` +
    `<ul>${entries}</ul><p>That is all for today, and we will be back tomorrow morning with the next ten things.</p></div></body></html>`;

  it('keeps a linked sentence in a list whose other items are prose', () => {
    const linked =
      '<a href="/a">A court has stopped the sale of the old town hall to a hotel chain</a>, its judges said on Monday.';
    const text = extractArticle(digest([...prose.map(item), item(linked)].join(''))).text;
    expect(text).toContain(
      'A court has stopped the sale of the old town hall to a hotel chain, its judges said on Monday.',
    );
  });

  it('still drops a list of links', () => {
    const links = ['Library opening hours change in June', 'New bus line to the north of town', 'Where to swim now']
      .map((s, i) => item(`<a href="/${i}">${s}</a>`))
      .join('');
    const text = extractArticle(digest(links)).text;
    expect(text).not.toContain('Library opening hours');
  });

  it('keeps a linked cell in a table row of data', () => {
    const row = (name: string, price: string, grade: string): string =>
      `<tr><td><a href="/p/${grade}">${name}</a></td><td>${price}</td><td>${grade}</td></tr>`;
    const table = `<table><tr><th>Seat</th><th>Price</th><th>Grade</th></tr>${row('Maxi Comfort Plus', '310 €', '2.5')}${row('Baby Safe Two', '370 €', '4.9')}</table>`;
    const html = `<html><body><h1>Child seats tested</h1><div class="story">${sentences('test', 5)}${table}${sentences('result', 3)}</div></body></html>`;
    const text = extractArticle(html).text;
    expect(text).toContain('Maxi Comfort Plus');
    expect(text).toContain('Baby Safe Two');
  });
});

describe('a table that ends the article', () => {
  it('keeps its last rows, short labels and figures', () => {
    const row = (label: string, value: string): string => `<tr><td>${label}</td><td>${value}</td></tr>`;
    const table = `<table>${row('Engine', '4 cylinders')}${row('Top speed in km/h', '187')}${row('CO2 emissions in grams per km', '37')}</table>`;
    const html = `<html><body><h1>The hybrid on test</h1><div class="story">${sentences('test drive', 6)}${table}</div></body></html>`;
    const text = extractArticle(html).text;
    expect(text).toContain('CO2 emissions in grams per km');
    expect(text.endsWith('37')).toBe(true);
  });
});

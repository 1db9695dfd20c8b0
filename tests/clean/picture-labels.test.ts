/**
 * Labels beside pictures: a short line that shares its box with nothing but a picture (a teaser
 * card's title, a product's price, a credit without <figcaption>) is not article text; a sentence
 * beside a picture is. A caption that ends with "©" and a name is a picture credit, wherever it sits.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';

const P = (i: number): string =>
  `<p>Paragraph ${i}: the council, after a long debate about costs, decided to rebuild the old pool by the river.</p>`;

const page = (between: string): string =>
  `<html><head><title>The pool will be rebuilt</title></head><body><h1>The pool will be rebuilt</h1>` +
  `<div class="body">${[1, 2, 3].map(P).join('')}${between}${[4, 5, 6].map(P).join('')}</div></body></html>`;

describe('a line beside a picture', () => {
  it('drops a teaser card title that shares its box only with a picture', () => {
    const card =
      '<div class="card"><a href="/plan"><span class="frame"><img src="plan.jpg" alt=""></span></a>' +
      '<div class="title">Fat burning at home: the 8 week plan</div></div>';
    const text = extractArticle(page(card)).text;
    expect(text).toContain('Paragraph 3');
    expect(text).toContain('Paragraph 4');
    expect(text).not.toContain('Fat burning at home');
  });

  it('keeps a paragraph that shares its box with a picture when it reads as a sentence', () => {
    const quote =
      '<div class="quote"><img src="ann.jpg" alt=""><p>“We swim there every morning, and we are glad it stays.”</p></div>';
    const text = extractArticle(page(quote)).text;
    expect(text).toContain('We swim there every morning');
  });

  it('keeps a short line whose box holds other text beside the picture', () => {
    const box = '<div class="fact"><img src="pool.jpg" alt=""><h3>Opening hours</h3><p>Daily from 7 to 20</p></div>';
    const text = extractArticle(page(box)).text;
    expect(text).toContain('Opening hours');
    expect(text).toContain('Daily from 7 to 20');
  });
});

describe('a picture credit written into the text', () => {
  it('drops a caption that ends with "©" and a name, and keeps the paragraphs around it', () => {
    const html = page(
      '<div class="img"><img src="pool.jpg" alt=""></div>' +
        '<p>The old pool by the river, seen from the bridge in May. © Jane Roe</p><p>© dpa | Kay Nietfeld</p>',
    );
    const text = extractArticle(html).text;
    expect(text).toContain('Paragraph 3');
    expect(text).toContain('Paragraph 4');
    expect(text).not.toContain('seen from the bridge');
    expect(text).not.toContain('Nietfeld');
  });

  it('keeps a paragraph that uses the © sign in its prose', () => {
    const prose =
      '<p>The © sign, which the law introduced in 1952, is no longer needed on any work, says the lawyer.</p>';
    expect(extractArticle(page(prose)).text).toContain('The © sign, which the law introduced');
  });
});

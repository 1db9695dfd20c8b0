/**
 * Authors from bylines in several languages, author fields that name the site or an account
 * passed over for a person's name, and titles that keep their own dashes.
 */
import { describe, expect, it } from 'vitest';
import { authorsFromByline, cleanAuthorName } from '../../src/stages/clean/metadata.js';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';

const BODY =
  '<p>The ministers met in Geneva on Friday and talked for many hours about the ceasefire and the aid convoys.</p>'.repeat(
    3,
  );
const page = (head: string, byline = ''): string =>
  `<html><head>${head}</head><body><article><h1>Talks</h1>${byline}${BODY}</article></body></html>`;

describe('bylines in several languages', () => {
  it.each([
    ['von Andreas Kürten', ['Andreas Kürten']],
    ['par Didier Roy, 21 juin 2018', ['Didier Roy']],
    ['Erstellt von Andri Bryner', ['Andri Bryner']],
    ['By Jane Roe and John Doe, Staff Writers', ['Jane Roe', 'John Doe']],
    ['Von Anna Schmidt und Peter Braun', ['Anna Schmidt', 'Peter Braun']],
  ])('reads %s', (line, names) => {
    expect(authorsFromByline(line)).toEqual(names);
  });

  it('ends the name at a date word before the date ("Von Jane Roe am 07.08.2013"), in any language of the vocabulary', () => {
    expect(authorsFromByline('Von R. R. am 07.08.2013 um 09:07 Uhr')).toEqual(['R. R.']);
    expect(authorsFromByline('par Jean Roy le 21/06/2018')).toEqual(['Jean Roy']);
    // A capitalised "Le" is a surname, not the French date word.
    expect(authorsFromByline('By Duc Le 3 May 2020')).toEqual(['Duc Le']);
  });

  it('does not read a sentence as a byline', () => {
    expect(authorsFromByline('Von Berlin aus fuhren die Delegationen am Morgen mit dem Zug nach Genf weiter.')).toEqual(
      [],
    );
  });

  it('finds a German byline in the page text when the markup names no author', () => {
    expect(extractArticle(page('', '<p>von Andreas Kürten</p>')).metadata.authors).toEqual(['Andreas Kürten']);
  });
});

describe('author fields that do not name a person', () => {
  it('passes over an author that is the site name and takes the byline', () => {
    const head = '<meta property="og:site_name" content="Example News"><meta name="author" content="Example News">';
    expect(extractArticle(page(head, '<p>By Jane Roe</p>')).metadata.authors).toEqual(['Jane Roe']);
  });

  it('passes over an account name ("admin") and a domain name', () => {
    expect(extractArticle(page('<meta name="author" content="admin">', '<p>By Jane Roe</p>')).metadata.authors).toEqual(
      ['Jane Roe'],
    );
    expect(
      extractArticle(page('<meta name="author" content="example.com">', '<p>By Jane Roe</p>')).metadata.authors,
    ).toEqual(['Jane Roe']);
  });

  it('cuts a lone outlet after a comma and a lead word before the name', () => {
    expect(cleanAuthorName('Rob Picheta, CNN')).toBe('Rob Picheta');
    expect(cleanAuthorName('Von Vanessa Franke')).toBe('Vanessa Franke');
    expect(cleanAuthorName('Smith, Jr.')).toBe('Smith, Jr.');
  });
});

describe('titles', () => {
  const titled = (title: string, site?: string): string =>
    `<html><head><title>${title}</title>${site === undefined ? '' : `<meta property="og:site_name" content="${site}">`}</head>` +
    `<body><article>${BODY}</article></body></html>`;

  it('keeps a dash that belongs to the headline', () => {
    expect(extractArticle(titled('Leasing oder Finanzierung – was lohnt sich mehr?')).title).toBe(
      'Leasing oder Finanzierung – was lohnt sich mehr?',
    );
  });

  it('drops the part that names the site, whatever the separator', () => {
    expect(extractArticle(titled('Firefox – Weniger Werbung – Example Journal', 'Example Journal')).title).toBe(
      'Firefox – Weniger Werbung',
    );
    expect(extractArticle(titled('Talks resume in Geneva | Example News')).title).toBe('Talks resume in Geneva');
  });

  it('drops a numeric date written before or after the headline, in the heading and the declared title', () => {
    const html =
      '<html><head><title>23.01.2022 - Wierer wins the last race at home - Example Biathlon</title></head>' +
      `<body><h1>23.01.2022 - Wierer wins the last race at home</h1><article>${BODY}</article></body></html>`;
    expect(extractArticle(html).title).toBe('Wierer wins the last race at home');
    expect(extractArticle(titled('Wierer wins the last race at home | 2022-01-23')).title).toBe(
      'Wierer wins the last race at home',
    );
    expect(extractArticle(titled('Die Jahre 1933 - 1945 in Ulm')).title).toBe('Die Jahre 1933 - 1945 in Ulm');
  });

  it("does not take a section name in an h1 for the headline, and drops the part naming the page's host", () => {
    const html =
      '<html><head><title>Pour le néolibéralisme, la retraite est un archaïsme - AOC media</title></head>' +
      `<body><h1>Opinion</h1><article>${BODY}</article></body></html>`;
    expect(extractArticle(html, { url: 'https://aoc.media/opinion/2019/12/10/archaisme/' }).title).toBe(
      'Pour le néolibéralisme, la retraite est un archaïsme',
    );
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';
import { decodeEntities } from '../../src/stages/clean/entities.js';
import { authorsFromByline, cleanAuthorName, normalizeDate } from '../../src/stages/clean/metadata.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'extraction');

interface Source {
  url: string;
  firstParagraph: string;
  lastParagraph: string;
}
interface Expected {
  title: string;
  metadata: Record<string, unknown>;
}

describe('extractArticle on real pages (tests/fixtures/extraction/<site>)', () => {
  for (const site of readdirSync(fixtures).sort()) {
    const dir = join(fixtures, site);
    const source = JSON.parse(readFileSync(join(dir, 'source.json'), 'utf8')) as Source;
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    const article = extractArticle(readFileSync(join(dir, 'page.html'), 'utf8'), { url: source.url });

    it(`${site}: metadata as the page states it`, () => {
      expect(article.title).toBe(expected.title);
      expect(article.metadata).toEqual(expected.metadata);
    });

    it(`${site}: text starts with the article's first paragraph and ends with its last`, () => {
      expect(article.text.startsWith(source.firstParagraph)).toBe(true);
      expect(article.text.endsWith(source.lastParagraph)).toBe(true);
    });
  }
});

describe('metadata order of trust', () => {
  const page = (head: string, body = ''): string =>
    `<html lang="de"><head>${head}</head><body><article><h1>Headline here</h1>${body}<p>${'Diplomats from both countries met again this week to talk about arms control, sanctions and Syria. '.repeat(3)}</p></article></body></html>`;

  it('prefers JSON-LD over OpenGraph over meta tags over <time>', () => {
    const ld = `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},{"@type":"NewsArticle","headline":"Headline here","datePublished":"2021-03-04T05:06:07+03:00","author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"John Doe"}],"publisher":{"@type":"Organization","name":"LD Publisher"}}]}</script>`;
    const og =
      '<meta property="og:site_name" content="OG Site"><meta property="article:published_time" content="2020-01-01T00:00:00Z"><meta name="author" content="Meta Author">';
    const m = extractArticle(page(ld + og, '<time datetime="2019-01-01">Jan 1</time>')).metadata;
    expect(m.published).toBe('2021-03-04T05:06:07+03:00');
    expect(m.authors).toEqual(['Jane Roe', 'John Doe']);
    expect(m.siteName).toBe('LD Publisher');
    expect(m.language).toBe('de');

    const noLd = extractArticle(page(og, '<time datetime="2019-01-01">Jan 1</time>')).metadata;
    expect(noLd.published).toBe('2020-01-01T00:00:00Z');
    expect(noLd.authors).toEqual(['Meta Author']);
    expect(noLd.siteName).toBe('OG Site');

    const onlyTime = extractArticle(page('', '<time datetime="2019-01-01">Jan 1</time>')).metadata;
    expect(onlyTime.published).toBe('2019-01-01');
  });

  it('falls back to the byline in the text for authors, and survives broken JSON-LD', () => {
    const m = extractArticle(
      page('<script type="application/ld+json">{broken</script>', '<div>By Jane Roe and John Doe</div>'),
    ).metadata;
    expect(m.authors).toEqual(['Jane Roe', 'John Doe']);
  });

  it('resolves a relative canonical link against the page URL', () => {
    const m = extractArticle(page('<link rel="canonical" href="/news/1">'), {
      url: 'https://example.com/a/b?x=1',
    }).metadata;
    expect(m.canonicalUrl).toBe('https://example.com/news/1');
  });
});

describe('normalizeDate', () => {
  it('keeps the zone the page gives and adds none when it gives none', () => {
    expect(normalizeDate('2019-11-19T06:56:43-05:00')).toBe('2019-11-19T06:56:43-05:00');
    expect(normalizeDate('2019-11-19T06:56:43.123+0300')).toBe('2019-11-19T06:56:43+03:00');
    expect(normalizeDate('2019-11-19T21:17Z')).toBe('2019-11-19T21:17:00Z');
    expect(normalizeDate('2019-11-19 21:17:05')).toBe('2019-11-19T21:17:05');
    expect(normalizeDate('2019-11-19')).toBe('2019-11-19');
    expect(normalizeDate('Tue, 19 Nov 2019 11:56:43 GMT')).toBe('2019-11-19T11:56:43Z');
    expect(normalizeDate('November 19, 2019')).toBe('2019-11-19');
    expect(normalizeDate('not a date')).toBeUndefined();
    expect(normalizeDate('')).toBeUndefined();
  });
});

describe('authorsFromByline', () => {
  it('reads names from common byline shapes', () => {
    expect(authorsFromByline('By Jane Roe')).toEqual(['Jane Roe']);
    expect(authorsFromByline('By Jane Roe, Staff Writer')).toEqual(['Jane Roe']);
    expect(authorsFromByline('By Jane Roe and John Doe | Nov 19, 2019')).toEqual(['Jane Roe', 'John Doe']);
    expect(authorsFromByline('By Tess Bonn - 11/19/19 06:56 AM EST')).toEqual(['Tess Bonn']);
    expect(authorsFromByline('Posted yesterday')).toEqual([]);
  });
});

describe('author names and escaped metadata', () => {
  it('strips "By", roles and outlets, and all-capitals from author fields', () => {
    expect(cleanAuthorName('By TOM KRISHER, AP Auto Writer')).toBe('Tom Krisher');
    expect(cleanAuthorName('Troy L. Smith, Cleveland.com')).toBe('Troy L. Smith');
    expect(cleanAuthorName('Amy Kuperinsky | NJ Advance Media for NJ.com')).toBe('Amy Kuperinsky');
    expect(cleanAuthorName('Smith, Jr.')).toBe('Smith, Jr.');
    expect(cleanAuthorName('https://www.facebook.com/someone')).toBeUndefined();
  });

  it('decodes character references left in metadata values', () => {
    expect(decodeEntities('Bike &amp; Style &#8216;book&#8217; &#x2014; &pound;5 &bogus;')).toBe(
      'Bike & Style ‘book’ — £5 &bogus;',
    );
  });
});

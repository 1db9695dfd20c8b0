/**
 * Metadata rules for the open web: dates written the way pages write them, the publisher's local
 * day, JSON-LD authors given by reference, bylines with handles and dates, and headlines with a
 * kicker line above them. Each page here is written for the test.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';
import { normalizeDate } from '../../src/stages/clean/metadata.js';

const BODY =
  '<p>The council met on Tuesday evening and argued for three hours about the new bus lanes and the budget.</p>'.repeat(
    3,
  );
const page = (head: string, body = '', h1 = 'Bus lanes approved'): string =>
  `<html><head>${head}</head><body><article><h1>${h1}</h1>${body}${BODY}</article></body></html>`;
const ld = (obj: unknown): string => `<script type="application/ld+json">${JSON.stringify(obj)}</script>`;

describe('declared dates in the forms pages write them', () => {
  it('reads a dotted numeric date as day first ("10.12.2022, 07:00:03" is 10 December)', () => {
    const m = extractArticle(page('<meta property="article:published_time" content="10.12.2022, 07:00:03">')).metadata;
    expect(m.published).toBe('2022-12-10T07:00:03');
  });

  it('keeps the day of an ISO date whose time part is malformed', () => {
    const m = extractArticle(page(ld({ '@type': 'NewsArticle', datePublished: '2022-01-10T22:06:08:684Z' }))).metadata;
    expect(m.published).toBe('2022-01-10');
  });

  it('reads a date written in words in a datetime attribute, in the languages month-names.yaml knows', () => {
    expect(normalizeDate('3 de mayo de 2022')).toBe('2022-05-03');
    expect(normalizeDate('31. Mai 2012')).toBe('2012-05-31');
  });

  it('gets the date of a page that gives it only as itemprop=datePublished on a <time>', () => {
    const m = extractArticle(page('', '<time itemprop="datePublished" datetime="2021-06-02">2 June</time>')).metadata;
    expect(m.published).toBe('2021-06-02');
  });
});

describe("the publisher's local day", () => {
  it('takes the local time the page shows over the same instant declared in UTC', () => {
    const head = '<meta property="article:published_time" content="2023-11-09T05:30:59+00:00">';
    const m = extractArticle(page(head, '<time datetime="2023-11-08 23:30:59">Nov 8, 11:30 pm</time>')).metadata;
    expect(m.published?.slice(0, 10)).toBe('2023-11-08');
  });

  it('takes the local day the page shows when the UTC instant falls on it in some zone', () => {
    const head = ld({ '@type': 'NewsArticle', datePublished: 'Wed, 04 May 2022 00:25:56 GMT' });
    const m = extractArticle(page(head, '<time datetime="3 de mayo de 2022">3 de mayo</time>')).metadata;
    expect(m.published).toBe('2022-05-03');
  });

  it('keeps the declared UTC date when the page shows another moment', () => {
    const head = '<meta property="article:published_time" content="2023-11-09T05:30:59Z">';
    const m = extractArticle(page(head, '<time datetime="2023-11-02 10:00">Nov 2</time>')).metadata;
    expect(m.published).toBe('2023-11-09T05:30:59Z');
  });

  it('keeps a declared date that has its own zone', () => {
    const head = '<meta property="article:published_time" content="2023-11-09T05:30:59+01:00">';
    const m = extractArticle(page(head, '<time datetime="2023-11-08 23:30:59">Nov 8</time>')).metadata;
    expect(m.published).toBe('2023-11-09T05:30:59+01:00');
  });
});

describe('authors', () => {
  it('follows a JSON-LD author given as an @id reference to a Person in the @graph', () => {
    const graph = ld({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Article', headline: 'Bus lanes approved', author: { '@id': 'https://example.org/#/person/7' } },
        { '@type': 'Person', '@id': 'https://example.org/#/person/7', name: 'Jane Roe' },
      ],
    });
    expect(extractArticle(page(graph)).metadata.authors).toEqual(['Jane Roe']);
  });

  it.each([
    [
      'a rel="author" link that says "all posts by"',
      '<a rel="author" href="/u/1">Alle Beiträge von Jane Roe anzeigen</a>',
    ],
    [
      'an author element with a date after the name',
      '<div class="post-author">Author: Jane Roe am 29.12.2010, 13:36 Uhr</div>',
    ],
    ['an author field with a social handle', '<span class="entry-author">Jane Roe @janeroe</span>'],
  ])('reads the name alone from %s', (_name, byline) => {
    expect(extractArticle(page('', byline)).metadata.authors).toEqual(['Jane Roe']);
  });

  it('does not take a phrase in an author-named element for a name', () => {
    const m = extractArticle(page('', '<div class="box-author">Mehr zum Thema lesen</div>')).metadata;
    expect(m.authors).toEqual([]);
  });

  it('keeps name particles ("von") inside a name from an author element', () => {
    const m = extractArticle(page('', '<div class="entry-author">Walter von Aachen</div>')).metadata;
    expect(m.authors).toEqual(['Walter von Aachen']);
  });
});

describe('headlines of several lines', () => {
  it('drops the kicker line above the declared headline', () => {
    const head = ld({ '@type': 'NewsArticle', headline: 'Bus lanes approved' });
    const m = extractArticle(page(head, '', 'Stadtrat<br>Bus lanes approved'));
    expect(m.title).toBe('Bus lanes approved');
  });

  it('keeps a subtitle line below the declared headline, on one line', () => {
    const head = '<meta property="og:title" content="Bus lanes approved">';
    const m = extractArticle(page(head, '', 'Bus lanes approved<br>Council votes after three hours'));
    expect(m.title).toBe('Bus lanes approved Council votes after three hours');
  });
});

import { describe, expect, it } from 'vitest';
import {
  MAX_ENTRIES_PER_DOCUMENT,
  NotASitemapError,
  looksLikeSitemap,
  parseSitemap,
} from '../../src/stages/sitemaps/parse-sitemap.js';
import { sitemapIndex, urlset } from './sitemap-xml.js';

const BASE = 'https://news.example/sitemap.xml';

describe('parseSitemap', () => {
  it('reads a url set: each page with its last modification as an ISO date', () => {
    const s = parseSitemap(
      urlset([
        { loc: 'https://news.example/a', lastmod: '2026-03-01' },
        { loc: 'https://news.example/b?x=1&amp;y=2', lastmod: '2026-03-02T10:00:00+03:00' },
        { loc: 'https://news.example/c' },
      ]),
      BASE,
    );
    expect(s.kind).toBe('urlset');
    expect(s.urls.map((u) => [u.loc, u.lastmod])).toEqual([
      ['https://news.example/a', '2026-03-01T00:00:00.000Z'],
      ['https://news.example/b?x=1&y=2', '2026-03-02T07:00:00.000Z'],
      ['https://news.example/c', null],
    ]);
  });

  it('reads a Google News sitemap: the publication date, title and language of each page', () => {
    const s = parseSitemap(
      urlset([
        {
          loc: 'https://news.example/talks',
          news: { title: 'Lavrov &amp; Blinken meet in Geneva', date: '2026-02-10T08:30:00Z', language: 'ru' },
        },
      ]),
      BASE,
    );
    expect(s.urls[0]).toEqual({
      loc: 'https://news.example/talks',
      lastmod: null,
      published: '2026-02-10T08:30:00.000Z',
      title: 'Lavrov & Blinken meet in Geneva',
      language: 'ru',
    });
  });

  it('reads an index: its child sitemaps, relative addresses resolved', () => {
    const s = parseSitemap(
      sitemapIndex([{ loc: '/sitemap-2026-03.xml', lastmod: '2026-03-31' }, { loc: 'https://news.example/s2.xml.gz' }]),
      BASE,
    );
    expect(s.kind).toBe('index');
    expect(s.sitemaps).toEqual([
      { loc: 'https://news.example/sitemap-2026-03.xml', lastmod: '2026-03-31T00:00:00.000Z' },
      { loc: 'https://news.example/s2.xml.gz', lastmod: null },
    ]);
    expect(s.urls).toEqual([]);
  });

  it('reads a plain-text sitemap: one URL a line', () => {
    const s = parseSitemap('https://news.example/a\r\nhttps://news.example/b\n', BASE);
    expect(s.kind).toBe('text');
    expect(s.urls.map((u) => u.loc)).toEqual(['https://news.example/a', 'https://news.example/b']);
  });

  it('refuses a document that is no sitemap, naming the URL', () => {
    expect(() => parseSitemap('<html><body>Hello</body></html>', BASE)).toThrow(NotASitemapError);
    expect(() => parseSitemap('<rss><channel></channel></rss>', BASE)).toThrow(
      /news\.example\/sitemap\.xml is not a sitemap/,
    );
  });

  it('keeps the entries read before malformed or truncated XML', () => {
    const broken = `<?xml version="1.0"?><urlset><url><loc>https://news.example/a</loc></url>
      <url><loc>https://news.example/b &nbsp; </loc><lastmod>not a date</lastmod></url>
      <url><loc>https://news.example/c</loc></urll><url><loc>https://news.example/d</loc>`;
    const s = parseSitemap(broken, BASE);
    expect(s.urls.map((u) => u.loc)).toContain('https://news.example/a');
    expect(s.urls.map((u) => u.loc)).toContain('https://news.example/d');
    expect(s.urls.find((u) => u.loc.endsWith('/b'))?.lastmod ?? null).toBeNull();
  });

  it(`keeps at most ${MAX_ENTRIES_PER_DOCUMENT} entries of one document and counts the rest`, () => {
    const urls = Array.from({ length: MAX_ENTRIES_PER_DOCUMENT + 10 }, (_, i) => ({
      loc: `https://news.example/p${i}`,
    }));
    const s = parseSitemap(urlset(urls), BASE);
    expect(s.urls).toHaveLength(MAX_ENTRIES_PER_DOCUMENT);
    expect(s.dropped).toBe(10);
  });

  it('tells a sitemap from a feed or a page by its root element, prefix and prolog allowed', () => {
    expect(looksLikeSitemap('\uFEFF<?xml version="1.0"?><!-- hi --><sm:urlset xmlns:sm="x">')).toBe(true);
    expect(looksLikeSitemap('<sitemapindex>')).toBe(true);
    expect(looksLikeSitemap('<rss version="2.0">')).toBe(false);
  });
});

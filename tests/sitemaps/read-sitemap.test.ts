import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSitemap, type ReadSitemapDeps } from '../../src/stages/sitemaps/read-sitemap.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { GZIP_FILE, SITEMAP_XML, sitemapIndex, urlset } from './sitemap-xml.js';

let server: FixtureServer;
let deps: ReadSitemapDeps;
beforeEach(async () => {
  server = await startFixtureServer();
  deps = { fetchOptions: { userAgent: 'ParleyTest/1.0', allowPrivate: true, bodyTimeoutMs: 5_000 } };
});
afterEach(() => server.close());

describe('readSitemap', () => {
  it('follows an index into its url sets, a gzip file among them, and lists the pages newest first', async () => {
    server.route('/sitemap.xml', {
      headers: SITEMAP_XML,
      body: sitemapIndex([
        { loc: server.url('/2026-02.xml.gz'), lastmod: '2026-02-28' },
        { loc: server.url('/2026-03.xml'), lastmod: '2026-03-31' },
      ]),
    });
    server.route('/2026-02.xml.gz', {
      headers: GZIP_FILE,
      body: gzipSync(urlset([{ loc: server.url('/feb-10'), lastmod: '2026-02-10' }, { loc: server.url('/undated') }])),
    });
    server.route('/2026-03.xml', {
      headers: SITEMAP_XML,
      body: urlset([
        { loc: server.url('/mar-02'), news: { title: 'Talks resume', date: '2026-03-02T09:00:00Z' } },
        { loc: server.url('/mar-20'), lastmod: '2026-03-20' },
        { loc: server.url('/feb-10'), lastmod: '2026-02-10' },
      ]),
    });
    const read = await readSitemap(server.url('/sitemap.xml'), deps);
    expect(read.entries.map((e) => new URL(e.loc).pathname)).toEqual(['/mar-20', '/mar-02', '/feb-10', '/undated']);
    expect(read.entries[1]).toMatchObject({ title: 'Talks resume', published: '2026-03-02T09:00:00.000Z' });
    expect(read.documents).toBe(3);
    expect(read.notes).toEqual([]);
  });

  it('keeps only the pages (and skips the child sitemaps) outside the --since / --until window', async () => {
    server.route('/sitemap.xml', {
      headers: SITEMAP_XML,
      body: sitemapIndex([
        { loc: server.url('/old.xml'), lastmod: '2025-01-31' },
        { loc: server.url('/new.xml'), lastmod: '2026-03-31' },
      ]),
    });
    server.route('/new.xml', {
      headers: SITEMAP_XML,
      body: urlset([
        { loc: server.url('/a'), lastmod: '2026-02-27' },
        { loc: server.url('/b'), lastmod: '2026-03-05' },
        { loc: server.url('/c'), lastmod: '2026-03-25' },
      ]),
    });
    const read = await readSitemap(server.url('/sitemap.xml'), {
      ...deps,
      since: Date.parse('2026-03-01'),
      until: Date.parse('2026-03-10'),
    });
    expect(read.entries.map((e) => new URL(e.loc).pathname)).toEqual(['/b']);
    expect(server.requests.map((r) => r.url)).not.toContain('/old.xml');
  });

  it('names a child sitemap that fails and keeps the others; a failing first document throws', async () => {
    server.route('/sitemap.xml', {
      headers: SITEMAP_XML,
      body: sitemapIndex([{ loc: server.url('/gone.xml') }, { loc: server.url('/ok.xml') }]),
    });
    server.route('/gone.xml', { status: 404, body: 'no' });
    server.route('/ok.xml', { headers: SITEMAP_XML, body: urlset([{ loc: server.url('/a') }]) });
    const read = await readSitemap(server.url('/sitemap.xml'), deps);
    expect(read.entries.map((e) => new URL(e.loc).pathname)).toEqual(['/a']);
    expect(read.notes).toEqual([expect.stringMatching(/gone\.xml.*404/)]);
    await expect(readSitemap(server.url('/gone.xml'), deps)).rejects.toThrow(/404/);
  });
});

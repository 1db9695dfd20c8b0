/**
 * Hostile sitemaps end in bounded, clear results: a gzip bomb is refused with its reason, 50,000
 * URLs and more stop at the limit with a note, indexes pointing at each other are read once each,
 * indexes nested without end stop at the depth limit, and malformed XML keeps what it could read.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSitemap, SITEMAP_LIMITS, type ReadSitemapDeps } from '../../src/stages/sitemaps/read-sitemap.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { GZIP_FILE, SITEMAP_XML, sitemapIndex, urlset } from '../sitemaps/sitemap-xml.js';

let server: FixtureServer;
const deps: ReadSitemapDeps = {
  fetchOptions: { userAgent: 'ParleyTest/1.0', allowPrivate: true, bodyTimeoutMs: 10_000 },
};
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

describe('hostile sitemaps', () => {
  it('refuses a gzip bomb (a small file that unpacks past the limit) with a clear reason', async () => {
    const bomb = gzipSync(Buffer.alloc(SITEMAP_LIMITS.maxUnpackedBytes + 1024, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(200_000);
    server.route('/bomb.xml.gz', { headers: GZIP_FILE, body: bomb });
    await expect(readSitemap(server.url('/bomb.xml.gz'), deps)).rejects.toThrow(
      /unpacks to more than .* bytes.*refused/,
    );
  });

  it("a bomb among an index's children costs that child only", async () => {
    server.route('/with-bomb.xml', {
      headers: SITEMAP_XML,
      body: sitemapIndex([{ loc: server.url('/bomb.xml.gz') }, { loc: server.url('/small.xml') }]),
    });
    server.route('/small.xml', { headers: SITEMAP_XML, body: urlset([{ loc: server.url('/a') }]) });
    const read = await readSitemap(server.url('/with-bomb.xml'), deps);
    expect(read.entries.map((e) => e.loc)).toEqual([server.url('/a')]);
    expect(read.notes).toEqual([expect.stringMatching(/bomb\.xml\.gz unpacks to more than/)]);
  });

  it('stops at the URL limit with a note when the children list 50,000 URLs each', async () => {
    const many = (tag: string) =>
      gzipSync(urlset(Array.from({ length: 50_000 }, (_, i) => ({ loc: `https://news.example/${tag}/${i}` }))));
    server.route('/big-1.xml.gz', { headers: GZIP_FILE, body: many('one') });
    server.route('/big-2.xml.gz', { headers: GZIP_FILE, body: many('two') });
    server.route('/big.xml', {
      headers: SITEMAP_XML,
      body: sitemapIndex([{ loc: server.url('/big-1.xml.gz') }, { loc: server.url('/big-2.xml.gz') }]),
    });
    const read = await readSitemap(server.url('/big.xml'), deps);
    expect(read.entries).toHaveLength(SITEMAP_LIMITS.maxUrls);
    expect(read.notes.join('\n')).toMatch(new RegExp(`stopped at ${SITEMAP_LIMITS.maxUrls} URLs`));
  }, 60_000);

  it('reads each index once when indexes point at each other (and at themselves)', async () => {
    server.route('/loop-a.xml', {
      headers: SITEMAP_XML,
      body: sitemapIndex([{ loc: server.url('/loop-b.xml') }, { loc: server.url('/loop-a.xml') }]),
    });
    server.route('/loop-b.xml', {
      headers: SITEMAP_XML,
      body: sitemapIndex([{ loc: server.url('/loop-a.xml') }, { loc: server.url('/leaf.xml') }]),
    });
    server.route('/leaf.xml', { headers: SITEMAP_XML, body: urlset([{ loc: server.url('/story') }]) });
    const before = server.requests.length;
    const read = await readSitemap(server.url('/loop-a.xml'), deps);
    expect(read.entries.map((e) => e.loc)).toEqual([server.url('/story')]);
    expect(server.requests.length - before).toBe(3);
    expect(read.notes.some((n) => /a loop between indexes/.test(n))).toBe(true);
  });

  it('stops following indexes nested deeper than the depth limit', async () => {
    server.route('/deep', (req) => {
      const n = Number(new URL(req.url!, 'http://x').searchParams.get('n') ?? 0);
      return { headers: SITEMAP_XML, body: sitemapIndex([{ loc: server.url(`/deep?n=${n + 1}`) }]) };
    });
    const read = await readSitemap(server.url('/deep?n=0'), deps);
    expect(read.entries).toEqual([]);
    expect(read.documents).toBe(SITEMAP_LIMITS.maxDepth + 1);
    expect(read.notes).toEqual([expect.stringMatching(/nested deeper than 3 levels/)]);
  });

  it('refuses malformed XML that is no sitemap, naming the URL; keeps what a broken sitemap lists', async () => {
    server.route('/junk.xml', { headers: SITEMAP_XML, body: '<<<>>> &&& <notasitemap' });
    await expect(readSitemap(server.url('/junk.xml'), deps)).rejects.toThrow(/junk\.xml is not a sitemap/);
    server.route('/broken.xml', {
      headers: SITEMAP_XML,
      body: `<urlset><url><loc>${server.url('/x')}</loc></url><url><loc>${server.url('/y')}</lo`,
    });
    const read = await readSitemap(server.url('/broken.xml'), deps);
    expect(read.entries.map((e) => e.loc)).toEqual([server.url('/x')]);
  });
});

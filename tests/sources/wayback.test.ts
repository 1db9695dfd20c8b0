/**
 * backfill --wayback against a local fake archive (a CDX API and raw snapshots on 127.0.0.1): a
 * gone page is stored from its snapshot under its own URL; no snapshot, or a CDX answer that is
 * not CDX JSON, fails that page alone with a clear reason.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleId } from '../../src/shared/identity.js';
import { cdxQuery } from '../../src/stages/fetch/wayback.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { runProgram } from '../helpers/run-cli.js';
import { storyText } from '../store/story-pairs.js';

const SNAPSHOT_TIME = '20171024093000';

function storyPage(id: string): string {
  const [title = '', ...rest] = storyText(id).split('\n');
  const paragraphs = rest
    .join('\n')
    .split(/\n+/)
    .filter((p) => p.trim())
    .map((p) => `<p>${p}</p>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>${paragraphs}</article></body></html>`;
}

describe('npm run backfill -- --wayback', () => {
  let site: FixtureServer;
  let archive: FixtureServer;
  let h: Harness;

  beforeAll(async () => {
    site = await startFixtureServer({
      '/gone': { status: 404, body: 'not found' },
      '/also-gone': { status: 410, body: 'gone' },
      '/garbled': { status: 404, body: 'not found' },
      '/live': { headers: { 'content-type': 'text/html' }, body: storyPage('isot-true-2528') },
    });
    archive = await startFixtureServer({
      '/cdx/search/cdx': (req) => {
        const page = new URL(req.url!, 'http://x').searchParams.get('url') ?? '';
        if (page.endsWith('/gone'))
          return {
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify([
              ['timestamp', 'original', 'statuscode', 'mimetype'],
              [SNAPSHOT_TIME, page, '200', 'text/html'],
            ]),
          };
        if (page.endsWith('/garbled'))
          return { headers: { 'content-type': 'text/plain' }, body: '[["timestamp", 2017' };
        return { headers: { 'content-type': 'application/json' }, body: '[]' };
      },
    });
    archive.route(`/web/${SNAPSHOT_TIME}id_/${site.url('/gone')}`, {
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: storyPage('isot-true-16594'),
    });
    h = await startPipeline({ env: { WAYBACK_CDX_URL: archive.url('/cdx/search/cdx') } });
  }, 90_000);

  afterAll(async () => {
    await h?.stop();
    await site?.close();
    await archive?.close();
  });

  it('stores a gone page from its snapshot under its own URL; no snapshot or a garbled answer fails that page alone', async () => {
    const urls = ['/gone', '/also-gone', '/garbled', '/live'].map((p) => site.url(p));
    const file = join(tmpdir(), `parley-wayback-${process.pid}.txt`);
    await writeFile(file, urls.join('\n') + '\n');
    const r = await runProgram(
      'cli/backfill.ts',
      ['--urls', file, '--wayback', '--wait', '--timeout', '120'],
      h.env,
      '',
      180_000,
    );
    const line = (u: string) => r.stdout.split('\n').find((l) => l.endsWith(u) || l.includes(`${u}  `)) ?? '';
    expect(line(urls[0]!)).toMatch(/^stored .*U\.S\. condemns Russia veto/);
    expect(line(urls[3]!)).toMatch(/^stored /);
    expect(line(urls[1]!)).toMatch(/^failed .*answered 410 Gone; the archive has no HTML snapshot of it/);
    expect(line(urls[2]!)).toMatch(/^failed .*answered 404 Not Found; the archive's CDX answer is not JSON/);
    expect(r.stdout).toContain('backfill: 4 queued, 0 already known or in flight, 2 failed');

    const store = await h.rt.store();
    const gone = await store.getArticle(articleId(urls[0]!));
    expect(gone?.url).toBe(urls[0]);
    expect(gone?.archivedFrom).toBe(archive.url(`/web/${SNAPSHOT_TIME}id_/${urls[0]}`));
    const live = await store.getArticle(articleId(urls[3]!));
    expect(live?.archivedFrom).toBeNull();
    // The archive was asked only about the pages that were gone.
    const asked = archive.requests
      .filter((q) => q.url.startsWith('/cdx/'))
      .map((q) => new URL(q.url, 'http://x').searchParams.get('url'));
    expect(asked.sort()).toEqual([urls[1], urls[2], urls[0]].sort());
  }, 240_000);

  it('asks for the capture closest to the page’s date when it has one, else the newest', () => {
    const near = new URL(cdxQuery('https://archive.test/cdx', 'https://a.test/p', '2017-10-24T09:30:00Z'));
    expect(near.searchParams.get('closest')).toBe('20171024093000');
    expect(near.searchParams.get('sort')).toBe('closest');
    expect(near.searchParams.getAll('filter')).toEqual(['statuscode:200']);
    const newest = new URL(cdxQuery('https://archive.test/cdx', 'https://a.test/p'));
    expect(newest.searchParams.get('closest')).toBeNull();
    expect(Number(newest.searchParams.get('limit'))).toBeLessThan(0);
  });

  it('refuses --wayback with --sitemap', async () => {
    const r = await runProgram('cli/backfill.ts', ['--sitemap', site.url('/sitemap.xml'), '--wayback'], h.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--wayback goes with --urls or --gdelt');
  });
});

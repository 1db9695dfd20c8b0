import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { discoverFeeds, robotsSitemapUrls } from '../../src/stages/feeds/discover-feeds.js';
import { FeedRegistry } from '../../src/stages/feeds/feed-registry.js';
import { pollFeed, type PollFeedDeps } from '../../src/stages/feeds/poll-feed.js';
import { SeenItems } from '../../src/stages/feeds/seen-items.js';
import { articleId } from '../../src/shared/identity.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { testRedis, type TestRedis } from '../helpers/redis-test-keys.js';
import { runProgram } from '../helpers/run-cli.js';
import { SITEMAP_XML, sitemapIndex, urlset } from './sitemap-xml.js';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const OPTIONS = { userAgent: 'ParleyTest/1.0', allowPrivate: true, bodyTimeoutMs: 5_000 };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();

let server: FixtureServer;
beforeAll(async () => {
  const talks = await readFile(new URL('../fixtures/pages/moscow-talks.html', import.meta.url), 'utf8');
  server = await startFixtureServer({
    '/': { headers: HTML, body: '<html><head><title>Ministry</title></head><body>Releases</body></html>' },
    '/robots.txt': {
      headers: { 'content-type': 'text/plain' },
      body: 'User-agent: *\nDisallow: /private\nSitemap: /news-sitemap.xml\nsitemap: /rss\nSitemap: /missing.xml\n',
    },
    '/rss': {
      headers: { 'content-type': 'application/rss+xml' },
      body: '<rss version="2.0"><channel><title>Releases</title><item><link>https://m.example/1</link></item></channel></rss>',
    },
    '/talks': { headers: HTML, body: talks },
    '/old-talks': { headers: HTML, body: talks },
  });
  server.route('/news-sitemap.xml', {
    headers: SITEMAP_XML,
    body: urlset([
      { loc: server.url('/talks'), news: { title: 'Tillerson and Lavrov meet', date: day(-1) } },
      { loc: server.url('/old-talks'), lastmod: day(-40) },
    ]),
  });
  server.route('/index.xml', { headers: SITEMAP_XML, body: sitemapIndex([{ loc: server.url('/news-sitemap.xml') }]) });
});
afterAll(() => server.close());

describe('sitemaps in discovery', () => {
  it('reads the Sitemap: lines of a robots.txt, resolved against it', () => {
    expect(
      robotsSitemapUrls(
        'Sitemap: /a.xml\nSITEMAP:https://x.example/b.xml.gz\n# Sitemap: /c\n',
        'https://x.example/robots.txt',
      ),
    ).toEqual(['https://x.example/a.xml', 'https://x.example/b.xml.gz']);
  });

  it("lists the sitemaps and feeds a site's robots.txt names, each checked, with its entry count", async () => {
    const found = await discoverFeeds(server.url('/'), OPTIONS);
    expect(found).toContainEqual({
      url: server.url('/news-sitemap.xml'),
      title: 'sitemap',
      format: 'sitemap',
      items: 2,
      via: 'robots.txt',
    });
    expect(found).toContainEqual({
      url: server.url('/rss'),
      title: 'Releases',
      format: 'rss',
      items: 1,
      via: 'common path',
    });
    expect(found.map((f) => f.url)).not.toContain(server.url('/missing.xml'));
  });
});

describe('a sitemap as a polled source', () => {
  let t: TestRedis;
  let deps: PollFeedDeps;
  beforeEach(() => {
    t = testRedis('sitemap-poll');
    deps = {
      registry: new FeedRegistry({ redis: t.redis, keyPrefix: t.prefix }),
      seen: new SeenItems({ redis: t.redis, keyPrefix: t.prefix }),
      fetchOptions: OPTIONS,
    };
  });
  afterEach(() => t.cleanup());

  it('yields the recent pages of a registered sitemap index with the news title and date, then nothing new', async () => {
    const url = server.url('/index.xml');
    expect((await deps.registry.add(url, undefined, 'sitemap')).kind).toBe('sitemap');
    const first = await pollFeed(url, deps);
    expect(first.outcome).toBe('polled');
    // The 40-day-old page is older than a poll looks back; the news page carries its title and date.
    expect(first.items.map((i) => [i.link, i.title, i.id])).toEqual([
      [server.url('/talks'), 'Tillerson and Lavrov meet', articleId(server.url('/talks'))],
    ]);
    expect(first.items[0]!.published).toMatch(/^\d{4}-\d\d-\d\dT/);
    server.route('/index.xml', {
      headers: SITEMAP_XML,
      body: sitemapIndex([{ loc: server.url('/news-sitemap.xml'), lastmod: day(0) }]),
    });
    const second = await pollFeed(url, deps);
    expect(second.outcome).toBe('polled');
    expect(second.items).toEqual([]);
  });
});

describe('npm run enqueue -- --sitemap', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('queues the pages of a sitemap newer than --since and reports each outcome; bad options fail with the list', async () => {
    h = await startPipeline();
    const since = day(-7).slice(0, 10);
    const r = await runProgram(
      'cli/enqueue.ts',
      ['--wait', '--sitemap', server.url('/index.xml'), '--since', since],
      h.env,
    );
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      `sitemap  ${server.url('/index.xml')}  1 pages in 2 documents, 1 new queued, 0 already known`,
    );
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^stored   ${articleId(server.url('/talks'))}  `)));
    expect(r.code).toBe(0);

    const again = await runProgram(
      'cli/enqueue.ts',
      ['--sitemap', server.url('/news-sitemap.xml'), '--limit', '5'],
      h.env,
    );
    expect(again.stdout).toContain('2 pages in 1 documents, 1 new queued, 1 already known');

    const bad = await runProgram(
      'cli/enqueue.ts',
      ['--sitemap', server.url('/index.xml'), '--since', 'last week'],
      h.env,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--since: "last week" is not a date');
    const help = await runProgram('cli/enqueue.ts', ['--help'], h.env);
    for (const option of ['--wait', '--file', '--feed', '--sitemap', '--since', '--limit', '--timeout'])
      expect(help.stdout).toContain(option);
  }, 180_000);
});

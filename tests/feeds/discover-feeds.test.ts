import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FeedService } from '../../src/pipeline/feed-service.js';
import { checkContentType } from '../../src/stages/fetch/content-kind.js';
import { announcedFeeds, discoverFeeds } from '../../src/stages/feeds/discover-feeds.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { runProgram } from '../helpers/run-cli.js';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const RSS = { 'content-type': 'application/rss+xml' };
const OPTIONS = { userAgent: 'ParleyTest/1.0', allowPrivate: true };

const rss = (title: string, items: number) =>
  `<rss version="2.0"><channel><title>${title}</title>${Array.from({ length: items }, (_, i) => `<item><link>https://example.test/${i}</link></item>`).join('')}</channel></rss>`;
const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Comments</title><entry><link href="https://example.test/c"/></entry></feed>`;

let site: FixtureServer;
let bare: FixtureServer;

beforeAll(async () => {
  site = await startFixtureServer({
    '/': {
      headers: HTML,
      body: `<!DOCTYPE html><html><head><base href="/news/">
<link rel="alternate" type="application/rss+xml" title="News" href="rss.xml">
<link rel="alternate" type="application/atom+xml" href="/comments.atom">
<link rel="alternate" type="application/rss+xml" href="/gone.xml">
<link rel="stylesheet" href="/style.css"><link rel="alternate" hreflang="ru" href="/ru/"></head><body>Home</body></html>`,
    },
    '/news/rss.xml': { headers: RSS, body: rss('Wire news', 3) },
    '/comments.atom': { headers: { 'content-type': 'application/atom+xml' }, body: atom },
  });
  // A site that announces nothing, with a WordPress-style feed at /feed.
  bare = await startFixtureServer({
    '/': { headers: HTML, body: '<html><head><title>Ministry</title></head><body>Press releases</body></html>' },
    '/feed': { headers: { 'content-type': 'text/xml' }, body: rss('Ministry releases', 2) },
  });
});
afterAll(async () => {
  await site.close();
  await bare.close();
});

describe('feed discovery', () => {
  it('reads only rel=alternate links of feed types, resolved against <base>', () => {
    const html =
      '<head><base href="https://a.example/x/"><link rel="alternate" type="application/rss+xml" href="f.xml">' +
      '<link rel="alternate stylesheet" type="text/css" href="s.css"><link rel="Alternate" type="application/feed+json; charset=utf-8" href="/f.json"></head>';
    expect(announcedFeeds(html, 'https://a.example/')).toEqual([
      'https://a.example/x/f.xml',
      'https://a.example/f.json',
    ]);
  });

  it('lists the feeds a home page announces that really are feeds, with titles and item counts', async () => {
    const feeds = await discoverFeeds(site.url('/'), OPTIONS);
    expect(feeds).toEqual([
      { url: site.url('/news/rss.xml'), title: 'Wire news', format: 'rss', items: 3, via: 'link rel=alternate' },
      { url: site.url('/comments.atom'), title: 'Comments', format: 'atom', items: 1, via: 'link rel=alternate' },
    ]);
  });

  it('tries the common feed paths when a page announces none', async () => {
    expect(await discoverFeeds(bare.url('/'), OPTIONS)).toEqual([
      { url: bare.url('/feed'), title: 'Ministry releases', format: 'rss', items: 2, via: 'common path' },
    ]);
  });

  it('lists a feed URL as itself', async () => {
    expect(await discoverFeeds(site.url('/news/rss.xml'), OPTIONS)).toMatchObject([
      { url: site.url('/news/rss.xml'), via: 'the URL itself' },
    ]);
  });

  it('tells whoever enqueues a feed as a page to use --feed', () => {
    expect(() => checkContentType('html', 'application/rss+xml', 'https://a.example/rss')).toThrow(
      'https://a.example/rss is not an HTML page: application/rss+xml (a feed: npm run enqueue -- --feed https://a.example/rss, or npm run feeds -- add https://a.example/rss)',
    );
    expect(() => checkContentType('html', 'image/png', 'https://a.example/i')).toThrow(
      /is not an HTML page: image\/png$/,
    );
  });
});

describe('discovery commands', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it("npm run feeds -- discover lists a site's feeds; add --discover registers them", async () => {
    h = await startPipeline({ stages: [] });
    const env = { ...h.env, FETCH_ALLOW_PRIVATE: 'true' };
    const listed = await runProgram('cli/feeds.ts', ['discover', site.url('/')], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n')).toEqual([
      `${site.url('/news/rss.xml')}  rss, 3 items  "Wire news"  (link rel=alternate)`,
      `${site.url('/comments.atom')}  atom, 1 items  "Comments"  (link rel=alternate)`,
    ]);
    const added = await runProgram('cli/feeds.ts', ['add', site.url('/'), '--discover', '--every', '1h'], env);
    expect(added.code).toBe(0);
    const feeds = new FeedService(h.rt.redis, h.rt.config, h.rt.queues, h.rt.store);
    expect((await feeds.list()).map((f) => f.url).sort()).toEqual([
      site.url('/comments.atom'),
      site.url('/news/rss.xml'),
    ]);
  }, 180_000);
});

/**
 * Feeds through the real pipeline: scheduled polls, conditional GET, de-duplication across polls,
 * feeds and the store, item metadata as hints, `npm run feeds` and `npm run enqueue -- --feed`.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FeedService } from '../../src/pipeline/feed-service.js';
import { buildDashboard } from '../../src/server/dashboard-server.js';
import { feedId } from '../../src/stages/feeds/feed-registry.js';
import { articleId, canonicalUrl } from '../../src/shared/identity.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { runProgram } from '../helpers/run-cli.js';
import { settle } from '../helpers/wait.js';
import { STAGES } from '../../src/pipeline/stages.js';

const fixture = (name: string) => readFile(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

let server: FixtureServer;
let wire = '';
beforeAll(async () => {
  const page = await fixture('pages/moscow-talks.html');
  // The page has no date or byline of its own in this variant: the feed item's must fill them.
  const bare = page
    .replace(/<meta (name="author"|property="article:published_time")[^>]*>\n/g, '')
    .replace(/<p class="byline">.*<\/p>\n/, '');
  server = await startFixtureServer({ '/talks': { headers: { 'content-type': 'text/html' }, body: bare } });
  wire = (await fixture('feeds/wire.rss')).replaceAll('{{origin}}', server.origin);
  const agency = (await fixture('feeds/agency.atom')).replaceAll('{{origin}}', server.origin);
  server.route('/wire.rss', (req) =>
    req.headers['if-none-match'] === '"w1"'
      ? { status: 304 }
      : { headers: { 'content-type': 'application/rss+xml', etag: '"w1"' }, body: wire },
  );
  server.route('/agency.atom', { headers: { 'content-type': 'application/atom+xml' }, body: agency });
  server.route('/broken.rss', {
    headers: { 'content-type': 'application/rss+xml' },
    body: '<?xml version="1.0"?><error>down for maintenance</error>',
  });
});
afterAll(() => server.close());

const fetchesOf = (n: number) => server.requests.filter((r) => r.url.startsWith(`/talks?n=${n}`)).length;

describe('feeds', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('polls a feed on its schedule and stores its items, the item metadata filling what the page lacks', async () => {
    h = await startPipeline({ stages: [...STAGES, 'feeds'] });
    const feeds = new FeedService(h.rt.redis, h.rt.config, h.rt.queues, h.rt.store);
    await feeds.add(server.url('/wire.rss'), 15 * 60_000);
    await feeds.add(server.url('/wire.rss'), 15 * 60_000); // a restart re-adds: still one schedule
    expect(await feeds.queue.getJobSchedulersCount()).toBe(1);

    const first = articleId(server.url('/talks?n=1'));
    expect(await settle(h.rt.queues, first)).toMatchObject({ state: 'stored' });
    expect(await settle(h.rt.queues, articleId(server.url('/talks?n=2')))).toMatchObject({ state: 'stored' });
    const a = await (await h.rt.store()).getArticle(first);
    expect(a?.published).toBe('2017-04-12T15:30:00.000Z');
    expect(a?.origin).toBe('feed');
    expect(a?.feedUrl).toBe(server.url('/wire.rss'));
    const [record] = await feeds.list();
    expect(record).toMatchObject({ status: 'ok', itemsSeen: 2, recentNewItems: [2], consecutiveErrors: 0 });
    expect(record?.title).toBe('Example Wire: World');

    // The article's page names the feed by its title, linked to its row on /feeds and to its articles.
    const app = await buildDashboard({
      queues: h.rt.queues,
      store: h.rt.store,
      pingRedis: () => h.rt.redis.ping(),
      config: h.rt.config,
      feeds,
    });
    try {
      const page = (await app.inject(`/articles/${first}`)).body;
      const cameFrom = /<dt>Came from<\/dt><dd>(.*?)<\/dd>/s.exec(page)?.[1] ?? '';
      expect(cameFrom).toContain(`href="/feeds#feed-${feedId(server.url('/wire.rss'))}"`);
      expect(cameFrom).toMatch(/>Example Wire: World<\/a>/);
      expect(cameFrom).toContain(`href="/?feed=${encodeURIComponent(server.url('/wire.rss'))}"`);
      const listed = (await app.inject(`/?feed=${encodeURIComponent(server.url('/wire.rss'))}`)).body;
      expect(listed).toContain(`/articles/${first}`);
      // Every story stored came from this feed (its two items carry the same page: one story).
      const stored = (await (await h.rt.store()).stats()).stored;
      expect(listed).toContain(`1–${stored} of ${stored}`);
    } finally {
      await app.close();
    }
  });

  it('does no work for an unchanged feed (304) and fetches an item in two feeds once', async () => {
    h = await startPipeline();
    const feeds = new FeedService(h.rt.redis, h.rt.config, h.rt.queues, h.rt.store);
    await feeds.registry.add(server.url('/wire.rss'));
    await feeds.registry.add(server.url('/agency.atom'));
    const before = fetchesOf(2);
    const wirePoll = await feeds.poll(server.url('/wire.rss'));
    expect(wirePoll.queued.map((q) => q.id).sort()).toEqual(
      [articleId(server.url('/talks?n=1')), articleId(server.url('/talks?n=2'))].sort(),
    );
    const again = await feeds.poll(server.url('/wire.rss'));
    expect(again).toMatchObject({ outcome: 'not-modified', queued: [] });
    const agencyPoll = await feeds.poll(server.url('/agency.atom'));
    expect(agencyPoll.queued.map((q) => q.url)).toEqual([server.url('/talks?n=3')]); // n=2 already came from the wire
    for (const n of [1, 2, 3]) await settle(h.rt.queues, articleId(server.url(`/talks?n=${n}`)));
    expect(fetchesOf(2) - before).toBe(1);
  });

  it('does not queue a feed item whose article is already stored', async () => {
    h = await startPipeline();
    const url = server.url('/talks?n=3');
    const { id } = await h.rt.queues.submit({
      id: articleId(url),
      url,
      canonicalUrl: canonicalUrl(url),
      origin: { kind: 'enqueue' },
    });
    await settle(h.rt.queues, id);
    const feeds = new FeedService(h.rt.redis, h.rt.config, h.rt.queues, h.rt.store);
    await feeds.registry.add(server.url('/agency.atom'));
    const poll = await feeds.poll(server.url('/agency.atom'));
    expect(poll.queued.map((q) => q.url)).toEqual([server.url('/talks?n=2')]);
  });

  it('records a feed URL that answers no feed as an error with its reason, and polling goes on', async () => {
    h = await startPipeline();
    const feeds = new FeedService(h.rt.redis, h.rt.config, h.rt.queues, h.rt.store);
    await feeds.registry.add(server.url('/broken.rss'));
    await expect(feeds.poll(server.url('/broken.rss'))).rejects.toThrow(/broken\.rss/);
    const [record] = await feeds.list();
    expect(record).toMatchObject({ consecutiveErrors: 1 });
    expect(record?.lastError).toBeTruthy();
  });
});

describe('feed commands', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('npm run feeds adds, lists and removes a feed', async () => {
    h = await startPipeline({ stages: [] });
    const feedUrl = server.url('/agency.atom');
    const added = await runProgram('cli/feeds.ts', ['add', feedUrl, '--every', '30m'], h.env);
    expect(added.stdout).toMatch(/added .*agency\.atom: polled every 30m/);
    const listed = await runProgram('cli/feeds.ts', ['list'], h.env);
    expect(listed.stdout).toMatch(
      /^status\s+last poll\s+new items, last poll\s+new items per poll \(mean, last 10 polls\)\s+items seen, all polls\s+errors in a row\s+next poll\s+polled every\s+url$/m,
    );
    expect(listed.stdout).toMatch(/^new\s+never\s+–\s+–\s+0\s+0\s/m);
    expect(listed.stdout).toContain(feedUrl);
    const bad = await runProgram('cli/feeds.ts', ['add', 'ftp://example.org/feed'], h.env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unsupported scheme "ftp"/);
    const removed = await runProgram('cli/feeds.ts', ['remove', feedUrl], h.env);
    expect(removed.stdout).toMatch(/^removed /);
    expect((await runProgram('cli/feeds.ts', ['list'], h.env)).stdout).toMatch(/no feeds/);
  });

  it('npm run enqueue -- --feed polls a feed once, now, and waits for its new items', async () => {
    h = await startPipeline();
    const r = await runProgram('cli/enqueue.ts', ['--wait', '--feed', server.url('/agency.atom')], h.env);
    expect(r.stdout).toMatch(/^feed .*agency\.atom\s+polled: 2 items, 2 new queued$/m);
    expect(r.stdout.match(/^stored /gm)).toHaveLength(2);
    expect(r.code).toBe(0);
    const again = await runProgram('cli/enqueue.ts', ['--feed', server.url('/agency.atom')], h.env);
    expect(again.stdout).toMatch(/0 new queued/);
  });
});

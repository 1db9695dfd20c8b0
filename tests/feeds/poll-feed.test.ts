import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedRegistry } from '../../src/stages/feeds/feed-registry.js';
import { pollFeed, type PollFeedDeps } from '../../src/stages/feeds/poll-feed.js';
import { CLAIM_CHUNK, SeenItems } from '../../src/stages/feeds/seen-items.js';
import { FeedParseError } from '../../src/stages/feeds/errors/feed-parse-error.js';
import { HostGate } from '../../src/stages/fetch/host-gate.js';
import { politeFetcher } from '../../src/stages/fetch/polite-fetch.js';
import { articleId } from '../../src/shared/identity.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { testRedis, type TestRedis } from '../helpers/redis-test-keys.js';
import { rss, type TestItem } from './fixtures/feeds.js';

const XML = { 'content-type': 'application/rss+xml; charset=utf-8' };
const story = (n: number): TestItem => ({
  title: `Story ${n}`,
  link: `https://news.example/world/story-${n}?utm_source=rss`,
  guid: `g${n}`,
});

let t: TestRedis;
let server: FixtureServer;
let deps: PollFeedDeps;
let now: number;

beforeEach(async () => {
  t = testRedis('poll-feed');
  server = await startFixtureServer();
  now = Date.now();
  deps = {
    registry: new FeedRegistry({ redis: t.redis, keyPrefix: t.prefix, now: () => now }),
    seen: new SeenItems({ redis: t.redis, keyPrefix: t.prefix }),
    fetchOptions: { userAgent: 'ParleyTest/1.0', allowPrivate: true, bodyTimeoutMs: 2_000 },
    now: () => now,
  };
});
afterEach(async () => {
  await server.close();
  await t.cleanup();
});

describe('pollFeed', () => {
  it('returns new items with metadata, then nothing when the feed answers 304', async () => {
    const body = rss('World', [story(1), story(2)]);
    server.route('/rss', (req) =>
      req.headers['if-none-match'] === '"v1"' ? { status: 304 } : { headers: { ...XML, etag: '"v1"' }, body },
    );
    const url = server.url('/rss');
    await deps.registry.add(url);

    const first = await pollFeed(url, deps);
    expect(first.outcome).toBe('polled');
    expect(first.items.map((i) => i.title)).toEqual(['Story 1', 'Story 2']);
    expect(first.items[0]).toMatchObject({
      id: articleId(story(1).link),
      guid: 'g1',
      feedUrl: url,
      summary: 'About Story 1',
      published: '2026-11-24T10:00:00.000Z',
    });

    const second = await pollFeed(url, deps);
    expect(second).toMatchObject({ outcome: 'not-modified', items: [] });
    expect(server.requests.at(-1)!.headers['if-none-match']).toBe('"v1"');
    expect(await deps.registry.get(url)).toMatchObject({ status: 'ok', itemsSeen: 2, etag: '"v1"' });
  });

  it('skips parsing when a feed without validators sends the same bytes again', async () => {
    server.route('/plain', { headers: XML, body: rss('Plain', [story(3)]) });
    const url = server.url('/plain');
    await deps.registry.add(url);
    expect((await pollFeed(url, deps)).items).toHaveLength(1);
    expect(await pollFeed(url, deps)).toMatchObject({ outcome: 'unchanged', items: [] });
  });

  it('yields an item carried by two feeds only once, and only the new ones on a later poll', async () => {
    server.route('/a', { headers: XML, body: rss('A', [story(10), story(11)]) });
    server.route('/b', { headers: XML, body: rss('B', [story(11), story(12)]) });
    await deps.registry.add(server.url('/a'));
    await deps.registry.add(server.url('/b'));
    const fromA = await pollFeed(server.url('/a'), deps);
    const fromB = await pollFeed(server.url('/b'), deps);
    expect(fromA.items.map((i) => i.guid)).toEqual(['g10', 'g11']);
    expect(fromB.items.map((i) => i.guid)).toEqual(['g12']);

    server.route('/a', { headers: XML, body: rss('A', [story(13), story(10), story(11)]) });
    expect((await pollFeed(server.url('/a'), deps)).items.map((i) => i.guid)).toEqual(['g13']);
  });

  it('asks the store whether an item is already known', async () => {
    const stored = articleId(story(21).link);
    deps.seen = new SeenItems({ redis: t.redis, keyPrefix: t.prefix, known: () => new Set([stored]) });
    server.route('/known', { headers: XML, body: rss('K', [story(20), story(21)]) });
    await deps.registry.add(server.url('/known'));
    expect((await pollFeed(server.url('/known'), deps)).items.map((i) => i.guid)).toEqual(['g20']);
  });

  it('gives items back to the next poll when the store cannot say whether it knows them', async () => {
    let storeUp = false;
    deps.seen = new SeenItems({
      redis: t.redis,
      keyPrefix: t.prefix,
      known: () => {
        if (!storeUp) throw new Error('store unreachable');
        return new Set();
      },
    });
    server.route('/store-down', { headers: XML, body: rss('S', [story(40)]) });
    await deps.registry.add(server.url('/store-down'));
    await expect(pollFeed(server.url('/store-down'), deps)).rejects.toThrow('store unreachable');
    storeUp = true;
    expect((await pollFeed(server.url('/store-down'), { ...deps, force: true })).items.map((i) => i.guid)).toEqual([
      'g40',
    ]);
  });

  describe('a feed longer than one claim chunk', () => {
    const count = CLAIM_CHUNK * 2 + 500;
    const many = Array.from({ length: count }, (_, n) => story(1_000 + n));

    it('yields each item once, in feed order, and only the new one on the next poll', async () => {
      // The first item listed again in the last chunk: the same story twice in one document.
      const url = server.url('/many');
      server.route('/many', { headers: XML, body: rss('M', [...many, many[0]!]) });
      await deps.registry.add(url);
      const first = await pollFeed(url, deps);
      expect(first.totalItems).toBe(count + 1);
      expect(first.items.map((i) => i.guid)).toEqual(many.map((s) => s.guid));

      server.route('/many', { headers: XML, body: rss('M', [story(999), ...many]) });
      expect((await pollFeed(url, { ...deps, force: true })).items.map((i) => i.guid)).toEqual(['g999']);
    });

    it('leaves out items the store knows, whichever chunk they are in', async () => {
      const stored = new Set([many[3]!, many[CLAIM_CHUNK + 7]!, many[count - 1]!].map((s) => articleId(s.link)));
      const asked: number[] = [];
      deps.seen = new SeenItems({
        redis: t.redis,
        keyPrefix: t.prefix,
        known: (ids) => {
          asked.push(ids.length);
          return new Set(ids.filter((id) => stored.has(id)));
        },
      });
      const url = server.url('/many-known');
      server.route('/many-known', { headers: XML, body: rss('K', many) });
      await deps.registry.add(url);
      const items = (await pollFeed(url, deps)).items;
      expect(items).toHaveLength(count - stored.size);
      expect(items.some((i) => stored.has(i.id))).toBe(false);
      expect(asked.every((n) => n <= CLAIM_CHUNK)).toBe(true);
    });

    it('gives back every item, earlier chunks too, when the store fails part-way', async () => {
      let calls = 0;
      let storeUp = false;
      deps.seen = new SeenItems({
        redis: t.redis,
        keyPrefix: t.prefix,
        known: () => {
          calls += 1;
          if (!storeUp && calls === 2) throw new Error('store unreachable');
          return new Set();
        },
      });
      const url = server.url('/many-down');
      server.route('/many-down', { headers: XML, body: rss('D', many) });
      await deps.registry.add(url);
      await expect(pollFeed(url, deps)).rejects.toThrow('store unreachable');
      storeUp = true;
      expect((await pollFeed(url, { ...deps, force: true })).items).toHaveLength(count);
    });
  });

  it('records a feed that breaks, backs it off, and recovers on the next success', async () => {
    const url = server.url('/flaky');
    await deps.registry.add(url, 15 * 60_000);
    server.route('/flaky', { status: 500, body: 'down' });
    await expect(pollFeed(url, deps)).rejects.toMatchObject({ code: 'server-error' });
    server.route('/flaky', { headers: XML, body: '<?xml version="1.0"?><error>down for maintenance</error>' });
    // Still backing off: the scheduler's next tick is skipped without a request.
    const requestsBefore = server.requests.length;
    expect(await pollFeed(url, deps)).toMatchObject({ outcome: 'backing-off' });
    expect(server.requests.length).toBe(requestsBefore);

    now += 31 * 60_000;
    await expect(pollFeed(url, deps)).rejects.toThrow(FeedParseError);
    expect(await deps.registry.get(url)).toMatchObject({ status: 'erroring', consecutiveErrors: 2 });
    expect((await deps.registry.get(url))!.lastError).toMatch(/is XML but not RSS, Atom or RDF/);

    server.route('/flaky', { headers: XML, body: rss('Back', [story(30)]) });
    const recovered = await pollFeed(url, { ...deps, force: true });
    expect(recovered.items.map((i) => i.guid)).toEqual(['g30']);
    expect(await deps.registry.get(url)).toMatchObject({ status: 'ok', consecutiveErrors: 0, lastError: null });
  });

  it('does not count a busy host against the feed', async () => {
    const hostGate = new HostGate({ redis: t.redis, keyPrefix: t.prefix });
    server.route('/busy-host', { headers: XML, body: rss('B', [story(50)]) });
    await deps.registry.add(server.url('/busy-host'));
    const held = await hostGate.tryAcquire('127.0.0.1');
    expect(held.ok).toBe(true);
    await expect(
      pollFeed(server.url('/busy-host'), { ...deps, fetch: politeFetcher({ hostGate }) }),
    ).rejects.toMatchObject({ code: 'host-busy' });
    expect(await deps.registry.get(server.url('/busy-host'))).toMatchObject({ status: 'new', consecutiveErrors: 0 });
  });

  it('tells the caller when the feed is no longer registered', async () => {
    expect(await pollFeed(server.url('/gone'), deps)).toMatchObject({ outcome: 'not-registered' });
    expect(server.requests).toHaveLength(0);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedRegistry, POLL_HISTORY } from '../../src/stages/feeds/feed-registry.js';
import { formatAverage, newItemsPerPoll } from '../../src/stages/feeds/poll-counts.js';
import { testRedis, type TestRedis } from '../helpers/redis-test-keys.js';

const MINUTE = 60_000;
let t: TestRedis;
let now: number;
let registry: FeedRegistry;

beforeEach(() => {
  t = testRedis('feed-registry');
  now = 1_800_000_000_000;
  registry = new FeedRegistry({
    redis: t.redis,
    keyPrefix: t.prefix,
    backoffCapMs: 60 * MINUTE,
    failingAfter: 3,
    failingPollMs: 6 * 60 * MINUTE,
    now: () => now,
  });
});
afterEach(async () => {
  await t.cleanup();
});

describe('FeedRegistry', () => {
  it('adds, lists, updates and removes feeds', async () => {
    await registry.add('https://tass.com/rss/v2.xml', 15 * MINUTE);
    await registry.add('https://ria.ru/export/rss2/index.xml', 30 * MINUTE);
    await registry.add('https://tass.com/rss/v2.xml', 20 * MINUTE);
    const feeds = await registry.list();
    expect(feeds.map((f) => [f.url, f.everyMs, f.status])).toEqual(
      expect.arrayContaining([
        ['https://tass.com/rss/v2.xml', 20 * MINUTE, 'new'],
        ['https://ria.ru/export/rss2/index.xml', 30 * MINUTE, 'new'],
      ]),
    );
    expect(feeds).toHaveLength(2);
    expect(await registry.remove('https://ria.ru/export/rss2/index.xml')).toBe(true);
    expect(await registry.remove('https://ria.ru/export/rss2/index.xml')).toBe(false);
    expect((await registry.list()).map((f) => f.url)).toEqual(['https://tass.com/rss/v2.xml']);
  });

  it('refuses intervals under a minute', async () => {
    await expect(registry.add('https://tass.com/rss', 10_000)).rejects.toThrow(RangeError);
  });

  it('keeps validators and counts items on success', async () => {
    await registry.add('https://tass.com/rss', 15 * MINUTE);
    await registry.recordSuccess('https://tass.com/rss', {
      newItems: 4,
      etag: '"e1"',
      lastModified: 'Tue, 24 Nov 2026 10:00:00 GMT',
      bodyHash: 'abc',
    });
    const after304 = await registry.recordSuccess('https://tass.com/rss', { newItems: 0 });
    expect(after304).toMatchObject({
      status: 'ok',
      itemsSeen: 4,
      etag: '"e1"',
      bodyHash: 'abc',
      lastPollAt: now,
      nextPollAt: now + 15 * MINUTE,
    });
  });

  it('keeps the new items of each of the last polls (a 304 as 0), their mean, and the feed’s title', async () => {
    const url = 'https://tass.com/rss';
    await registry.add(url, 15 * MINUTE);
    expect(newItemsPerPoll((await registry.get(url))!)).toEqual({ last: null, average: null, polls: 0 });
    await registry.recordSuccess(url, { newItems: 4, title: '  TASS  ' });
    await registry.recordSuccess(url, { newItems: 0 });
    await registry.recordFailure(url, new Error('answered 503'));
    await registry.recordSuccess(url, { newItems: 5 });
    const record = (await registry.get(url))!;
    expect(record.title).toBe('TASS');
    expect(newItemsPerPoll(record)).toEqual({ last: 5, average: 3, polls: 3 });
    expect(formatAverage(newItemsPerPoll(record).average)).toBe('3');
    for (let i = 0; i < POLL_HISTORY; i++) await registry.recordSuccess(url, { newItems: i % 2 });
    const later = (await registry.get(url))!;
    expect(later.recentNewItems).toHaveLength(POLL_HISTORY);
    expect(newItemsPerPoll(later)).toEqual({ last: 1, average: 0.5, polls: POLL_HISTORY });
    expect(formatAverage(0.5)).toBe('0.5');
    expect(later.itemsSeen).toBe(4 + 5 + POLL_HISTORY / 2);
  });

  it('backs off on failures, marks the feed failing, and recovers on success', async () => {
    const url = 'https://flaky.example/rss';
    await registry.add(url, 10 * MINUTE);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const record = (await registry.recordFailure(url, new Error(`answered 500 (try ${i + 1})`)))!;
      waits.push(record.nextPollAt - now);
      expect(record.status).toBe(i + 1 >= 3 ? 'failing' : 'erroring');
    }
    expect(waits[0]).toBe(20 * MINUTE);
    expect(waits[1]).toBe(40 * MINUTE);
    expect(waits[2]).toBe(6 * 60 * MINUTE); // failing: polled rarely
    expect(waits[3]).toBe(6 * 60 * MINUTE);
    const failing = (await registry.get(url))!;
    expect(failing).toMatchObject({ consecutiveErrors: 4, lastError: 'answered 500 (try 4)' });
    expect(await registry.due(now + 5 * 60 * MINUTE)).toEqual([]);
    expect((await registry.due(now + 6 * 60 * MINUTE)).map((f) => f.url)).toEqual([url]);

    const recovered = (await registry.recordSuccess(url, { newItems: 1 }))!;
    expect(recovered).toMatchObject({
      status: 'ok',
      consecutiveErrors: 0,
      lastError: null,
      nextPollAt: now + 10 * MINUTE,
    });
  });

  it('caps the back-off of a feed that is not yet failing', async () => {
    const capped = new FeedRegistry({
      redis: t.redis,
      keyPrefix: t.prefix,
      backoffCapMs: 60 * MINUTE,
      failingAfter: 10,
      now: () => now,
    });
    await capped.add('https://slow.example/rss', 15 * MINUTE);
    for (let i = 0; i < 4; i++) await capped.recordFailure('https://slow.example/rss', 'timeout');
    const record = await capped.recordFailure('https://slow.example/rss', 'timeout');
    expect(record?.nextPollAt).toBe(now + 60 * MINUTE);
  });
});

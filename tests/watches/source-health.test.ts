/**
 * Source health: a watch that subscribes to it hears once when a feed starts failing or falls silent
 * against its learned rhythm, and once when it recovers, through the real delivery queue to a real
 * local receiver, with a real local feed server and real Redis (fake clock for the silence).
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'bullmq';
import { addWatch, type WatchContext } from '../../src/jobs/watch-jobs.js';
import { FeedService } from '../../src/pipeline/feed-service.js';
import { MIN_SILENCE_MS, medianGap, silenceAfter } from '../../src/stages/feeds/source-health.js';
import { FeedRegistry } from '../../src/stages/feeds/feed-registry.js';
import { ITEM_HISTORY } from '../../src/stages/feeds/source-health.js';
import { validateWatch, WatchError, hearsArticles } from '../../src/stages/watch/watch-spec.js';
import { createAlertWorkers } from '../../src/workers/alert-workers.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { until } from '../helpers/wait.js';
import { Receiver } from './watch-fixtures.js';

const HOUR = 3_600_000;

describe('the silence rule', () => {
  it('learns nothing from fewer than three gaps', () => {
    expect(medianGap([0, HOUR, 2 * HOUR])).toBeNull();
    expect(silenceAfter([0, HOUR, 2 * HOUR])).toBeNull();
  });
  it('calls a feed silent after three median gaps, but never under a day', () => {
    expect(silenceAfter([0, 10 * HOUR, 20 * HOUR, 30 * HOUR, 31 * HOUR])).toBe(30 * HOUR);
    expect(silenceAfter([0, HOUR, 2 * HOUR, 3 * HOUR])).toBe(MIN_SILENCE_MS);
  });
});

let h: Harness;
let workers: Worker[];
let server: FixtureServer;
const receiver = new Receiver();
let clock = Date.UTC(2026, 0, 5, 8);
/** The feed's items (newest first) and whether it answers. */
let items: number[] = [];
let up = true;

const rss = () =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>${server.origin}/</link>${items
    .map(
      (n) =>
        `<item><title>Item ${n}</title><link>${server.origin}/a/${n}</link><guid>${server.origin}/a/${n}</guid></item>`,
    )
    .join('')}</channel></rss>`;

beforeAll(async () => {
  await receiver.up();
  server = await startFixtureServer({});
  server.route('/wire.rss', () =>
    up
      ? { headers: { 'content-type': 'application/rss+xml' }, body: rss() }
      : { status: 503, body: 'down for maintenance' },
  );
  h = await startPipeline({ stages: [], env: { WATCH_BACKOFF_MS: '200', WATCH_MAX_BACKOFF_MS: '1000' } });
  const alerts = createAlertWorkers({
    config: h.rt.config,
    connection: h.rt.redis,
    log: h.rt.log,
    alerts: h.rt.queues.alerts,
    store: h.rt.store,
  });
  workers = alerts.workers;
  for (const w of workers) void w.run();
  await Promise.all(workers.map((w) => w.waitUntilReady()));
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await h.stop();
  await receiver.down();
  await server.close();
});

const notices = (path: string) =>
  receiver.on(path).map((r) => JSON.parse(r.body) as { kind: string; source: { state: string; feedUrl: string } });

describe('source-health watches', () => {
  it('a feed that starts failing raises one notice over many failed polls, and one when it recovers', async () => {
    const ctx: WatchContext = { config: h.rt.config, store: h.rt.store, now: () => new Date(clock) };
    const watch = await addWatch(
      { name: 'sources', filter: {}, delivery: { kind: 'webhook', url: receiver.url('/fail') }, sourceHealth: true },
      ctx,
    );
    const feeds = new FeedService(h.rt.redis, h.rt.config, h.rt.queues, h.rt.store, undefined, () => clock);
    const url = server.url('/wire.rss');
    await feeds.add(url, 15 * 60_000);
    items = [1];
    await feeds.poll(url, true);
    up = false;
    for (let i = 0; i < 6; i++) {
      clock += HOUR;
      await expect(feeds.poll(url, true)).rejects.toThrow();
    }
    await until('failing notice delivered', async () => notices('/fail').length >= 1);
    up = true;
    items = [2, 1];
    clock += HOUR;
    await feeds.poll(url, true);
    clock += HOUR;
    await feeds.poll(url, true);
    await until('recovery notice delivered', async () => notices('/fail').length >= 2);
    await new Promise((ok) => setTimeout(ok, 500)); // a third would have arrived by now
    expect(notices('/fail').map((n) => [n.kind, n.source.state, n.source.feedUrl])).toEqual([
      ['source-health', 'failing', url],
      ['source-health', 'recovered', url],
    ]);
    const first = receiver.on('/fail')[0]!;
    expect(first.headers['x-parley-signature']).toBe(
      `sha256=${createHmac('sha256', watch.secret).update(first.body).digest('hex')}`,
    );
    expect(first.headers['x-parley-delivery']).toMatch(/^h-/);
    await (await h.rt.store()).watches.remove('sources');
    await feeds.remove(url);
  });

  it('a feed silent far beyond its learned rhythm raises one notice, and one when items come again', async () => {
    const ctx: WatchContext = { config: h.rt.config, store: h.rt.store, now: () => new Date(clock) };
    await addWatch(
      { name: 'quiet', filter: {}, delivery: { kind: 'webhook', url: receiver.url('/quiet') }, sourceHealth: true },
      ctx,
    );
    const feeds = new FeedService(h.rt.redis, h.rt.config, h.rt.queues, h.rt.store, undefined, () => clock);
    const url = server.url('/wire.rss?quiet');
    await feeds.add(url, 15 * 60_000);
    up = true;
    items = [];
    // Learns a rhythm of one new item every two hours.
    for (let n = 100; n < 105; n++) {
      items = [n, ...items];
      await feeds.poll(url, true);
      clock += 2 * HOUR;
    }
    // Quiet for a day: polls keep succeeding with nothing new.
    for (let i = 0; i < 8; i++) {
      clock += 4 * HOUR;
      await feeds.poll(url, true);
    }
    await until('silence notice delivered', async () => notices('/quiet').length >= 1);
    items = [105, ...items];
    clock += HOUR;
    await feeds.poll(url, true);
    await until('recovery notice delivered', async () => notices('/quiet').length >= 2);
    await new Promise((ok) => setTimeout(ok, 500));
    expect(notices('/quiet').map((n) => n.source.state)).toEqual(['silent', 'recovered']);
  });

  it('keeps a bounded history of new-item times and notices each health state once', async () => {
    let now = 1_000;
    const registry = new FeedRegistry({
      redis: h.rt.redis,
      keyPrefix: `${h.rt.config.queuePrefix}:t:`,
      now: () => now,
    });
    const url = 'https://feeds.example.org/history.rss';
    await registry.add(url);
    const polls: number[] = [];
    for (let i = 0; i < ITEM_HISTORY + 5; i++) {
      now += 60_000;
      await registry.recordSuccess(url, { newItems: 1 });
      polls.push(now);
      now += 60_000;
      await registry.recordSuccess(url, { newItems: 0 }); // nothing new: not a new-item time
    }
    expect(await registry.itemTimes(url)).toEqual(polls.slice(-ITEM_HISTORY));
    expect(await registry.swapHealth(url, 'failing')).toBe('ok');
    expect(await registry.swapHealth(url, 'failing')).toBe('failing');
    expect(await registry.swapHealth('https://feeds.example.org/none.rss', 'failing')).toBeNull();
  });

  it('refuses a source-health flag that is not true or false, naming the field', () => {
    const input = { name: 'w', filter: {}, delivery: { kind: 'webhook', url: 'https://hooks.example.org/x' } };
    const rules = { topics: ['syria'], addresses: { allowPrivate: false } };
    expect(validateWatch({ ...input, sourceHealth: true }, rules).sourceHealth).toBe(true);
    expect(() => validateWatch({ ...input, sourceHealth: 'yes' }, rules)).toThrow(WatchError);
    expect(() => validateWatch({ ...input, sourceHealth: 'yes' }, rules)).toThrow(/^sourceHealth: /);
  });

  it('a source-health watch with no filter hears of no stored article', () => {
    const f = { topics: [], entities: [], events: [], people: [], sites: [] };
    expect(hearsArticles({ filter: f, sourceHealth: true })).toBe(false);
    expect(hearsArticles({ filter: { ...f, topics: ['syria'] }, sourceHealth: true })).toBe(true);
    expect(hearsArticles({ filter: f })).toBe(true);
  });
});

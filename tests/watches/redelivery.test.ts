/**
 * At least once past the retry budget: a real local receiver stays down longer than a delivery's
 * attempts last; the deliveries are held in the store, a probe finds the receiver back, and every
 * one arrives once by its idempotency key (real Redis, SQLite store, store and watch workers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'bullmq';
import { addWatch, type WatchContext } from '../../src/jobs/watch-jobs.js';
import { probeJobId } from '../../src/pipeline/alert-queues.js';
import { createAlertWorkers } from '../../src/workers/alert-workers.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { until } from '../helpers/wait.js';
import { Receiver, classified, storyText } from './watch-fixtures.js';

let h: Harness;
let workers: Worker[];
const startWorkers = async () => {
  const alerts = createAlertWorkers({
    config: h.rt.config,
    connection: h.rt.redis,
    log: h.rt.log,
    alerts: h.rt.queues.alerts,
    store: h.rt.store,
  });
  for (const w of alerts.workers) void w.run();
  await Promise.all(alerts.workers.map((w) => w.waitUntilReady()));
  return alerts;
};
let ctx: WatchContext;
const receiver = new Receiver();

/** Two attempts 100 ms apart: the budget is spent well within the outage. */
const ATTEMPTS = 2;
/**
 * The backoff cap, which is also how often a held watch's receiver is probed; the waits below are
 * counted in probes, so a shorter probe keeps what they check and halves the time they take.
 */
const PROBE_MS = 500;

beforeAll(async () => {
  await receiver.up();
  h = await startPipeline({
    stages: ['store'],
    env: { WATCH_BACKOFF_MS: '100', WATCH_MAX_BACKOFF_MS: String(PROBE_MS), WATCH_ATTEMPTS: String(ATTEMPTS) },
  });
  workers = (await startWorkers()).workers;
  ctx = { config: h.rt.config, store: h.rt.store, now: () => new Date() };
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await h.stop();
  await receiver.down();
});

async function store(url: string, text: string) {
  const p = classified(url, text, { topics: ['ukraine'] });
  await h.rt.queues.queues.store.add(url, p, { jobId: p.id });
  await until(`${url} stored`, async () => (await h.rt.queues.queues.store.getJobState(p.id)) === 'completed');
  return p.id;
}

describe('deliveries that run out of attempts', () => {
  it('are held while the receiver stays down past the attempts, and each arrives once by key when it returns', async () => {
    await addWatch(
      {
        name: 'outage',
        filter: { topics: ['ukraine'] },
        delivery: { kind: 'webhook', url: receiver.url('/outage') },
        sourceHealth: true,
      },
      ctx,
    );
    await receiver.down();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await store(`https://held${i}.example/a`, storyText(500 + i)));
    // A source-health notice lives only in its job: holding it must keep its content.
    const notice = {
      feedUrl: 'https://feeds.example/rss',
      state: 'failing' as const,
      detail: 'answered 503',
      at: new Date().toISOString(),
    };
    await h.rt.queues.alerts.queueDelivery({ deliveryId: 's-held-notice', watch: 'outage', notice });

    const held = await until('every delivery held', async () => {
      const rows = await (await h.rt.store()).watches.held('outage');
      return rows.length === 4 ? rows : undefined;
    });
    expect(held.find((r) => r.delivery_id === 's-held-notice')?.notice).toBe(JSON.stringify(notice));
    // A delivery is held as its last attempt fails, a moment before BullMQ moves its job to failed.
    const failed = await until('every delivery failed', async () => {
      const jobs = await h.rt.queues.alerts.deliver.getJobs(['failed']);
      return jobs.length === 4 ? jobs : undefined;
    });
    expect(failed.map((j) => j.attemptsMade)).toEqual([ATTEMPTS, ATTEMPTS, ATTEMPTS, ATTEMPTS]);
    expect(await (await h.rt.store()).watches.get('outage')).toMatchObject({
      held: 4,
      failingSince: expect.any(String),
    });
    await new Promise((r) => setTimeout(r, 3 * PROBE_MS)); // probes that find it still down
    expect(receiver.on('/outage')).toHaveLength(0);

    await receiver.up();
    await until(
      'every delivery after the outage',
      async () => new Set(receiver.on('/outage').map((r) => r.headers['x-parley-delivery'])).size === 4,
      30_000,
    );
    await new Promise((r) => setTimeout(r, 3 * PROBE_MS)); // time for a wrong second copy to arrive
    const got = receiver.on('/outage');
    const keys = got.map((r) => String(r.headers['x-parley-delivery']));
    expect(keys).toHaveLength(4);
    expect(new Set(keys)).toEqual(new Set([...held.map((r) => r.delivery_id)]));
    const bodies = got.map((r) => JSON.parse(r.body) as { articles: { id: string }[]; source?: unknown });
    expect(new Set(bodies.flatMap((b) => b.articles.map((a) => a.id)))).toEqual(new Set(ids));
    expect(bodies.find((b) => b.source)?.source).toEqual(notice);
    expect(await (await h.rt.store()).watches.held('outage')).toEqual([]);
    expect(await (await h.rt.store()).watches.get('outage')).toMatchObject({ failures: 0, failingSince: null });
  }, 120_000);

  it('are still sent after the workers restart without their probe (a started worker probes what is held)', async () => {
    await addWatch(
      {
        name: 'restart',
        filter: { topics: ['ukraine'] },
        delivery: { kind: 'webhook', url: receiver.url('/restart') },
      },
      ctx,
    );
    await receiver.down();
    await store('https://restart.example/a', storyText(600));
    await until('the delivery held', async () => (await (await h.rt.store()).watches.get('restart'))?.held === 1);
    await Promise.all(workers.map((w) => w.close()));
    await h.rt.queues.alerts.recover.remove(probeJobId('restart'));
    await receiver.up();
    await new Promise((r) => setTimeout(r, 2 * PROBE_MS));
    expect(receiver.on('/restart')).toHaveLength(0); // nothing probes a watch while no worker runs

    const restarted = await startWorkers();
    workers = restarted.workers;
    await restarted.syncSchedules();
    await until('the held delivery', async () => receiver.on('/restart').length === 1, 30_000);
    await new Promise((r) => setTimeout(r, 2 * PROBE_MS));
    expect(receiver.on('/restart')).toHaveLength(1);
    expect((await (await h.rt.store()).watches.get('restart'))?.held).toBe(0);
  }, 120_000);
});

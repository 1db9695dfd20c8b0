/**
 * A store outage far longer than the whole retry budget: store workers hold their jobs (no attempt
 * spent) and pause until the store answers, so every article ends stored once; the log says the
 * store went down once and came back once.
 */
import { readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PipelineQueues } from '../../src/pipeline/pipeline-queues.js';
import { parseConfig } from '../../src/shared/config.js';
import { articleId, canonicalUrl } from '../../src/shared/identity.js';
import { openStore } from '../../src/stages/store/open-store.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { TEST_REDIS_URL, deleteRedisPrefix, testStoreUrl, uniqueName } from '../helpers/test-services.js';
import { killAll, startWorkerProcess, type WorkerProcess } from '../helpers/worker-processes.js';
import { until } from '../helpers/wait.js';

/**
 * A short retry budget keeps the test short while the outage stays three times longer than it:
 * 5 attempts with backoff from 100 ms wait at most 1.25 × (0.1 + 0.2 + 0.4 + 0.8) s ≈ 1.9 s in all.
 */
const RETRY = { JOB_ATTEMPTS: '5', JOB_BACKOFF_MS: '100' };
const RETRY_BUDGET_MS = 1.25 * 100 * (1 + 2 + 4 + 8);
/** Over three times the retry budget, and several of the store probe's 2 s rounds. */
const OUTAGE_MS = 8_000;

let server: FixtureServer;
beforeAll(async () => {
  const body = await readFile(new URL('../fixtures/pages/moscow-talks.html', import.meta.url), 'utf8');
  server = await startFixtureServer({ '/talks': { delayMs: 15, headers: { 'content-type': 'text/html' }, body } });
});
afterAll(() => server.close());

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('store outage', () => {
  it('stores every article once after PostgreSQL was unreachable for three times the retry budget', async () => {
    expect(OUTAGE_MS).toBeGreaterThanOrEqual(3 * RETRY_BUDGET_MS);
    const proxy = new TcpProxy('127.0.0.1', 5432);
    await proxy.open();
    cleanups.push(() => proxy.close());
    const name = uniqueName();
    const dropper = testStoreUrl('postgres', name);
    cleanups.push(() => dropper.drop());
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      STORE_URL: `postgres://postgres@127.0.0.1:${proxy.port}/test?schema=test_${name}`,
      QUEUE_PREFIX: `parley-${name}`,
      FETCH_ALLOW_PRIVATE: '1',
      FETCH_HOST_LIMITS: '127.0.0.1=16/0',
      ...RETRY,
    };
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queues = new PipelineQueues(redis, parseConfig(env));
    cleanups.push(
      () => deleteRedisPrefix(env.QUEUE_PREFIX),
      () => redis.quit(),
      () => queues.close(),
    );
    const procs: WorkerProcess[] = [];
    cleanups.push(() => killAll(procs));
    const worker = await startWorkerProcess(['fetch', 'clean', 'classify', 'store'], env);
    procs.push(worker);
    const store = await openStore(dropper.url); // straight to PostgreSQL, past the proxy
    cleanups.push(() => store.close());

    const urls = Array.from({ length: 100 }, (_, i) => server.url(`/talks?n=${i}`));
    const submit = (url: string) =>
      queues.submit({ id: articleId(url), url, canonicalUrl: canonicalUrl(url), origin: { kind: 'enqueue' } });
    for (const url of urls.slice(0, 50)) await submit(url);
    await until('a few articles', async () => (await store.stats()).copies >= 10, 60_000);
    await proxy.cut();
    for (const url of urls.slice(50)) await submit(url); // these arrive while the store is down
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    expect((await store.stats()).copies).toBeLessThan(100);
    await proxy.open();

    const failed = async () => (await queues.queues.store.getJobCountByTypes('failed')) > 0;
    await until(
      'all 100 articles (or a failed job)',
      async () => (await store.stats()).copies === 100 || (await failed()),
      60_000,
    );
    for (const url of urls) expect(await store.status(articleId(url))).toBe('stored');
    for (const s of ['fetch', 'clean', 'classify', 'store'] as const) {
      expect(await queues.queues[s].getJobCountByTypes('failed'), `failed ${s} jobs`).toBe(0);
    }
    const log = worker.output();
    expect(log.match(/store unreachable/g)).toHaveLength(1);
    expect(log.match(/store reachable again/g)).toHaveLength(1);
    expect(worker.child.exitCode).toBeNull();
  }, 120_000);
});

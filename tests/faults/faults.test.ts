/**
 * Parley's delivery promises under faults, with real worker processes: a worker killed mid-run, Redis
 * restarted mid-run, PostgreSQL unreachable for 20 seconds. Every article ends stored exactly once.
 */
import { readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { PipelineQueues } from '../../src/pipeline/pipeline-queues.js';
import { parseConfig } from '../../src/shared/config.js';
import { articleId, canonicalUrl } from '../../src/shared/identity.js';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { openStore } from '../../src/stages/store/open-store.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { OwnRedis } from '../helpers/own-redis.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { TEST_REDIS_URL, deleteRedisPrefix, testStoreUrl, uniqueName } from '../helpers/test-services.js';
import { killAll, startWorkerProcess, type WorkerProcess } from '../helpers/worker-processes.js';
import { until } from '../helpers/wait.js';

/** Short locks so a killed worker's jobs come back in seconds, not the production 30 s. */
const FAST_RECOVERY = { WORKER_LOCK_MS: '2000', WORKER_STALLED_INTERVAL_MS: '1000', JOB_BACKOFF_MS: '500' };

/** Long enough for a worker retrying its connections to have logged a line per retry many times over. */
const REDIS_OUTAGE_MS = 4_000;

let server: FixtureServer;
beforeAll(async () => {
  const body = await readFile(new URL('../fixtures/pages/moscow-talks.html', import.meta.url), 'utf8');
  // A little latency per page keeps several hundred articles in flight long enough to hit them mid-run.
  server = await startFixtureServer({ '/talks': { delayMs: 15, headers: { 'content-type': 'text/html' }, body } });
});
afterAll(() => server.close());

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Run {
  env: Record<string, string>;
  queues: PipelineQueues;
  store: ArticleStore;
  ids: string[];
}

async function setUp(n: number, overrides: Record<string, string> = {}, storeUrl?: string): Promise<Run> {
  const name = uniqueName();
  const store = storeUrl ? { url: storeUrl, drop: async () => undefined } : testStoreUrl('sqlite', name);
  const env = {
    REDIS_URL: TEST_REDIS_URL,
    STORE_URL: store.url,
    QUEUE_PREFIX: `parley-${name}`,
    FETCH_ALLOW_PRIVATE: '1',
    FETCH_HOST_LIMITS: '127.0.0.1=16/0',
    ...FAST_RECOVERY,
    ...overrides,
  };
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  const queues = new PipelineQueues(redis, parseConfig(env));
  const opened = await openStore(env.STORE_URL);
  cleanups.push(
    () => store.drop(),
    () => deleteRedisPrefix(env.QUEUE_PREFIX).catch(() => undefined),
    () => redis.quit().catch(() => undefined),
    () => queues.close(),
    () => opened.close(),
  );
  const urls = Array.from({ length: n }, (_, i) => server.url(`/talks?n=${i}`));
  for (const url of urls)
    await queues.submit({ id: articleId(url), url, canonicalUrl: canonicalUrl(url), origin: { kind: 'enqueue' } });
  return { env, queues, store: opened, ids: urls.map((u) => articleId(u)) };
}

/**
 * Article ids stored. The 300 pages carry one text, so the store keeps one story with 300 URLs;
 * each URL's article id is recorded once (it is the key), whichever way its job was delivered.
 */
async function storedCount(store: ArticleStore): Promise<number> {
  return (await store.stats()).copies;
}

async function expectEachStoredOnce(run: Run): Promise<void> {
  expect(await storedCount(run.store)).toBe(run.ids.length);
  expect((await run.store.countArticles()).skipped).toBe(0);
  for (const id of run.ids) expect(await run.store.status(id)).toBe('stored');
  for (const s of ['fetch', 'clean', 'classify', 'store'] as const) {
    expect(await run.queues.queues[s].getJobCountByTypes('failed'), `failed ${s} jobs`).toBe(0);
  }
}

interface LogLine {
  level: number;
  msg: string;
  queue?: string;
  jobId?: string;
  err?: string;
  reason?: string;
}

/** A worker's JSON log lines (anything else it printed is kept as an error-level line). */
function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      try {
        return JSON.parse(l) as LogLine;
      } catch {
        return { level: 50, msg: l };
      }
    });
}

describe('faults', () => {
  it('loses and doubles nothing when a fetch and a classify worker are killed mid-run', async () => {
    const run = await setUp(300, { FETCH_CONCURRENCY: '4' });
    const procs: WorkerProcess[] = [];
    cleanups.push(() => killAll(procs));
    const fetchA = await startWorkerProcess(['fetch'], run.env);
    const classifyA = await startWorkerProcess(['classify'], run.env);
    procs.push(fetchA, classifyA, await startWorkerProcess(['clean', 'store'], run.env));

    await until('a third of the articles', async () => (await storedCount(run.store)) >= 100, 60_000);
    fetchA.child.kill('SIGKILL');
    classifyA.child.kill('SIGKILL');
    await Promise.all([fetchA.exited, classifyA.exited]);
    expect(await storedCount(run.store)).toBeLessThan(300); // killed mid-run, not after

    procs.push(await startWorkerProcess(['fetch'], run.env), await startWorkerProcess(['classify'], run.env));
    await until('all 300 articles', async () => (await storedCount(run.store)) === 300, 90_000);
    await expectEachStoredOnce(run);
  }, 180_000);

  it('loses nothing when Redis (with AOF) restarts mid-run', async () => {
    const redis = await OwnRedis.start();
    cleanups.push(() => redis.destroy());
    const run = await setUp(300, { REDIS_URL: redis.url, FETCH_CONCURRENCY: '4' });
    const procs: WorkerProcess[] = [];
    cleanups.push(() => killAll(procs));
    procs.push(await startWorkerProcess(['fetch', 'clean', 'classify', 'store'], run.env));

    await until('a third of the articles', async () => (await storedCount(run.store)) >= 100, 60_000);
    redis.down();
    expect(await storedCount(run.store)).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, REDIS_OUTAGE_MS));
    await redis.up();

    await until('all 300 articles', async () => (await storedCount(run.store)) === 300, 90_000);
    await expectEachStoredOnce(run);
    expect(procs[0]!.child.exitCode).toBeNull(); // the worker rode it out

    // The outage is logged once when it starts and once when it ends, not a line per reconnect
    // attempt; the lost locks that follow are warnings, one per job that will run again.
    const lines = logLines(procs[0]!.output());
    expect(lines.filter((l) => l.msg === 'redis unreachable')).toHaveLength(1);
    expect(lines.filter((l) => l.msg === 'redis reachable again')).toHaveLength(1);
    const lockLines = lines.filter((l) => /lost its lock/.test(l.msg));
    expect(lockLines.every((l) => l.level === 40)).toBe(true);
    expect(new Set(lockLines.map((l) => `${l.queue} ${l.jobId}`)).size).toBe(lockLines.length);
    const others = lines.filter((l) => l.level >= 40 && !/lost its lock/.test(l.msg) && l.msg !== 'redis unreachable');
    expect(others.map((l) => `${l.msg} ${l.err ?? l.reason ?? ''}`)).toEqual([]);
  }, 180_000);

  it('finishes every store job after PostgreSQL was unreachable for 20 seconds', async () => {
    const proxy = new TcpProxy('127.0.0.1', 5432);
    await proxy.open();
    cleanups.push(() => proxy.close());
    const schema = `test_${uniqueName()}`;
    const pgUrl = `postgres://postgres@127.0.0.1:${proxy.port}/test?schema=${schema}`;
    const dropper = testStoreUrl('postgres', schema.slice('test_'.length));
    cleanups.push(() => dropper.drop());
    // The default retry policy (5 attempts, backoff from 2 s) is what must ride out the outage.
    const run = await setUp(100, { JOB_BACKOFF_MS: '2000', JOB_ATTEMPTS: '5' }, pgUrl);
    const procs: WorkerProcess[] = [];
    cleanups.push(() => killAll(procs));
    procs.push(await startWorkerProcess(['fetch', 'clean', 'classify', 'store'], run.env));

    await until('a fifth of the articles', async () => (await storedCount(run.store)) >= 20, 60_000);
    await proxy.cut();
    await new Promise((r) => setTimeout(r, 20_000));
    await proxy.open();

    await until('all 100 articles', async () => (await storedCount(run.store)) === 100, 90_000);
    await expectEachStoredOnce(run);
    expect(procs[0]!.child.exitCode).toBeNull(); // the worker rode it out
  }, 180_000);
});

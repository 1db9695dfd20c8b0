/**
 * Parley's programs as a user runs them: `npm start`, `npm run worker`, their start-up errors and
 * their graceful shutdown.
 */
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { articleId, canonicalUrl } from '../../src/shared/identity.js';
import { startFixtureServer } from '../helpers/http-fixture-server.js';
import { collect, freePort, runProgram, spawnProgram } from '../helpers/run-cli.js';
import { TEST_REDIS_URL, deleteRedisPrefix, testStoreUrl, uniqueName } from '../helpers/test-services.js';
import { openStore } from '../../src/stages/store/open-store.js';
import { PipelineQueues } from '../../src/pipeline/pipeline-queues.js';
import { parseConfig } from '../../src/shared/config.js';
import { until } from '../helpers/wait.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function testEnv() {
  const name = uniqueName();
  const store = testStoreUrl('sqlite', name);
  const env = {
    REDIS_URL: TEST_REDIS_URL,
    STORE_URL: store.url,
    QUEUE_PREFIX: `parley-${name}`,
    FETCH_ALLOW_PRIVATE: '1',
    FETCH_HOST_LIMITS: '127.0.0.1=16/0',
  };
  cleanups.push(
    () => deleteRedisPrefix(env.QUEUE_PREFIX),
    () => store.drop(),
  );
  return env;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => child.on('exit', (code) => r(code)));
}

describe('npm start', () => {
  it('serves bull-board with Parley’s queues, seeds an empty store, and stops cleanly on SIGTERM', async () => {
    const env = { ...testEnv(), PORT: String(await freePort()) };
    const child = spawnProgram('main.ts', [], env);
    const result = collect(child);
    cleanups.push(async () => child.kill('SIGKILL'));
    const base = `http://127.0.0.1:${env.PORT}`;

    const page = await until('the dashboard', async () => {
      const r = await fetch(`${base}/queues`);
      return r.ok ? r.text() : undefined;
    });
    expect(page).toMatch(/<title>Parley<\/title>|bull-board|Parley/);
    const api = (await (await fetch(`${base}/queues/api/queues`)).json()) as { queues: { name: string }[] };
    expect(api.queues.map((q) => q.name).sort()).toEqual([
      'classify',
      'clean',
      'feeds',
      'fetch',
      'store',
      'watch-deliver',
      'watch-digest',
      'watch-match',
      'watch-recover',
    ]);

    const store = await openStore(env.STORE_URL);
    cleanups.push(() => store.close());
    await until('the seeds to be stored', async () => ((await store.countArticles()).stored === 5 ? true : undefined));

    child.kill('SIGTERM');
    const { code, stderr } = await result;
    expect(stderr).not.toMatch(/Error/);
    expect(code).toBe(0);
  });

  it('stops at start-up with a message naming a bad setting', async () => {
    const r = await runProgram('main.ts', [], { PORT: 'eighty', FETCH_CONCURRENCY: '-1' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^parley: invalid configuration: .*PORT="eighty".*FETCH_CONCURRENCY="-1"/);
  });
});

describe('npm run worker', () => {
  it('names the stages when given an unknown one', async () => {
    const r = await runProgram('workers/worker.ts', ['fetch', 'polish'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /usage: npm run worker -- <fetch\|clean\|classify\|store\|feeds\|alerts>.*\n.*unknown stage: polish/,
    );
  });

  it('on SIGTERM finishes the job it is running, hands it on, and exits 0', async () => {
    const env = testEnv();
    const server = await startFixtureServer({
      '/slow': {
        delayMs: 1_500,
        headers: { 'content-type': 'text/html' },
        body: '<html><body><h1>Slow</h1><p>Lavrov and Tillerson met.</p></body></html>',
      },
    });
    cleanups.push(() => server.close());
    const child = spawnProgram('workers/worker.ts', ['fetch'], env);
    const exited = exitOf(child);
    cleanups.push(async () => child.kill('SIGKILL'));

    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const pipeline = new PipelineQueues(redis, parseConfig(env));
    const { fetch: fetchQueue, clean: cleanQueue } = pipeline.queues;
    cleanups.push(async () => {
      await pipeline.close();
      await redis.quit();
    });
    const url = server.url('/slow');
    const { id } = await pipeline.submit({
      id: articleId(url),
      url,
      canonicalUrl: canonicalUrl(url),
      origin: { kind: 'enqueue' },
    });
    await until('the fetch job to be active', async () =>
      (await fetchQueue.getJobState(id)) === 'active' ? true : undefined,
    );

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Completed and handed on (a finished stage job is removed once the next one holds the article).
    expect(await cleanQueue.getJobState(id)).toBe('waiting');
    expect(await fetchQueue.getJobState(id)).toBe('unknown');
  });
});

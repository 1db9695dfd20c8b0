/**
 * The pipeline on a real Redis Cluster (three masters of the test's own): two worker processes
 * each running every stage and the feed poller, `enqueue --wait` with a feed and a URL file, the
 * dashboard — 1,000 articles stored exactly once, every key of Parley's in the prefix's slot.
 */
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/stages/store/open-store.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { OwnRedisCluster } from '../helpers/redis-cluster.js';
import { freePort, runProgram, spawnProgram } from '../helpers/run-cli.js';
import { testStoreUrl, uniqueName } from '../helpers/test-services.js';
import { until } from '../helpers/wait.js';
import { killAll, startWorkerProcess, type WorkerProcess } from '../helpers/worker-processes.js';

const ARTICLES = 1_000;
const FROM_FEED = 400;
const PREFIX = '{parley}';

let cluster: OwnRedisCluster;
let server: FixtureServer;
let store: ReturnType<typeof testStoreUrl>;
let env: Record<string, string>;
const workers: WorkerProcess[] = [];

/** A short article on the pipeline's subject, different in each page (title, numbers, a sentence). */
function articlePage(template: string, n: number): string {
  return template
    .replace(/<title>([^<]*)<\/title>/, `<title>$1 (report ${n})</title>`)
    .replace(/<h1>([^<]*)<\/h1>/, `<h1>$1 (report ${n})</h1>`)
    .replace('</article>', `<p>Diplomats counted ${n} points of agreement in meeting ${n * 7 + 3}.</p></article>`);
}

beforeAll(async () => {
  cluster = await OwnRedisCluster.start();
  const template = await readFile(new URL('../fixtures/pages/moscow-talks.html', import.meta.url), 'utf8');
  const html = { 'content-type': 'text/html; charset=utf-8' };
  server = await startFixtureServer({ '/robots.txt': { body: 'User-agent: *\nAllow: /\n' } });
  for (let n = 0; n < ARTICLES; n++) server.route(`/a/${n}`, { headers: html, body: articlePage(template, n) });
  const items = Array.from(
    { length: FROM_FEED },
    (_, n) => `<item><title>Report ${n}</title><link>${server.url(`/a/${n}`)}</link></item>`,
  ).join('');
  server.route('/feed.xml', {
    headers: { 'content-type': 'application/rss+xml' },
    body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items}</channel></rss>`,
  });
  store = testStoreUrl('postgres', uniqueName());
  env = {
    REDIS_CLUSTER_NODES: cluster.nodes,
    QUEUE_PREFIX: PREFIX,
    STORE_URL: store.url,
    FETCH_ALLOW_PRIVATE: '1',
    FETCH_HOST_LIMITS: '127.0.0.1=16/0',
    FETCH_CONCURRENCY: '16',
    JOB_BACKOFF_MS: '50',
    SHUTDOWN_TIMEOUT_MS: '5000',
    SEED_ON_START: '0',
  };
  const stages = ['fetch', 'clean', 'classify', 'store', 'feeds'];
  workers.push(
    ...(await Promise.all([startWorkerProcess(stages, env, 90_000), startWorkerProcess(stages, env, 90_000)])),
  );
}, 120_000);

afterAll(async () => {
  killAll(workers);
  await Promise.all(workers.map((w) => w.exited));
  await server?.close();
  cluster?.destroy();
  await store?.drop();
});

describe('on a Redis Cluster', () => {
  it('stores 1,000 articles from a feed and a URL file exactly once, all keys in one slot', async () => {
    const file = join(tmpdir(), `parley-cluster-${uniqueName()}.txt`);
    const fromFile = Array.from({ length: ARTICLES - FROM_FEED }, (_, i) => server.url(`/a/${FROM_FEED + i}`));
    await writeFile(file, fromFile.join('\n'));

    const run = await runProgram(
      'cli/enqueue.ts',
      ['--wait', '--timeout', '900', '--feed', server.url('/feed.xml'), '--file', file],
      env,
      '',
      920_000,
    );
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n').filter((l) => /^(stored|skipped|failed|pending) /.test(l));
    expect(
      lines.filter((l) => !l.startsWith('stored')),
      run.stdout.slice(-2_000),
    ).toEqual([]);
    expect(lines).toHaveLength(ARTICLES);
    expect(run.code).toBe(0);

    const s = await openStore(store.url);
    try {
      // The pages differ by a sentence only, so the store keeps them as copies of few stories (see
      // "Stories, not copies"); every URL is recorded once among the copies (a story's own URL is one).
      const stats = await s.stats();
      expect(stats.copies).toBe(ARTICLES);
      expect(stats.stored).toBeGreaterThan(0);
      expect(stats.skipped).toBe(0);
    } finally {
      await s.close();
    }

    // The feed's items were seen: a second poll queues nothing.
    const again = await runProgram('cli/enqueue.ts', ['--feed', server.url('/feed.xml')], env);
    expect(again.stdout).toContain(' 0 new queued');

    // Every key Parley wrote (queues, host gate, robots.txt, seen items, outcomes, metrics) is in the prefix's slot.
    const slot = spawnSync('redis-cli', ['-p', String(cluster.ports[0]), 'cluster', 'keyslot', PREFIX], {
      encoding: 'utf8',
    }).stdout.trim();
    const total = cluster.keyCounts().reduce((a, b) => a + b, 0);
    const inSlot = cluster.ports
      .map((p) =>
        Number(
          spawnSync('redis-cli', ['-p', String(p), 'cluster', 'countkeysinslot', slot], { encoding: 'utf8' }).stdout,
        ),
      )
      .reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    expect(inSlot).toBe(total);
  }, 1_000_000);

  it('serves the dashboard: health, queue counts and stage durations read from the cluster', async () => {
    const port = await freePort();
    const dashboard = spawnProgram('server/serve.ts', [], { ...env, PORT: String(port) });
    try {
      const base = `http://127.0.0.1:${port}`;
      const health = await until(
        'the dashboard',
        async () => {
          const r = await fetch(`${base}/healthz`);
          return r.status === 200 && ((await r.json()) as object);
        },
        90_000,
      );
      expect(health).toMatchObject({ ok: true });
      const queues = (await (await fetch(`${base}/queues/api/queues`)).json()) as {
        queues: { name: string; counts: Record<string, number> }[];
      };
      expect(queues.queues.find((q) => q.name === 'store')?.counts.completed).toBe(ARTICLES);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/parley_stage_duration_seconds_count\{[^}]*stage="store"[^}]*\} 1000/);
    } finally {
      dashboard.kill('SIGTERM');
    }
  }, 120_000);
});

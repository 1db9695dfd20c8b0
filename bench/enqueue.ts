/**
 * `npm run bench -- enqueue [--n 10000] [--file-lines 100000] [--rounds 3]`: how fast new articles are queued
 * (issue 19, item 4: ≤ 2 s per 10,000), on the local Redis, each run under a queue prefix of its own.
 *
 * - Baseline: `submit` one article at a time (what enqueue and feed polls did before).
 * - Bulk: `submitMany` in chunks of BULK_CHUNK (one pipelined existence check, one addBulk).
 * - A 10,000-item feed: `FeedService.poll` of a local RSS feed (fetch, parse, claim, bulk submit),
 *   then again with one new item; on SQLite and PostgreSQL, best CPU and wall of --rounds runs.
 * - A URL file: `enqueue --file` (the CLI, streaming the file) with `--file-lines` lines; wall time
 *   and the CLI's peak memory (VmHWM), against the same CLI on a file a tenth as long.
 */
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Redis } from 'ioredis';
import { FeedService } from '../src/pipeline/feed-service.js';
import { BULK_CHUNK } from '../src/pipeline/pipeline-queues.js';
import { startRuntime } from '../src/runtime/runtime.js';
import { articleId, canonicalUrl } from '../src/shared/identity.js';
import { benchStoreUrl, fmt, memoryOf, numberArg, type StoreKind } from './_support.js';

/** Issue 19's budget: seconds per 10,000 articles queued. */
const BUDGET_S_PER_10K = 2;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The settings of a bench run's Parley: its own queue prefix and store, local test servers allowed. */
function benchEnv(prefix: string, storeUrl: string): Record<string, string> {
  return {
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    STORE_URL: storeUrl,
    LOG_LEVEL: 'silent',
    FETCH_ALLOW_PRIVATE: '1',
    FETCH_ROBOTS: '0',
  };
}

const payload = (run: string, n: number) => {
  const url = `https://bench.example/${run}/news/${n}`;
  return { id: articleId(url), url, canonicalUrl: canonicalUrl(url), origin: { kind: 'enqueue' }, handled: {} };
};

async function withRuntime<T>(
  fn: (rt: Awaited<ReturnType<typeof startRuntime>>, prefix: string) => Promise<T>,
  storeKind: StoreKind = 'sqlite',
) {
  const prefix = `bench-enqueue-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const store = benchStoreUrl(storeKind, prefix.replace(/-/g, '_'));
  const rt = await startRuntime('bench', benchEnv(prefix, store.url));
  try {
    return await fn(rt, prefix);
  } finally {
    for (const q of [...Object.values(rt.queues.queues), rt.queues.feeds]) await q.obliterate({ force: true });
    // The rest under the prefix: seen items (kept 180 days), the feed registry, the host gate.
    await dropKeys(rt.redis as Redis, prefix);
    await rt.close();
    await store.drop();
  }
}

/** Deletes what is left under a prefix: seen items (kept 180 days), the feed registry, the host gate. */
async function dropKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Runs `enqueue --feed URL` (the CLI, its start included) on a fresh prefix and store: wall and CPU (user + system). */
async function enqueueFeed(feedUrl: string): Promise<Timing> {
  const prefix = `bench-enqueue-feed-${Math.random().toString(36).slice(2, 8)}`;
  const store = benchStoreUrl('sqlite', prefix.replace(/-/g, '_'));
  const started = Date.now();
  const child = spawn(
    'bash',
    [
      '-c',
      `TIMEFORMAT='%U %S'; time "$0" --import tsx "$1" --feed "$2" >/dev/null`,
      process.execPath,
      resolve('src/cli/enqueue.ts'),
      feedUrl,
    ],
    {
      env: { ...process.env, ...benchEnv(prefix, store.url) },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise((r) => child.on('exit', r));
  const ms = Date.now() - started;
  const [user, system] = (stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  await withRuntimeFor(prefix);
  await store.drop();
  return { ms, cpuMs: ((user ?? NaN) + (system ?? NaN)) * 1000 };
}

const per10k = (ms: number, n: number) => (ms / 1000) * (10_000 / n);

interface Timing {
  ms: number;
  cpuMs: number;
}

/** Runs `enqueue --file` on `lines` URLs; wall time and the CLI's peak RSS in MiB. */
async function enqueueFile(lines: number): Promise<{ ms: number; peakMiB: number }> {
  const file = join(tmpdir(), `parley-bench-urls-${process.pid}-${lines}.txt`);
  const run = Math.random().toString(36).slice(2, 8);
  writeFileSync(file, Array.from({ length: lines }, (_, n) => `https://bench.example/${run}/f/${n}`).join('\n'));
  const prefix = `bench-enqueue-file-${run}`;
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('src/cli/enqueue.ts'), '--file', file], {
    env: { ...process.env, REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let peakMiB = 0;
  const watch = setInterval(() => {
    try {
      const m = memoryOf(child.pid!).peakMiB;
      if (Number.isFinite(m)) peakMiB = Math.max(peakMiB, m);
    } catch {
      /* it has ended */
    }
  }, 50);
  await new Promise((r) => child.on('exit', r));
  clearInterval(watch);
  const ms = Date.now() - started;
  rmSync(file, { force: true });
  await withRuntimeFor(prefix);
  return { ms, peakMiB };
}

async function withRuntimeFor(prefix: string): Promise<void> {
  const rt = await startRuntime('bench', { REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' });
  for (const q of [...Object.values(rt.queues.queues), rt.queues.feeds]) await q.obliterate({ force: true });
  await dropKeys(rt.redis as Redis, prefix);
  await rt.close();
}

export async function run(args: string[]): Promise<void> {
  const n = numberArg(args, 'n', 10_000);
  const fileLines = numberArg(args, 'file-lines', 100_000);
  const rounds = numberArg(args, 'rounds', 3);

  const baselineMs = await withRuntime(async (rt) => {
    const t = Date.now();
    for (let i = 0; i < n; i++) await rt.queues.submit(payload('one', i));
    return Date.now() - t;
  });
  const bulkMs = await withRuntime(async (rt) => {
    const t = Date.now();
    for (let i = 0; i < n; i += BULK_CHUNK) {
      const chunk = Array.from({ length: Math.min(BULK_CHUNK, n - i) }, (_, j) => payload('bulk', i + j));
      await rt.queues.submitMany(chunk);
    }
    return Date.now() - t;
  });
  console.log(`${n.toLocaleString('en-US')} articles, local Redis:`);
  console.log(`  one submit per article (baseline)  ${fmt(per10k(baselineMs, n), 2)} s per 10,000`);
  console.log(
    `  submitMany in chunks of ${BULK_CHUNK}       ${fmt(per10k(bulkMs, n), 2)} s per 10,000  (${fmt(baselineMs / bulkMs)}× faster; budget ${BUDGET_S_PER_10K} s)`,
  );

  // A 10,000-item feed served locally, polled once; then polled again with one item more (all
  // others already seen: what each scheduled poll of a big feed costs). On each store (the claim
  // asks it which items it holds), best of --rounds fresh runs. CPU is this process's (the poll
  // and the local feed server); Redis's own time is not included.
  const feedBody = (count: number) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>${Array.from(
      { length: count },
      (_, i) => `<item><title>Item ${i}</title><link>https://bench.example/feed/${i}</link></item>`,
    ).join('')}</channel></rss>`;
  let body = '';
  const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const feedUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/feed.xml`;
  for (const storeKind of ['sqlite', 'postgres'] as const) {
    const firsts: Timing[] = [];
    const agains: Timing[] = [];
    for (let round = 0; round < rounds; round++) {
      body = feedBody(n);
      await withRuntime(async (rt) => {
        const feeds = new FeedService(rt.redis, rt.config, rt.queues, rt.store);
        await feeds.registry.add(feedUrl);
        const timedPoll = async (expected: number): Promise<Timing> => {
          const cpu = process.cpuUsage();
          const t = Date.now();
          const report = await feeds.poll(feedUrl, true);
          const ms = Date.now() - t;
          const d = process.cpuUsage(cpu);
          if (report.queued.length !== expected)
            throw new Error(`feed poll queued ${report.queued.length} of ${expected}`);
          return { ms, cpuMs: (d.user + d.system) / 1000 };
        };
        firsts.push(await timedPoll(n));
        body = feedBody(n + 1);
        agains.push(await timedPoll(1));
      }, storeKind);
    }
    const line = (label: string, t: Timing[]) =>
      console.log(
        `  ${label} (${storeKind}, best of ${rounds})  ${fmt(per10k(Math.min(...t.map((x) => x.ms)), n), 2)} s per 10,000 wall, ${fmt(per10k(Math.min(...t.map((x) => x.cpuMs)), n), 2)} s cpu`,
      );
    line(`a ${n.toLocaleString('en-US')}-item feed, polled (fetch, parse, claim, queue)`, firsts);
    line('the same feed polled again, one item new', agains);
  }
  // The CLI on the same feed, its start included, against a one-item feed (the start alone).
  body = feedBody(n);
  const cli = await enqueueFeed(feedUrl);
  body = feedBody(1);
  const cliStart = await enqueueFeed(feedUrl);
  server.close();
  console.log(
    `  enqueue --feed, ${n.toLocaleString('en-US')} items (sqlite): ${fmt(cli.ms / 1000, 1)} s wall, ${fmt(cli.cpuMs / 1000, 2)} s cpu, CLI start included; a one-item feed: ${fmt(cliStart.ms / 1000, 1)} s wall, ${fmt(cliStart.cpuMs / 1000, 2)} s cpu`,
  );

  const small = await enqueueFile(Math.max(1, Math.round(fileLines / 10)));
  const big = await enqueueFile(fileLines);
  console.log(
    `  enqueue --file, ${fileLines.toLocaleString('en-US')} lines: ${fmt(big.ms / 1000, 1)} s wall (${fmt(per10k(big.ms, fileLines), 2)} s per 10,000, CLI start included), peak RSS ${fmt(big.peakMiB, 0)} MiB`,
  );
  console.log(
    `  enqueue --file, ${Math.round(fileLines / 10).toLocaleString('en-US')} lines: ${fmt(small.ms / 1000, 1)} s wall, peak RSS ${fmt(small.peakMiB, 0)} MiB`,
  );
  // The two files differ only in length: the difference is the cost of the extra lines, CLI start left out.
  const extra = fileLines - Math.round(fileLines / 10);
  console.log(
    `  enqueue --file, per 10,000 lines beyond the first ${Math.round(fileLines / 10).toLocaleString('en-US')} (CLI start left out): ${fmt(per10k(big.ms - small.ms, extra), 2)} s`,
  );
  console.log(`  load average ${fmt(loadavg()[0]!, 1)} on ${availableParallelism()} cores`);
}

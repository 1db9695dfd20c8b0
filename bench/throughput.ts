/**
 * `npm run bench` (or `-- throughput [--n N] [--store postgres]`): pushes N dev-set pages, served by
 * a local HTTP server, through all four stages in worker processes (one per core), and compares the
 * rate with what this machine's cores predict from each stage's CPU cost measured alone plus the
 * queue overhead of a bare four-queue BullMQ chain measured in the same run.
 */
import { cpus } from 'node:os';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { parseConfig, type Stage } from '../src/shared/config.js';
import { articleId, canonicalUrl } from '../src/shared/identity.js';
import { PipelineQueues } from '../src/pipeline/pipeline-queues.js';
import { JOBS, STAGES } from '../src/pipeline/stages.js';
import { openStore } from '../src/stages/store/open-store.js';
import type { SqlClient } from '../src/stages/store/sql-client.js';
import type { JobContext } from '../src/jobs/job-definition.js';
import { cpuMs, cpuOfPid, fmt, memoryOf, numberArg, quantile, startChild } from './_support.js';
import { averagePayloadBytes, listPageIds, relevantPages } from './_pages.js';
import { PostgresClient } from '../src/stages/store/postgres-client.js';
import { SqliteClient } from '../src/stages/store/sqlite-client.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The page server is local and ours: allow it, and lift the one-request-per-second host limit. */
const LOCAL_FETCH = { FETCH_ALLOW_PRIVATE: '1', FETCH_HOST_LIMITS: '127.0.0.1=64/0' };
const CORES = cpus().length;
/** One article in this many is relevant (issue 19: the store must be exercised, not only skips). */
const RELEVANT_EVERY = 2;

export async function run(args: string[]): Promise<void> {
  const n = numberArg(args, 'n', 1000);
  const usePostgres = args.includes('--store') && args[args.indexOf('--store') + 1] === 'postgres';
  const ids = listPageIds();
  const server = await startChild('bench/_serve-pages.ts', [], {});
  const port = Number(server.line.split(' ')[1]);
  // Every RELEVANT_EVERY-th article is a relevant one (the store keeps it, as a new story or a copy);
  // the others are the extraction dev pages, mostly general news the store records as skipped.
  const relevantCount = relevantPages().length;
  const urls = Array.from({ length: n }, (_, i) =>
    i % RELEVANT_EVERY === 0
      ? `http://127.0.0.1:${port}/r/${(i / RELEVANT_EVERY) % relevantCount}?n=${i}`
      : `http://127.0.0.1:${port}/p/${ids[i % ids.length]}?n=${i}`,
  );
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  try {
    console.log(
      `${n} articles, ${CORES} cores, ${ids.length} distinct dev pages, store ${usePostgres ? 'postgres' : 'sqlite'}`,
    );
    const costs = await stageCosts(redis, urls.slice(0, Math.min(200, n)));
    const bare = await bareChain(redis, n);
    const actual = await fullPipeline(redis, urls, usePostgres);

    const overheadMs = (CORES * 1000) / bare.rate;
    const perArticleMs = Object.values(costs).reduce((a, b) => a + b, 0) + overheadMs;
    const predicted = (CORES * 1000) / perArticleMs;
    console.log('\nCPU cost per article, each stage alone (ms):');
    for (const s of STAGES) console.log(`  ${s.padEnd(9)} ${fmt(costs[s], 2)}`);
    console.log(`  queues    ${fmt(overheadMs, 2)}  (bare 4-queue chain: ${fmt(bare.rate, 0)} articles/s)`);
    console.log(`predicted rate on ${CORES} cores: ${fmt(predicted, 0)} articles/s`);
    console.log(
      `actual end-to-end rate:         ${fmt(actual.rate, 0)} articles/s (${actual.stored} stored, ${actual.skipped} skipped, ${actual.failed} failed)`,
    );
    console.log(`efficiency = actual ÷ predicted = ${fmt(actual.rate / predicted, 2)}`);
    console.log(
      `CPU ms per article during the run: ${Object.entries(actual.cpuPerArticle)
        .map(([k, v]) => `${k} ${fmt(v, 2)}`)
        .join(', ')}`,
    );
    console.log('\nlatency (ms, burst of N enqueued at once; last ≤1000 articles):');
    for (const [name, values] of Object.entries(actual.latency)) {
      console.log(
        `  ${name.padEnd(9)} p50 ${fmt(quantile(values, 0.5), 0).padStart(7)}  p99 ${fmt(quantile(values, 0.99), 0).padStart(7)}`,
      );
    }
    console.log('\nworker processes (MiB):');
    for (const m of actual.memory) {
      const growth = ((m.endRssMiB - m.warmRssMiB) / m.warmRssMiB) * 100;
      console.log(
        `  pid ${m.pid}: peak RSS ${fmt(m.peakMiB)}; median RSS at 20–30 % of the run ${fmt(m.warmRssMiB)}, at 90–100 % ${fmt(m.endRssMiB)} (${growth >= 0 ? '+' : ''}${fmt(growth)} %)`,
      );
    }
    console.log(
      `Redis used_memory: before ${fmt(actual.redisBefore)} MiB, after ${fmt(actual.redisAfter)} MiB; keys left under the prefix: ` +
        `${actual.keysLeft.total} (${actual.keysLeft.outcomes} kept outcomes, at most 1,000 for an hour; the rest the queues' own structures)`,
    );
  } finally {
    server.child.kill('SIGTERM');
    await redis.quit();
  }
}

/** Each stage's processing, run alone in this process over the same pages: CPU ms per article. */
async function stageCosts(redis: Redis, urls: string[]): Promise<Record<Stage, number>> {
  const dbFile = join(tmpdir(), `parley-bench-${process.pid}.db`);
  const config = parseConfig({
    ...LOCAL_FETCH,
    QUEUE_PREFIX: `bench-cost-${process.pid}`,
    STORE_URL: `sqlite:${dbFile}`,
    LOG_LEVEL: 'silent',
  });
  const store = await openStore(config.storeUrl);
  const ctx: JobContext = {
    config,
    log: pino({ level: 'silent' }),
    redis,
    signal: new AbortController().signal,
    store: async () => store,
  };
  let payloads: unknown[] = urls.map((url) => ({
    id: articleId(url),
    url,
    canonicalUrl: canonicalUrl(url),
    origin: { kind: 'enqueue' },
    handled: {},
  }));
  const costs = {} as Record<Stage, number>;
  for (const stage of STAGES) {
    const next: unknown[] = [];
    const processOne = JOBS[stage].prepare(config);
    const ms = await cpuMs(async () => {
      for (const p of payloads) {
        const data = JOBS[stage].schema.parse(p);
        const r = await processOne(data, ctx).catch(() => undefined);
        if (r && 'next' in r) next.push(r.next);
      }
    });
    costs[stage] = ms / Math.max(1, payloads.length);
    payloads = next;
  }
  await store.close();
  for (const s of ['', '-wal', '-shm']) rmSync(dbFile + s, { force: true });
  await deletePrefix(redis, config.queuePrefix);
  return costs;
}

async function bareChain(redis: Redis, n: number): Promise<{ rate: number }> {
  const prefix = `bench-bare-${process.pid}`;
  const children = await Promise.all(
    Array.from({ length: CORES }, () =>
      startChild('bench/_noop-chain-worker.ts', [], { QUEUE_PREFIX: prefix, REDIS_URL, HOP_BYTES: hopBytes() }),
    ),
  );
  const first = new Queue('fetch', { connection: redis, prefix });
  const last = new Queue('store', { connection: redis, prefix });
  const started = performance.now();
  for (let i = 0; i < n; i += 500) {
    await first.addBulk(
      Array.from({ length: Math.min(500, n - i) }, (_, k) => ({
        name: 'fetch',
        data: { id: i + k },
        opts: { jobId: `b${i + k}`, removeOnComplete: true },
      })),
    );
  }
  while ((await last.getJobCountByTypes('completed')) < Math.min(n, 1000) || (await countPending(redis, prefix)) > 0) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  for (const c of children) c.child.kill('SIGTERM');
  await Promise.all([first, last].map((q) => q.obliterate({ force: true })));
  await deletePrefix(redis, prefix);
  await first.close();
  await last.close();
  return { rate: n / seconds };
}

/** What each hop of Parley's chain carries: a URL, a page's HTML, then its text (twice, with metadata). */
function hopBytes(): string {
  const { html, text } = averagePayloadBytes();
  return [300, html, text + 1_000, text + 2_000].join(',');
}

async function countPending(redis: Redis, prefix: string): Promise<number> {
  let total = 0;
  for (const s of STAGES) {
    const q = new Queue(s, { connection: redis, prefix });
    total += await q.getJobCountByTypes('waiting', 'active', 'delayed', 'prioritized');
    await q.close();
  }
  return total;
}

interface PipelineRun {
  rate: number;
  stored: number;
  skipped: number;
  failed: number;
  latency: Record<string, number[]>;
  memory: { pid: number; peakMiB: number; warmRssMiB: number; endRssMiB: number }[];
  redisBefore: number;
  redisAfter: number;
  /** Keys left under the prefix, and how many of them are kept outcomes (last stage's completed jobs). */
  keysLeft: { total: number; outcomes: number };
  /** CPU ms per article spent during the run by the worker processes, Redis and this process (enqueuing). */
  cpuPerArticle: Record<string, number>;
}

async function fullPipeline(redis: Redis, urls: string[], usePostgres: boolean): Promise<PipelineRun> {
  const prefix = `bench-${process.pid}`;
  const dbFile = join(tmpdir(), `parley-bench-run-${process.pid}.db`);
  const storeUrl = usePostgres
    ? `postgres://postgres@127.0.0.1:5432/test?schema=bench_${process.pid}`
    : `sqlite:${dbFile}`;
  const env = {
    REDIS_URL,
    STORE_URL: storeUrl,
    QUEUE_PREFIX: prefix,
    ...LOCAL_FETCH,
    LOG_LEVEL: 'warn',
    SEED_ON_START: 'false',
  };
  const config = parseConfig(env);
  const store = await openStore(storeUrl);
  const raw = usePostgres ? new PostgresClient(storeUrl) : new SqliteClient(dbFile);
  const redisBefore = await usedMemoryMiB(redis);
  const workers = await Promise.all(
    Array.from({ length: CORES }, () =>
      startChild('src/workers/worker.ts', [...STAGES], { ...env, LOG_LEVEL: 'info' }, /workers started/),
    ),
  );
  const pipeline = new PipelineQueues(redis, config);
  const redisCpu0 = await redisCpuMs(redis);
  const benchCpu0 = process.cpuUsage();
  const workerCpu0 = workers.map((w) => cpuOfPid(w.child.pid!));
  const started = performance.now();
  for (let i = 0; i < urls.length; i += 100) {
    await Promise.all(
      urls
        .slice(i, i + 100)
        .map((url) =>
          pipeline.submit({ id: articleId(url), url, canonicalUrl: canonicalUrl(url), origin: { kind: 'enqueue' } }),
        ),
    );
  }
  let failed = 0;
  // RSS samples per worker, tagged with how far the run was: warm-up ends at a fifth of the articles.
  const rssSamples: { progress: number; rss: number[] }[] = [];
  for (;;) {
    const c = await handled(raw);
    failed = 0;
    for (const s of STAGES) failed += await pipeline.queues[s].getJobCountByTypes('failed');
    const done = c.stored + c.skipped + failed;
    rssSamples.push({ progress: done / urls.length, rss: workers.map((w) => memoryOf(w.child.pid!).rssMiB) });
    if (done >= urls.length) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  // Medians over a window, so a garbage collection just before one sample does not decide the figure.
  const medianRss = (from: number, to: number, i: number) =>
    quantile(
      rssSamples.filter((x) => x.progress >= from && x.progress <= to).map((x) => x.rss[i]!),
      0.5,
    );
  const warmRss = workers.map((_, i) => medianRss(0.2, 0.3, i));
  const endRss = workers.map((_, i) => medianRss(0.9, 1, i));
  const seconds = (performance.now() - started) / 1000;
  const benchCpu = process.cpuUsage(benchCpu0);
  const cpu = {
    workers: workers.reduce((sum, w, i) => sum + cpuOfPid(w.child.pid!) - workerCpu0[i]!, 0),
    redis: (await redisCpuMs(redis)) - redisCpu0,
    bench: (benchCpu.user + benchCpu.system) / 1000,
  };
  const counts = await handled(raw);
  await raw.close();
  const latency = await latencies(pipeline);
  const memory = workers.map((w, i) => ({
    pid: w.child.pid!,
    warmRssMiB: warmRss[i]!,
    endRssMiB: endRss[i]!,
    peakMiB: memoryOf(w.child.pid!).peakMiB,
  }));
  for (const w of workers) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => new Promise((r) => w.child.on('exit', r))));
  const redisAfter = await usedMemoryMiB(redis);
  const left = await redis.keys(`${prefix}:*`);
  const keysLeft = { total: left.length, outcomes: left.filter((k) => /:store:[0-9a-f]{20}$/.test(k)).length };
  await pipeline.close();
  await deletePrefix(redis, prefix);
  await store.close();
  if (!usePostgres) for (const s of ['', '-wal', '-shm']) rmSync(dbFile + s, { force: true });
  const perArticle = Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v / urls.length]));
  return {
    rate: urls.length / seconds,
    ...counts,
    failed,
    latency,
    memory,
    redisBefore,
    redisAfter,
    keysLeft,
    cpuPerArticle: perArticle,
  };
}

/** Per-stage and end-to-end latency from the handled times the last stage's jobs carry. */
async function latencies(pipeline: PipelineQueues): Promise<Record<string, number[]>> {
  const jobs = await pipeline.queues.store.getJobs(['completed'], 0, 999);
  const out: Record<string, number[]> = { fetch: [], clean: [], classify: [], store: [], total: [] };
  for (const job of jobs) {
    const h = (job.data as { handled: Record<string, string> }).handled;
    const t = (k: string) => Date.parse(h[k] ?? '');
    const end = job.finishedOn ?? NaN;
    out.fetch!.push(t('fetchedAt') - t('queuedAt'));
    out.clean!.push(t('cleanedAt') - t('fetchedAt'));
    out.classify!.push(t('classifiedAt') - t('cleanedAt'));
    out.store!.push(end - t('classifiedAt'));
    out.total!.push(end - t('queuedAt'));
  }
  return out;
}

async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const v = (k: string) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (v('used_cpu_user') + v('used_cpu_sys')) * 1000;
}

async function usedMemoryMiB(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN) / 2 ** 20;
}

async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}:*`);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
}

/** Articles handled by the store: each stored id (a new story or a copy of one) and each skipped one. */
async function handled(raw: SqlClient): Promise<{ stored: number; skipped: number }> {
  const [row] = await raw.query<{ stored: number | string; skipped: number | string }>(
    'SELECT (SELECT COUNT(*) FROM article_copies) AS stored, (SELECT COUNT(*) FROM skipped) AS skipped',
  );
  return { stored: Number(row?.stored ?? 0), skipped: Number(row?.skipped ?? 0) };
}

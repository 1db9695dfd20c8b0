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
import type { JobContext } from '../src/jobs/job-definition.js';
import { cpuMs, fmt, memoryOf, numberArg, quantile, startChild } from './_support.js';
import { listPageIds } from './_pages.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CORES = cpus().length;

export async function run(args: string[]): Promise<void> {
  const n = numberArg(args, 'n', 1000);
  const usePostgres = args.includes('--store') && args[args.indexOf('--store') + 1] === 'postgres';
  const ids = listPageIds();
  const server = await startChild('bench/_serve-pages.ts', [], {});
  const port = Number(server.line.split(' ')[1]);
  const urls = Array.from({ length: n }, (_, i) => `http://127.0.0.1:${port}/p/${ids[i % ids.length]}?n=${i}`);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  try {
    console.log(`${n} articles, ${CORES} cores, ${ids.length} distinct dev pages, store ${usePostgres ? 'postgres' : 'sqlite'}`);
    const costs = await stageCosts(urls.slice(0, Math.min(200, n)));
    const bare = await bareChain(redis, n);
    const actual = await fullPipeline(redis, urls, usePostgres);

    const overheadMs = (CORES * 1000) / bare.rate;
    const perArticleMs = Object.values(costs).reduce((a, b) => a + b, 0) + overheadMs;
    const predicted = (CORES * 1000) / perArticleMs;
    console.log('\nCPU cost per article, each stage alone (ms):');
    for (const s of STAGES) console.log(`  ${s.padEnd(9)} ${fmt(costs[s], 2)}`);
    console.log(`  queues    ${fmt(overheadMs, 2)}  (bare 4-queue chain: ${fmt(bare.rate, 0)} articles/s)`);
    console.log(`predicted rate on ${CORES} cores: ${fmt(predicted, 0)} articles/s`);
    console.log(`actual end-to-end rate:         ${fmt(actual.rate, 0)} articles/s (${actual.stored} stored, ${actual.skipped} skipped, ${actual.failed} failed)`);
    console.log(`efficiency = actual ÷ predicted = ${fmt(actual.rate / predicted, 2)}`);
    console.log('\nlatency (ms, burst of N enqueued at once; last ≤1000 articles):');
    for (const [name, values] of Object.entries(actual.latency)) {
      console.log(`  ${name.padEnd(9)} p50 ${fmt(quantile(values, 0.5), 0).padStart(7)}  p99 ${fmt(quantile(values, 0.99), 0).padStart(7)}`);
    }
    console.log('\nworker processes (MiB):');
    for (const m of actual.memory) console.log(`  pid ${m.pid}: peak RSS ${fmt(m.peakMiB)}, RSS at end ${fmt(m.rssMiB)}`);
    console.log(`Redis used_memory: before ${fmt(actual.redisBefore)} MiB, after ${fmt(actual.redisAfter)} MiB; keys left under the prefix: ${actual.keysLeft}`);
  } finally {
    server.child.kill('SIGTERM');
    await redis.quit();
  }
}

/** Each stage's processing, run alone in this process over the same pages: CPU ms per article. */
async function stageCosts(urls: string[]): Promise<Record<Stage, number>> {
  const dbFile = join(tmpdir(), `parley-bench-${process.pid}.db`);
  const config = parseConfig({ FETCH_ALLOW_PRIVATE: '1', STORE_URL: `sqlite:${dbFile}`, LOG_LEVEL: 'silent' });
  const store = await openStore(config.storeUrl);
  const ctx: JobContext = { config, log: pino({ level: 'silent' }), signal: new AbortController().signal, store: async () => store };
  let payloads: unknown[] = urls.map((url) => ({ id: articleId(url), url, canonicalUrl: canonicalUrl(url), origin: { kind: 'enqueue' }, handled: {} }));
  const costs = {} as Record<Stage, number>;
  for (const stage of STAGES) {
    const next: unknown[] = [];
    const ms = await cpuMs(async () => {
      for (const p of payloads) {
        const data = JOBS[stage].schema.parse(p);
        const r = await JOBS[stage].process(data, ctx).catch(() => undefined);
        if (r && 'next' in r) next.push(r.next);
      }
    });
    costs[stage] = ms / Math.max(1, payloads.length);
    payloads = next;
  }
  await store.close();
  for (const s of ['', '-wal', '-shm']) rmSync(dbFile + s, { force: true });
  return costs;
}

async function bareChain(redis: Redis, n: number): Promise<{ rate: number }> {
  const prefix = `bench-bare-${process.pid}`;
  const children = await Promise.all(
    Array.from({ length: CORES }, () => startChild('bench/_noop-chain-worker.ts', [], { QUEUE_PREFIX: prefix, REDIS_URL })),
  );
  const first = new Queue('fetch', { connection: redis, prefix });
  const last = new Queue('store', { connection: redis, prefix });
  const started = performance.now();
  for (let i = 0; i < n; i += 500) {
    await first.addBulk(Array.from({ length: Math.min(500, n - i) }, (_, k) => ({ name: 'fetch', data: { id: i + k }, opts: { jobId: `b${i + k}`, removeOnComplete: true } })));
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
  memory: { pid: number; peakMiB: number; rssMiB: number }[];
  redisBefore: number;
  redisAfter: number;
  keysLeft: number;
}

async function fullPipeline(redis: Redis, urls: string[], usePostgres: boolean): Promise<PipelineRun> {
  const prefix = `bench-${process.pid}`;
  const dbFile = join(tmpdir(), `parley-bench-run-${process.pid}.db`);
  const storeUrl = usePostgres ? `postgres://postgres@127.0.0.1:5432/test?schema=bench_${process.pid}` : `sqlite:${dbFile}`;
  const env = { REDIS_URL, STORE_URL: storeUrl, QUEUE_PREFIX: prefix, FETCH_ALLOW_PRIVATE: '1', LOG_LEVEL: 'warn', SEED_ON_START: 'false' };
  const config = parseConfig(env);
  const store = await openStore(storeUrl);
  const redisBefore = await usedMemoryMiB(redis);
  const workers = await Promise.all(
    Array.from({ length: CORES }, () =>
      startChild('src/workers/worker.ts', [...STAGES], { ...env, LOG_LEVEL: 'info' }, /workers started/),
    ),
  );
  const pipeline = new PipelineQueues(redis, config);
  const started = performance.now();
  for (let i = 0; i < urls.length; i += 100) {
    await Promise.all(
      urls.slice(i, i + 100).map((url) => pipeline.submit({ id: articleId(url), url, canonicalUrl: canonicalUrl(url), origin: { kind: 'enqueue' } })),
    );
  }
  let failed = 0;
  for (;;) {
    const c = await store.countArticles();
    failed = 0;
    for (const s of STAGES) failed += await pipeline.queues[s].getJobCountByTypes('failed');
    if (c.stored + c.skipped + failed >= urls.length) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  const counts = await store.countArticles();
  const latency = await latencies(pipeline);
  const memory = workers.map((w) => ({ pid: w.child.pid!, ...memoryOf(w.child.pid!) }));
  for (const w of workers) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => new Promise((r) => w.child.on('exit', r))));
  const redisAfter = await usedMemoryMiB(redis);
  const keysLeft = (await redis.keys(`${prefix}:*`)).length;
  await pipeline.close();
  await deletePrefix(redis, prefix);
  await store.close();
  if (!usePostgres) for (const s of ['', '-wal', '-shm']) rmSync(dbFile + s, { force: true });
  return { rate: urls.length / seconds, ...counts, failed, latency, memory, redisBefore, redisAfter, keysLeft };
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

async function usedMemoryMiB(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN) / 2 ** 20;
}

async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}:*`);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
}

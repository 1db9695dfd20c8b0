/**
 * One Ctrl-C, one graceful stop: a terminal's Ctrl-C reaches every process in the group, and npm
 * forwards it to node as well, so node hears it twice. Sent to the whole process group of
 * `npm run worker` and `npm start` with a job in flight, it must still mean one graceful stop: the
 * job finishes and is handed on, "stopped" is logged, the exit code is 0. A deliberate second Ctrl-C,
 * seconds later, still forces the exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { PipelineQueues } from '../../src/pipeline/pipeline-queues.js';
import { parseConfig } from '../../src/shared/config.js';
import { articleId, canonicalUrl } from '../../src/shared/identity.js';
import { startFixtureServer } from '../helpers/http-fixture-server.js';
import { freePort } from '../helpers/run-cli.js';
import { TEST_REDIS_URL, deleteRedisPrefix, testStoreUrl, uniqueName } from '../helpers/test-services.js';
import { until } from '../helpers/wait.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const PAGE = '<html><body><h1>Slow</h1><p>Lavrov and Tillerson met in Moscow on Syria.</p></body></html>';

interface Run {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  queues: PipelineQueues;
  id: string;
}

/** Starts `npm run <script>` as the leader of its own process group, with one slow page in flight. */
async function startWithJobInFlight(
  script: string[],
  delayMs: number,
  extraEnv: Record<string, string> = {},
): Promise<Run> {
  const name = uniqueName();
  const store = testStoreUrl('sqlite', name);
  const env = {
    ...process.env,
    REDIS_URL: TEST_REDIS_URL,
    STORE_URL: store.url,
    QUEUE_PREFIX: `parley-${name}`,
    FETCH_ALLOW_PRIVATE: '1',
    FETCH_HOST_LIMITS: '127.0.0.1=16/0',
    SEED_ON_START: 'false',
    LOG_LEVEL: 'info',
    ...extraEnv,
  };
  cleanups.push(
    () => deleteRedisPrefix(env.QUEUE_PREFIX),
    () => store.drop(),
  );
  const server = await startFixtureServer({
    '/slow': { delayMs, headers: { 'content-type': 'text/html' }, body: PAGE },
  });
  cleanups.push(() => server.close());
  const child = spawn('npm', ['run', '-s', ...script], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  cleanups.push(async () => {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  });
  await until('the workers to start', async () => out.includes('workers started'), 60_000);

  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const queues = new PipelineQueues(redis, parseConfig(env));
  cleanups.push(async () => {
    await queues.close();
    await redis.quit();
  });
  const url = server.url('/slow');
  const { id } = await queues.submit({
    id: articleId(url),
    url,
    canonicalUrl: canonicalUrl(url),
    origin: { kind: 'enqueue' },
  });
  await until('the page to be requested', async () => server.requests.some((r) => r.url === '/slow'), 30_000);
  return { child, exited, output: () => out, queues, id };
}

/** What a terminal's Ctrl-C does: SIGINT to every process of the foreground group (npm, sh, node). */
function ctrlC(run: Run): void {
  process.kill(-run.child.pid!, 'SIGINT');
}

describe('Ctrl-C', () => {
  it('npm run worker: one graceful stop, the job in flight finished and handed on, exit 0', async () => {
    const run = await startWithJobInFlight(['worker', '--', 'fetch'], 2_000);
    ctrlC(run);
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toMatch(/"msg":"stopped"/);
    expect(run.output()).not.toMatch(/second signal/);
    expect(await run.queues.queues.clean.getJobState(run.id)).toBe('waiting');
  }, 120_000);

  it('npm start: one graceful stop with a job in flight, exit 0', async () => {
    const run = await startWithJobInFlight(['start'], 2_000, { PORT: String(await freePort()) });
    ctrlC(run);
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toMatch(/"msg":"stopped"/);
    expect(await run.queues.queues.clean.getJobState(run.id)).not.toBe('unknown');
  }, 120_000);

  it('a second Ctrl-C seconds later still forces the exit', async () => {
    const run = await startWithJobInFlight(['worker', '--', 'fetch'], 30_000);
    ctrlC(run);
    await until('the shutdown to begin', async () => run.output().includes('shutting down'), 10_000);
    await new Promise((r) => setTimeout(r, 2_000));
    const forcedAt = Date.now();
    ctrlC(run);
    expect(await run.exited).not.toBe(0);
    expect(Date.now() - forcedAt).toBeLessThan(5_000);
    expect(run.output()).toMatch(/second signal: exiting at once/);
  }, 120_000);
});

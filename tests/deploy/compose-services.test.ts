/**
 * Each Parley service of docker-compose.yml, run as its command (the compiled code, which the test
 * set-up builds whenever src/ is newer than dist/) with its environment (the compose host names mapped to this machine's Redis and
 * PostgreSQL), comes up, passes its own healthcheck command, and stops cleanly.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { WATCH_QUEUES } from '../../src/pipeline/alert-queues.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import buildDist from '../helpers/build-dist.js';
import { freePort } from '../helpers/run-cli.js';
import {
  TEST_POSTGRES_URL,
  TEST_REDIS_URL,
  deleteRedisPrefix,
  testStoreUrl,
  uniqueName,
} from '../helpers/test-services.js';
import { until } from '../helpers/wait.js';
import { DASHBOARD_CREDENTIALS, loadCompose } from './compose-file.js';

const compose = loadCompose(DASHBOARD_CREDENTIALS);
const services = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);

/** The compose network's host names, as this machine reaches them. */
function mapHosts(env: Record<string, string>, schema: string, port: number, prefix: string): Record<string, string> {
  const out = { ...env };
  out.REDIS_URL = env.REDIS_URL!.replace('redis://redis:6379', TEST_REDIS_URL);
  out.STORE_URL = `${TEST_POSTGRES_URL}?schema=${schema}`;
  out.QUEUE_PREFIX = prefix;
  if (env.PORT) out.PORT = String(port);
  return out;
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// dist/ is built by the test set-up when src/ is newer; this only builds when the file runs without it.
beforeAll(() => buildDist(), 240_000);

describe.each(services)('compose service %s', (name, service) => {
  it('comes up healthy by its own healthcheck, and stops on SIGTERM within its grace period', async () => {
    const id = uniqueName();
    const store = testStoreUrl('postgres', id);
    const prefix = `parley-${id}`;
    const port = await freePort();
    const env = {
      ...process.env,
      ...mapHosts(service.environment!, `test_${id}`, port, prefix),
      LOG_LEVEL: 'warn',
      SEED_ON_START: 'false',
    };
    cleanups.push(
      () => store.drop(),
      () => deleteRedisPrefix(prefix),
    );

    const [cmd, ...args] = service.command!;
    const child = spawn(cmd!, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    cleanups.push(() => child.exitCode === null && child.kill('SIGKILL'));

    if (args.includes('dist/workers/worker.js')) {
      const stages = args.slice(args.indexOf('dist/workers/worker.js') + 1);
      const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
      cleanups.push(() => redis.quit());
      // The alerts worker serves the watch queues hung off the store.
      const queues = stages.flatMap((s) => (s === 'alerts' ? Object.values(WATCH_QUEUES) : [s]));
      for (const stage of queues) {
        const queue = new Queue(stage, { connection: redis, prefix });
        cleanups.push(() => queue.close());
        await until(`${name}: a ${stage} worker on Redis (${output})`, async () => (await queue.getWorkersCount()) > 0);
      }
    }
    const [kind, healthCmd, ...healthArgs] = service.healthcheck!.test;
    expect(kind).toBe('CMD');
    await until(`${name}: its healthcheck passes (${output})`, async () => {
      const { stdout } = await promisify(execFile)(healthCmd!, healthArgs, { env, encoding: 'utf8' });
      return stdout.trim() === 'healthy';
    });

    const grace = Number(/^(\d+)s$/.exec(service.stop_grace_period ?? '')?.[1]) * 1000;
    const stopped = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - stopped).toBeLessThan(grace);
  }, 60_000);
});

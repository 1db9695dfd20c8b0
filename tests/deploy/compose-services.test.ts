/**
 * Each Parley service of docker-compose.yml, run as its command with its environment (the compose
 * host names mapped to this machine's Redis and PostgreSQL), comes up healthy and stops cleanly.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { freePort } from '../helpers/run-cli.js';
import { TEST_POSTGRES_URL, TEST_REDIS_URL, deleteRedisPrefix, testStoreUrl, uniqueName } from '../helpers/test-services.js';

interface Service {
  build?: unknown;
  command: string[];
  environment: Record<string, string>;
  stop_grace_period: string;
}
const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service> };
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

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(services)('compose service %s', (name, service) => {
  it('comes up healthy with its command and environment, and stops on SIGTERM within its grace period', async () => {
    const id = uniqueName();
    const store = testStoreUrl('postgres', id);
    const prefix = `parley-${id}`;
    const port = await freePort();
    const env = mapHosts(service.environment, `test_${id}`, port, prefix);
    cleanups.push(() => store.drop(), () => deleteRedisPrefix(prefix));

    const [cmd, ...args] = service.command;
    const child = spawn(cmd!, args, { env: { ...process.env, ...env, LOG_LEVEL: 'warn', SEED_ON_START: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    cleanups.push(() => child.exitCode === null && child.kill('SIGKILL'));

    if (args.includes('worker')) {
      const stages = args.slice(args.indexOf('--') + 1);
      const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
      cleanups.push(() => redis.quit());
      for (const stage of stages) {
        const queue = new Queue(stage, { connection: redis, prefix });
        cleanups.push(() => queue.close());
        await until(`${name}: a ${stage} worker on Redis (${output})`, async () => (await queue.getWorkersCount()) > 0);
      }
    } else {
      await until(`${name}: /healthz (${output})`, async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200);
    }

    const grace = Number(/^(\d+)s$/.exec(service.stop_grace_period)?.[1]) * 1000;
    const stopped = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - stopped).toBeLessThan(grace);
  }, 60_000);
});

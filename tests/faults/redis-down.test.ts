/**
 * Redis going away under the dashboard and the enqueue script: both say so plainly, and both work
 * again once it is back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OwnRedis } from '../helpers/own-redis.js';
import { freePort, runProgram, spawnProgram } from '../helpers/run-cli.js';
import { testStoreUrl, uniqueName } from '../helpers/test-services.js';
import { until } from '../helpers/wait.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('Redis down', () => {
  it('the dashboard reports it on /healthz and the enqueue script in one line; both recover', async () => {
    const redis = await OwnRedis.start();
    cleanups.push(() => redis.destroy());
    const store = testStoreUrl('sqlite');
    cleanups.push(() => store.drop());
    const env = {
      REDIS_URL: redis.url,
      STORE_URL: store.url,
      QUEUE_PREFIX: `parley-${uniqueName()}`,
      PORT: String(await freePort()),
      SEED_ON_START: 'false',
    };
    const dashboard = spawnProgram('server/serve.ts', [], { ...env, LOG_LEVEL: 'info' });
    cleanups.push(() => dashboard.kill('SIGKILL'));
    let log = '';
    dashboard.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    dashboard.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    const health = async () => {
      const r = await fetch(`http://127.0.0.1:${env.PORT}/healthz`);
      return { status: r.status, body: (await r.json()) as { down: string[] } };
    };
    await until('the dashboard', async () => (await health()).status === 200);

    redis.down();
    const started = Date.now();
    expect(await health()).toEqual({
      status: 503,
      body: { ok: false, down: ['redis'], since: { redis: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } },
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    const refused = await runProgram('cli/enqueue.ts', ['https://example.org/a'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `parley: cannot reach Redis at ${redis.url}: connect ECONNREFUSED 127.0.0.1:${redis.port}`,
    );

    await redis.up();
    await until('the dashboard to see Redis again', async () => (await health()).status === 200);
    const queued = await runProgram('cli/enqueue.ts', ['https://example.org/a'], env);
    expect(queued.code).toBe(0);
    expect(queued.stdout).toMatch(/^queued /);

    // One line when Redis went away and one when it came back, however often /healthz asked meanwhile.
    const lines = log.split('\n').filter((l) => l.trim() !== '');
    expect(lines.filter((l) => l.includes('"msg":"redis unreachable"'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('"msg":"redis reachable again"'))).toHaveLength(1);
    expect(lines.filter((l) => !/"level":(10|20|30)\b/.test(l) && !l.includes('"msg":"redis unreachable"'))).toEqual(
      [],
    );
  }, 120_000);
});

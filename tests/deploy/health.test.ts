/**
 * The health command the containers run (`node dist/cli/health.js`): healthy when
 * what a service depends on answers, otherwise exit 1 with one line naming what is down.
 */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, runProgram } from '../helpers/run-cli.js';
import { STORE_KINDS, TEST_REDIS_URL, testStoreUrl } from '../helpers/test-services.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A stand-in /healthz that answers `status`. */
async function healthz(status: number): Promise<number> {
  const port = await freePort();
  const server: Server = createServer((_req, res) =>
    res.writeHead(status).end(status === 200 ? 'ok' : '{"down":["store"]}'),
  );
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => server.close(r)));
  return port;
}

describe('health command', () => {
  it('says healthy and exits 0 when Redis answers', async () => {
    const r = await runProgram('cli/health.ts', [], { REDIS_URL: TEST_REDIS_URL });
    expect([r.code, r.stdout.trim()]).toEqual([0, 'healthy']);
  });

  it('names Redis and exits 1 when Redis does not answer', async () => {
    const port = await freePort();
    const r = await runProgram('cli/health.ts', [], { REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`unhealthy: redis \\(redis://127\\.0\\.0\\.1:${port}\\)`));
  });

  it.each(STORE_KINDS)('with --store, is healthy when the %s store answers', async (kind) => {
    const store = testStoreUrl(kind);
    cleanups.push(() => store.drop());
    const r = await runProgram('cli/health.ts', ['--store'], { REDIS_URL: TEST_REDIS_URL, STORE_URL: store.url });
    expect([r.code, r.stdout.trim(), r.stderr]).toEqual([0, 'healthy', '']);
  });

  it('with --store, names the store and exits 1 when PostgreSQL does not answer', async () => {
    const port = await freePort();
    const r = await runProgram('cli/health.ts', ['--store'], {
      REDIS_URL: TEST_REDIS_URL,
      STORE_URL: `postgres://parley@127.0.0.1:${port}/parley`,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^unhealthy: store: /m);
    expect(r.stderr).not.toMatch(/unhealthy: redis/);
  });

  it("with --dashboard, follows the dashboard's /healthz on PORT", async () => {
    const up = await runProgram('cli/health.ts', ['--dashboard'], { PORT: String(await healthz(200)) });
    expect([up.code, up.stdout.trim()]).toEqual([0, 'healthy']);
    const down = await runProgram('cli/health.ts', ['--dashboard'], { PORT: String(await healthz(503)) });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/unhealthy: dashboard: \/healthz answered 503 \{"down":\["store"\]\}/);
  });

  it('refuses a bad configuration with exit 2, naming the variable', async () => {
    const r = await runProgram('cli/health.ts', [], { REDIS_URL: 'http://nowhere' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/REDIS_URL/);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RobotsPolicy } from '../../src/stages/fetch/robots.js';
import { PermanentError, TransientError } from '../../src/shared/errors/index.js';
import type { FetchOptions } from '../../src/stages/fetch/http-fetch.js';
import { startFixtureServer, type FixtureRoute, type FixtureServer } from '../helpers/http-fixture-server.js';
import { testRedis, type TestRedis } from '../helpers/redis-test-keys.js';

const ROBOTS = ['User-agent: Parley', 'Disallow: /private/', '', 'User-agent: *', 'Disallow: /'].join('\n');
const fetchOptions: FetchOptions = {
  userAgent: 'Parley/0.1 (+https://example.org/parley)',
  allowPrivate: true,
  bodyTimeoutMs: 2_000,
};

let servers: FixtureServer[] = [];
const serve = async (robots: FixtureRoute): Promise<FixtureServer> => {
  const server = await startFixtureServer({ '/robots.txt': robots });
  servers.push(server);
  return server;
};
const robotsHits = (server: FixtureServer): number => server.requests.filter((r) => r.url === '/robots.txt').length;

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

describe('RobotsPolicy', () => {
  it('disallows what robots.txt forbids for our token and allows the rest', async () => {
    const server = await serve({ headers: { 'content-type': 'text/plain' }, body: ROBOTS });
    const robots = new RobotsPolicy({ fetchOptions });
    await expect(robots.check(server.url('/news/lavrov'))).resolves.toBeUndefined();
    const error = await robots.check(server.url('/private/memo')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'robots-disallowed' });
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain(server.url('/private/memo'));
    // Another crawler falls under "*", which disallows everything.
    const other = new RobotsPolicy({ fetchOptions: { ...fetchOptions, userAgent: 'OtherBot/2.0' } });
    expect(await other.isAllowed(server.url('/news/lavrov'))).toBe(false);
    expect(robotsHits(server)).toBe(2);
  });

  it('fetches robots.txt once per origin while the cache is fresh', async () => {
    const server = await serve({ headers: { 'content-type': 'text/plain' }, body: ROBOTS });
    const robots = new RobotsPolicy({ fetchOptions });
    await Promise.all([robots.check(server.url('/a')), robots.check(server.url('/b')), robots.check(server.url('/c'))]);
    await robots.check(server.url('/d'));
    expect(robotsHits(server)).toBe(1);
  });

  it('treats a missing robots.txt as allow-all', async () => {
    const server = await serve({ status: 404, body: 'no robots here' });
    expect(await new RobotsPolicy({ fetchOptions }).isAllowed(server.url('/private/anything'))).toBe(true);
  });

  it('disallows temporarily while robots.txt answers 5xx, then recovers', async () => {
    let now = 1_000_000;
    const server = await serve({ status: 503, body: 'down' });
    const robots = new RobotsPolicy({ fetchOptions, unreachableTtlMs: 60_000, now: () => now });
    const error = await robots.check(server.url('/news/a')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'robots-unreachable' });
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).retryAfterMs).toBe(60_000);
    server.route('/robots.txt', { headers: { 'content-type': 'text/plain' }, body: ROBOTS });
    now += 30_000;
    await expect(robots.check(server.url('/news/a'))).rejects.toMatchObject({ code: 'robots-unreachable' });
    now += 31_000;
    await expect(robots.check(server.url('/news/a'))).resolves.toBeUndefined();
  });

  it('keeps applying the last known rules during an outage', async () => {
    let now = 1_000_000;
    const server = await serve({ headers: { 'content-type': 'text/plain' }, body: ROBOTS });
    const robots = new RobotsPolicy({ fetchOptions, ttlMs: 10_000, now: () => now });
    await robots.check(server.url('/news/a'));
    server.route('/robots.txt', { status: 500, body: 'down' });
    now += 20_000;
    await expect(robots.check(server.url('/news/a'))).resolves.toBeUndefined();
    await expect(robots.check(server.url('/private/b'))).rejects.toMatchObject({ code: 'robots-disallowed' });
    expect(robotsHits(server)).toBe(2);
  });

  it('reports a robots.txt on a host that is down as the host being down, and asks again next time', async () => {
    const closed = await startFixtureServer();
    const page = closed.url('/news/a');
    await closed.close();
    const robots = new RobotsPolicy({ fetchOptions });
    const error = await robots.check(page).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'connection-refused', message: `connection refused: ${new URL(page).host}` });
    expect((error as TransientError).retryAfterMs).toBeUndefined(); // the job's own backoff, not robots' five minutes
    await expect(robots.check(page)).rejects.toMatchObject({ code: 'connection-refused' }); // not a cached verdict
  });

  describe('with Redis', () => {
    let redis: TestRedis;
    beforeAll(() => {
      redis = testRedis('robots');
    });
    afterAll(async () => {
      await redis.cleanup();
    });

    it('shares fetched rules between processes', async () => {
      const server = await serve({ headers: { 'content-type': 'text/plain' }, body: ROBOTS });
      const first = new RobotsPolicy({ fetchOptions, redis: redis.redis, keyPrefix: redis.prefix });
      const second = new RobotsPolicy({ fetchOptions, redis: redis.extraClient(), keyPrefix: redis.prefix });
      await first.check(server.url('/news/a'));
      await expect(second.check(server.url('/private/x'))).rejects.toMatchObject({ code: 'robots-disallowed' });
      expect(robotsHits(server)).toBe(1);
    });
  });
});

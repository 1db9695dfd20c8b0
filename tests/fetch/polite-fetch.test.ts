import { DeferError } from '../../src/shared/errors/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { politeFetch } from '../../src/stages/fetch/polite-fetch.js';
import { HostGate } from '../../src/stages/fetch/host-gate.js';
import { RobotsPolicy } from '../../src/stages/fetch/robots.js';
import type { FetchOptions } from '../../src/stages/fetch/http-fetch.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { testRedis, type TestRedis } from '../helpers/redis-test-keys.js';

const HTML = { 'content-type': 'text/html' };
const options: FetchOptions = { userAgent: 'Parley/0.1', allowPrivate: true, bodyTimeoutMs: 2_000 };

let t: TestRedis;
let server: FixtureServer;
let robots: RobotsPolicy;
let hostGate: HostGate;

beforeEach(async () => {
  t = testRedis('polite-fetch');
  server = await startFixtureServer({
    '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /private/\n' },
    '/news/1': { headers: HTML, body: '<html><body>news</body></html>' },
    '/private/1': { headers: HTML, body: '<html><body>secret</body></html>' },
    '/sneaky': { status: 302, headers: { location: '/private/1' } },
  });
  robots = new RobotsPolicy({ fetchOptions: options });
  hostGate = new HostGate({ redis: t.redis, keyPrefix: t.prefix, defaults: { minIntervalMs: 300 } });
});
afterEach(async () => {
  await server.close();
  await t.cleanup();
});

const pageRequests = (): string[] => server.requests.map((r) => r.url).filter((u) => u !== '/robots.txt');

describe('politeFetch', () => {
  it('fetches an allowed page and then keeps the host spacing', async () => {
    const page = await politeFetch(server.url('/news/1'), options, { robots, hostGate });
    expect(page.body).toContain('news');
    const error = await politeFetch(server.url('/news/1'), options, { robots, hostGate }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'host-busy' });
    expect((error as DeferError).retryAfterMs).toBeGreaterThan(0);
    expect((error as DeferError).retryAfterMs).toBeLessThanOrEqual(300);
    expect(pageRequests()).toEqual(['/news/1']);
  });

  it('does not request a page robots.txt forbids, even through a redirect', async () => {
    await expect(politeFetch(server.url('/private/1'), options, { robots })).rejects.toMatchObject({
      code: 'robots-disallowed',
    });
    await expect(politeFetch(server.url('/sneaky'), options, { robots })).rejects.toMatchObject({
      code: 'robots-disallowed',
    });
    expect(pageRequests()).toEqual(['/sneaky']);
  });

  it('spaces requests by the Crawl-delay robots.txt asks for', async () => {
    server.route('/robots.txt', {
      headers: { 'content-type': 'text/plain' },
      body: 'User-agent: parley\nCrawl-delay: 2\nDisallow:\n',
    });
    const gate = new HostGate({ redis: t.redis, keyPrefix: t.prefix, defaults: { minIntervalMs: 100 } });
    const politeness = { robots: new RobotsPolicy({ fetchOptions: options }), hostGate: gate };
    await politeFetch(server.url('/news/1'), options, politeness);
    const error = await politeFetch(server.url('/news/1'), options, politeness).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'host-busy' });
    expect((error as DeferError).retryAfterMs).toBeGreaterThan(1_500);
  });

  it('releases the host when the fetch fails', async () => {
    const gate = new HostGate({ redis: t.redis, keyPrefix: t.prefix, defaults: { minIntervalMs: 0 } });
    await expect(politeFetch(server.url('/missing'), options, { hostGate: gate })).rejects.toThrow(/404/);
    expect((await gate.tryAcquire('127.0.0.1')).ok).toBe(true);
  });
});

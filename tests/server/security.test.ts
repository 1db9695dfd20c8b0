import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsMatch } from '../../src/server/basic-auth.js';
import { buildDashboard } from '../../src/server/dashboard-server.js';
import { parseConfig } from '../../src/shared/config.js';
import { openStore } from '../../src/stages/store/open-store.js';
import { startDashboard, type DashboardFixture } from './dashboard-fixture.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('with DASHBOARD_USER and DASHBOARD_PASSWORD', () => {
  let f: DashboardFixture;
  beforeAll(async () => {
    f = await startDashboard({ env: { DASHBOARD_USER: 'analyst', DASHBOARD_PASSWORD: 'correct horse' } });
  });
  afterAll(async () => f?.stop());

  const PATHS = [
    '/',
    '/articles/seed-004',
    '/api/articles',
    '/api/articles/seed-004',
    '/api/stats',
    '/events',
    '/stats',
    '/metrics',
    '/queues',
    '/queues/api/queues',
    '/assets/parley.css',
  ];

  it('asks for basic auth on every page and API, and lets the right credentials in', async () => {
    for (const url of PATHS) {
      const none = await f.app.inject({ url });
      expect({ url, status: none.statusCode }).toEqual({ url, status: 401 });
      expect(none.headers['www-authenticate']).toMatch(/^Basic realm="Parley"/);
      const wrong = await f.app.inject({ url, headers: { authorization: basic('analyst', 'wrong horse') } });
      expect({ url, status: wrong.statusCode }).toEqual({ url, status: 401 });
      const right = await f.app.inject({ url, headers: { authorization: basic('analyst', 'correct horse') } });
      expect({ url, status: right.statusCode }).toEqual({ url, status: 200 });
    }
  });

  it('leaves /healthz open for probes', async () => {
    expect((await f.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('credential check', () => {
  it('accepts only the exact user and password, whatever the header holds', () => {
    expect(credentialsMatch(basic('a', 'p:q'), 'a', 'p:q')).toBe(true);
    expect(credentialsMatch(basic('a', 'p'), 'a', 'p:q')).toBe(false);
    expect(credentialsMatch(basic('ab', 'p'), 'a', 'p')).toBe(false);
    expect(credentialsMatch(undefined, 'a', 'p')).toBe(false);
    expect(credentialsMatch('Bearer abc', 'a', 'p')).toBe(false);
    expect(credentialsMatch(`Basic ${Buffer.from('nocolon').toString('base64')}`, 'nocolon', '')).toBe(false);
  });

  it('needs both variables', () => {
    expect(() => parseConfig({ DASHBOARD_USER: 'a' })).toThrow(/DASHBOARD_PASSWORD must be set too/);
    expect(parseConfig({}).dashboard).toEqual({ allowActions: false });
  });
});

describe('bull-board actions', () => {
  it.each([
    ['read-only by default', {}, 405],
    ['allowed with DASHBOARD_ALLOW_ACTIONS', { DASHBOARD_ALLOW_ACTIONS: '1' }, 200],
  ] as const)('%s', async (_name, env, status) => {
    const f = await startDashboard({ env: { ...env } });
    try {
      const r = await f.app.inject({ method: 'PUT', url: '/queues/api/queues/fetch/pause' });
      expect(r.statusCode).toBe(status);
      expect(await f.rt.queues.queues.fetch.isPaused()).toBe(status === 200);
    } finally {
      await f.stop();
    }
  });
});

describe('headers and errors', () => {
  let f: DashboardFixture;
  beforeAll(async () => {
    f = await startDashboard();
  });
  afterAll(async () => f?.stop());

  it('sends a strict Content-Security-Policy: no script on Parley’s pages, same-origin script for bull-board', async () => {
    const pageCsp = (await f.app.inject({ url: '/' })).headers['content-security-policy'];
    expect(pageCsp).toMatch(/default-src 'none'/);
    expect(pageCsp).not.toMatch(/script-src|unsafe/);
    const boardCsp = String((await f.app.inject({ url: '/queues' })).headers['content-security-policy']);
    expect(boardCsp).toMatch(/script-src 'self'(;|$)/);
    expect(boardCsp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect((await f.app.inject({ url: '/api/articles' })).headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers a failing store with a plain 500, no stack trace or driver message', async () => {
    const store = await openStore(f.env.STORE_URL!);
    await store.close(); // every query now fails inside the driver
    const app = await buildDashboard({
      queues: f.rt.queues,
      store: async () => store,
      pingRedis: () => f.rt.redis.ping(),
      config: f.rt.config,
    });
    try {
      for (const url of ['/', '/api/articles', '/articles/seed-004']) {
        const r = await app.inject({ url });
        expect(r.statusCode).toBe(500);
        expect(r.json()).toEqual({ error: 'internal error' });
      }
    } finally {
      await app.close();
    }
  });

  it('/healthz answers 503 naming what is down', async () => {
    const deadRedis = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    deadRedis.on('error', () => undefined);
    const app = await buildDashboard({
      queues: f.rt.queues,
      store: () => openStore('postgres://postgres@127.0.0.1:1/none'),
      pingRedis: () => deadRedis.ping(),
      config: f.rt.config,
    });
    try {
      const r = await app.inject({ url: '/healthz' });
      expect(r.statusCode).toBe(503);
      const body = r.json<{ ok: boolean; down: string[]; since: Record<string, string> }>();
      expect(body).toMatchObject({ ok: false, down: ['redis', 'store'] });
      // Since when: the first probe that found each one down, the same on the next probe.
      for (const dep of ['redis', 'store']) expect(Date.now() - Date.parse(body.since[dep]!)).toBeLessThan(30_000);
      const again = (await app.inject({ url: '/healthz' })).json<{ since: Record<string, string> }>();
      expect(again.since).toEqual(body.since);
    } finally {
      await app.close();
      deadRedis.disconnect();
    }
  });
});

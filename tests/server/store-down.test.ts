/** The dashboard while the store is down: /metrics still answers, and says since when the store is down. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../src/server/dashboard-server.js';
import { openStore } from '../../src/stages/store/open-store.js';
import { startDashboard, type DashboardFixture } from './dashboard-fixture.js';

let f: DashboardFixture;
beforeAll(async () => {
  f = await startDashboard();
});
afterAll(() => f.stop());

describe('store down', () => {
  it('/metrics keeps the queue metrics and says the store is down and since when', async () => {
    const app = await buildDashboard({
      queues: f.rt.queues,
      store: () => openStore('postgres://postgres@127.0.0.1:1/none'),
      pingRedis: () => f.rt.redis.ping(),
      config: f.rt.config,
    });
    try {
      const before = Math.floor(Date.now() / 1000);
      const r = await app.inject({ url: '/metrics' });
      expect(r.statusCode).toBe(200);
      expect(r.body).toMatch(/^parley_queue_jobs\{queue="fetch",state="waiting"\} \d+$/m);
      expect(r.body).toMatch(/^parley_dependency_up\{dependency="store"\} 0$/m);
      expect(r.body).toMatch(/^parley_dependency_up\{dependency="redis"\} 1$/m);
      const since = Number(/^parley_dependency_down_since_seconds\{dependency="store"\} (\d+)$/m.exec(r.body)?.[1]);
      expect(since).toBeGreaterThanOrEqual(before - 1);
      expect(since).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    } finally {
      await app.close();
    }
  });

  it('/metrics says the store is up when it answers', async () => {
    const r = await f.app.inject({ url: '/metrics' });
    expect(r.body).toMatch(/^parley_dependency_up\{dependency="store"\} 1$/m);
    expect(r.body).not.toMatch(/parley_dependency_down_since_seconds\{/);
  });
});

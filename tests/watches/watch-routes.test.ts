import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type DashboardFixture } from '../server/dashboard-fixture.js';

const good = {
  name: 'talks',
  filter: { topics: ['syria'], entities: ['Lavrov'] },
  delivery: { kind: 'webhook', url: 'https://hooks.example.org/parley' },
  mode: 'daily@08:00/Europe/Berlin',
};

describe('watches on the dashboard, changes allowed', () => {
  let d: DashboardFixture;
  beforeAll(async () => {
    d = await startDashboard({ env: { DASHBOARD_ALLOW_ACTIONS: '1' }, articles: [] });
  }, 60_000);
  afterAll(async () => d.stop());

  it('adds a watch through the API (secret given once), lists it without its secret, refuses a bad one naming the field', async () => {
    const added = await d.app.inject({ method: 'POST', url: '/api/watches', payload: good });
    expect(added.statusCode).toBe(201);
    expect(added.json<{ secret: string }>().secret).toMatch(/^[0-9a-f]{64}$/);
    const list = (await d.app.inject('/api/watches')).json<{ watches: Record<string, unknown>[] }>().watches;
    expect(list.map((w) => w.name)).toEqual(['talks']);
    expect(list[0]).not.toHaveProperty('secret');
    const bad = await d.app.inject({
      method: 'POST',
      url: '/api/watches',
      payload: { ...good, name: 'bad', filter: { topics: ['syrai'] } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: string }>().error).toMatch(/^topics\[0\]: unknown topic "syrai"/);
    const again = await d.app.inject({ method: 'POST', url: '/api/watches', payload: good });
    expect(again.statusCode).toBe(409);
  });

  it('the page lists the watch with remove and test forms; a remove without the form token, with a wrong one or without the cookie is refused', async () => {
    const page = await d.app.inject('/watches');
    expect(page.body).toContain('talks');
    expect(page.body).toContain('topic syria, entity Lavrov');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    expect(token).toBeDefined();
    const cookie = cookieOf(page.headers['set-cookie']);
    expect(cookie).toMatch(/^_csrf=/);
    const remove = (payload: string, headers: Record<string, string> = { cookie }) =>
      d.app.inject({
        method: 'POST',
        url: '/watches/talks/remove',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload,
      });
    expect((await remove('')).statusCode).toBe(403);
    expect((await remove('_csrf=wrong')).statusCode).toBe(403);
    expect((await remove(`_csrf=${encodeURIComponent(token!)}`, {})).statusCode).toBe(403);
    expect((await d.app.inject('/api/watches')).json<{ watches: unknown[] }>().watches).toHaveLength(1);

    // Another page with forms (/skipped) keeps the cookie's secret: this page's token stays good.
    const skipped = await d.app.inject({ url: '/skipped', headers: { cookie } });
    expect(skipped.statusCode).toBe(200);
    expect(skipped.headers['set-cookie']).toBeUndefined();
    const jar = cookieOf(skipped.headers['set-cookie']) || cookie; // what a browser would send now
    const removed = await remove(`_csrf=${encodeURIComponent(token!)}`, { cookie: jar });
    expect(removed.statusCode).toBe(200);
    expect(removed.body).toContain('removed talks');
    expect((await d.app.inject('/api/watches')).json<{ watches: unknown[] }>().watches).toEqual([]);
  });
});

/** The `name=value` of a Set-Cookie header, as a browser sends it back. */
function cookieOf(header: string | string[] | undefined): string {
  return String([header].flat()[0] ?? '').split(';')[0]!;
}

describe('watches on the dashboard, read-only (the default)', () => {
  let d: DashboardFixture;
  beforeAll(async () => {
    d = await startDashboard({ articles: [] });
  }, 60_000);
  afterAll(async () => d.stop());

  it('refuses changes and shows no forms', async () => {
    const added = await d.app.inject({ method: 'POST', url: '/api/watches', payload: good });
    expect(added.statusCode).toBe(403);
    expect((await d.app.inject('/watches')).body).not.toContain('<form');
    const form = await d.app.inject({
      method: 'POST',
      url: '/watches/talks/remove',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '_csrf=x',
    });
    expect(form.statusCode).toBe(404);
    expect((await d.app.inject({ method: 'DELETE', url: '/api/watches/talks' })).statusCode).toBe(403);
  });

  it('/metrics reports the watch queues', async () => {
    const m = (await d.app.inject('/metrics')).body;
    expect(m).toContain('parley_queue_jobs{queue="watch-deliver",state="failed"}');
  });
});

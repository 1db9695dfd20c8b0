import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProgram } from '../helpers/run-cli.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { startDashboard, type DashboardFixture } from './dashboard-fixture.js';
import { KIND_ARTICLES, idsOfKind } from './kind-articles.js';

describe.each(STORE_KINDS)('kinds of source on the %s store: filter and chart', (store) => {
  let f: DashboardFixture;
  beforeAll(async () => {
    f = await startDashboard({ store, articles: KIND_ARTICLES });
  });
  afterAll(async () => f?.stop());

  const get = async (url: string) => f.app.inject({ method: 'GET', url });

  it('/api/articles?kind= lists only that kind, and refuses a kind that is not one', async () => {
    const r = await get('/api/articles?kind=official&limit=50');
    expect(r.statusCode).toBe(200);
    const body = r.json<{ total: number; articles: { id: string; sourceKind: string }[] }>();
    expect(body.articles.map((a) => a.id).sort()).toEqual(idsOfKind('official'));
    expect(body.total).toBe(idsOfKind('official').length);
    expect(new Set(body.articles.map((a) => a.sourceKind))).toEqual(new Set(['official']));
    const bad = await get('/api/articles?kind=blog');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/kind must be one of official, wire, state media, press/);
  });

  it('the list offers a Kind of source menu, keeps the kind chosen, and its links keep it', async () => {
    const all = (await get('/')).body;
    expect(all).toContain('<label for="filter-kind">Kind of source</label><select id="filter-kind" name="kind">');
    for (const k of ['official', 'wire', 'state media', 'press']) expect(all).toContain(`<option value="${k}">`);
    const r = await get('/?kind=state+media');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<option value="state media" selected>');
    expect(r.body).toMatch(new RegExp(`1–${idsOfKind('state media').length} of ${idsOfKind('state media').length},`));
    // A topic chosen from the list narrows within the kind instead of dropping it.
    expect(r.body).toContain('<a href="?topic=syria&#38;kind=state+media">syria</a>');
  });

  it('/stats draws articles per week by kind: stacked per week, one legend entry per kind present', async () => {
    const html = (await get('/stats')).body;
    const svg = /<figure class="chart" id="chart-kinds-weekly">[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
    expect(svg).toContain('aria-label="Articles per week by kind of source"');
    expect(svg).toContain('<title>Week of 2026-10-19: 2 articles, official</title>');
    expect(svg).toContain('<title>Week of 2026-10-26: 1 article, no kind given</title>');
    expect(svg).toContain('<title>Week of 2026-11-16: 1 article, state media</title>');
    const legend = [...svg.matchAll(/<g class="legend-item">.*?<text[^>]*>([^<]+)<\/text><\/g>/g)].map((m) => m[1]);
    expect(legend).toEqual(['official', 'wire', 'state media', 'press', 'no kind given']);
    expect(svg).toContain('>Week (starting Monday, UTC)</text>');
    expect(svg).toContain('font-weight="600">Articles</text>');
    expect(svg).toContain(
      `${KIND_ARTICLES.length} articles in all (official 4, wire 2, state media 2, press 1, no kind given 2)`,
    );
  });
});

describe('npm run articles -- --kind', () => {
  let f: DashboardFixture;
  beforeAll(async () => {
    f = await startDashboard({ articles: KIND_ARTICLES });
  });
  afterAll(async () => f?.stop());

  it('lists only official readouts with --kind official, and names the valid kinds for another', async () => {
    const r = await runProgram('cli/articles.ts', ['--kind', 'official', '--json'], { STORE_URL: f.env.STORE_URL! });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const ids = lines.map((l) => (JSON.parse(l) as { id: string }).id).sort();
    expect(ids).toEqual(idsOfKind('official'));
    const bad = await runProgram('cli/articles.ts', ['--kind', 'blog'], { STORE_URL: f.env.STORE_URL! });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/official, wire, state media, press/);
  });
});

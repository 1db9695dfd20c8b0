import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXACT_TOTAL_UP_TO } from '../../src/stages/store/dialect.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { article } from '../store/article-factory.js';
import { startDashboard, type DashboardFixture } from './dashboard-fixture.js';

/** More articles holding "pipeline" than a total is counted up to. */
const N = EXACT_TOTAL_UP_TO + 50;
const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString();
const ARTICLES = Array.from({ length: N }, (_, i) =>
  article(`p${String(i).padStart(5, '0')}`, {
    title: `Energy report ${i}`,
    text: `The pipeline was discussed again, report number ${i}.`,
    published: day(i),
    storedAt: day(i),
    topics: ['energy'],
    entities: [],
  }),
);

describe.each(STORE_KINDS)('%s store: more matches than are counted', (kind) => {
  let f: DashboardFixture;
  beforeAll(async () => {
    f = await startDashboard({ store: kind, articles: ARTICLES });
  }, 180_000);
  afterAll(async () => f?.stop());

  it('the store says its total of a search or a filter is a lower bound', async () => {
    const store = await f.rt.store();
    for (const query of [{ q: 'pipeline' }, { topic: 'energy' }, {}]) {
      const page = await store.searchArticles({ ...query, limit: 5 });
      expect({ total: page.total, lowerBound: page.totalIsLowerBound, listed: page.articles.length }).toEqual({
        total: EXACT_TOTAL_UP_TO,
        lowerBound: true,
        listed: 5,
      });
    }
    const few = await store.searchArticles({ q: '"number 7"' });
    expect({ total: few.total, lowerBound: few.totalIsLowerBound ?? false }).toEqual({ total: 1, lowerBound: false });
  });

  it('a phrase of words found in every article: its total is a lower bound, never more than the matches; none found is 0', async () => {
    const store = await f.rt.store();
    // In every article. PostgreSQL counts it among PHRASE_CANDIDATES of them, SQLite up to the cap.
    const everywhere = await store.searchArticles({ q: '"discussed again"', limit: 5 });
    expect(everywhere.articles).toHaveLength(5);
    expect(everywhere.totalIsLowerBound).toBe(true);
    expect(everywhere.total).toBeGreaterThanOrEqual(5);
    expect(everywhere.total).toBeLessThanOrEqual(N);
    // Both words in every article, never next to each other (title, then text).
    const nowhere = await store.searchArticles({ q: '"report pipeline"' });
    expect({
      total: nowhere.total,
      lowerBound: nowhere.totalIsLowerBound ?? false,
      listed: nowhere.articles.length,
    }).toEqual({ total: 0, lowerBound: false, listed: 0 });
  });

  it('/api/articles passes totalIsLowerBound and the order on; the list says "more than", how it is ordered, and still offers the next page', async () => {
    const api = await f.app.inject({ method: 'GET', url: '/api/articles?q=pipeline&limit=5' });
    expect(api.json()).toMatchObject({
      total: EXACT_TOTAL_UP_TO,
      totalIsLowerBound: true,
      limit: 5,
      order: 'title-then-newest',
    });
    const phrase = await f.app.inject({ method: 'GET', url: '/api/articles?q=%22number+7%22' });
    expect(phrase.json()).toMatchObject({ total: 1, totalIsLowerBound: false });
    // A word in one article is a narrow search: ranked.
    const rare = await f.app.inject({ method: 'GET', url: '/api/articles?q=7' });
    expect(rare.json()).toMatchObject({ total: 1, totalIsLowerBound: false, order: 'relevance' });

    const last = EXACT_TOTAL_UP_TO - 20;
    const html = (await f.app.inject({ method: 'GET', url: `/?q=pipeline&limit=20&offset=${last}` })).body;
    // A word in every article is listed by title match, then date, and the page says so.
    expect(html).toContain(
      `${last + 1}–${EXACT_TOTAL_UP_TO} of more than ${EXACT_TOTAL_UP_TO}, title matches first, then newest`,
    );
    expect(html).toMatch(/rel="next"/);
  });
});

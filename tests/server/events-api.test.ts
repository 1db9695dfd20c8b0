import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiplomaticEvent } from '../../src/stages/events/types.js';
import { article } from '../store/article-factory.js';
import { startDashboard, type DashboardFixture } from './dashboard-fixture.js';

const meeting: DiplomaticEvent = {
  type: 'meeting',
  status: 'held',
  us: ['Rex Tillerson'],
  ru: ['Sergei Lavrov'],
  initiator: null,
  place: 'Moscow',
  date: '2017-04-12',
  evidence: 'Tillerson met Lavrov in Moscow on Wednesday, a meeting both called "frank".',
};
const call: DiplomaticEvent = {
  type: 'call',
  status: 'planned',
  us: ['Donald Trump'],
  ru: ['Vladimir Putin'],
  initiator: null,
  place: null,
  date: '2017-05-02',
  evidence: '=HYPERLINK("http://evil.example","Trump and Putin will speak by phone")',
};

describe('events API and CSV exports', () => {
  let f: DashboardFixture;
  beforeAll(async () => {
    f = await startDashboard({
      articles: [
        article('m1', {
          title: 'Tillerson, Lavrov meet',
          text: 'First text about the talks in Moscow.',
          site: 'reuters.com',
          events: [meeting],
        }),
        article('m2', {
          title: 'Тиллерсон и Лавров',
          text: 'Второй текст о переговорах в Москве, совсем другой.',
          site: 'tass.ru',
          events: [meeting],
        }),
        article('c1', {
          title: '-Trump to call Putin',
          text: 'A third text, about a call.',
          site: 'example.org',
          events: [call],
        }),
      ],
    });
  });
  afterAll(async () => f?.stop());

  const get = async (url: string) => f.app.inject({ method: 'GET', url });

  it('/api/events lists timeline entries with their reports, filtered and paginated', async () => {
    const all = (await get('/api/events')).json<{
      total: number;
      events: { id: string; type: string; reports: unknown[] }[];
    }>();
    expect(all.total).toBe(2);
    expect(all.events.map((e) => [e.type, e.reports.length])).toEqual([
      ['call', 1],
      ['meeting', 2],
    ]);
    const lavrov = (await get('/api/events?actor=lavrov&type=meeting&from=2017-04-01&to=2017-04-30&status=held')).json<{
      total: number;
    }>();
    expect(lavrov.total).toBe(1);
    const page = (await get('/api/events?limit=1&offset=1')).json<{
      total: number;
      limit: number;
      offset: number;
      events: { type: string }[];
    }>();
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.events.map((e) => e.type)).toEqual(['meeting']);
    const bySite = (await get('/api/events?site=tass.ru')).json<{ events: { type: string }[] }>();
    expect(bySite.events.map((e) => e.type)).toEqual(['meeting']);
  });

  it('/api/events/:id gives one entry with every report, and 404 for an unknown id', async () => {
    const { events } = (await get('/api/events?type=meeting')).json<{ events: { id: string }[] }>();
    const one = await get(`/api/events/${events[0]!.id}`);
    expect(one.statusCode).toBe(200);
    const entry = one.json<{ reports: { site: string; evidence: string }[] }>();
    expect(entry.reports.map((r) => r.site)).toEqual(['reuters.com', 'tass.ru']);
    expect((await get('/api/events/nope')).statusCode).toBe(404);
  });

  it('refuses a bad filter with a message that names it', async () => {
    const r = await get('/api/events?type=dinner');
    expect(r.statusCode).toBe(400);
    expect(r.json<{ error: string }>().error).toMatch(/^type must be one of meeting/);
    expect((await get('/api/events?from=April')).json<{ error: string }>().error).toMatch(/^from must be a date/);
  });

  it('/api/events.csv and /api/articles.csv export one row each, UTF-8, formula cells neutralised', async () => {
    const events = await get('/api/events.csv');
    expect(events.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const lines = events.body.split('\r\n');
    expect(lines[0]).toBe('id,date,type,status,us,ru,initiator,place,reports,sites,first_seen,evidence,url');
    expect(lines.filter(Boolean)).toHaveLength(3);
    expect(events.body).toContain(`"'=HYPERLINK(""http://evil.example"",""Trump and Putin will speak by phone"")"`);
    expect(events.body).toContain('"Tillerson met Lavrov in Moscow on Wednesday, a meeting both called ""frank""."');

    const articles = await get('/api/articles.csv?limit=10');
    const rows = articles.body.split('\r\n').filter(Boolean);
    expect(rows).toHaveLength(4);
    expect(articles.body).toContain('Тиллерсон и Лавров');
    expect(articles.body).toContain(",'-Trump to call Putin,");
    expect((await get('/api/articles.csv?limit=0')).statusCode).toBe(400);
  });
});

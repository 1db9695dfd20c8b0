import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiplomaticEvent } from '../../src/stages/events/types.js';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { openTestStore } from '../helpers/test-store.js';
import { article } from './article-factory.js';

function meeting(overrides: Partial<DiplomaticEvent> = {}): DiplomaticEvent {
  return {
    type: 'meeting',
    status: 'held',
    us: ['Rex Tillerson'],
    ru: ['Sergei Lavrov'],
    initiator: null,
    place: 'Moscow',
    date: '2017-04-12',
    evidence: 'Tillerson met Lavrov in Moscow on Wednesday.',
    ...overrides,
  };
}

/** Distinct texts, so the store keeps each article as its own story. */
const text = (n: number) =>
  `Report number ${n} on the talks. ${'Diplomats spoke at length about many subjects. '.repeat(n)}`;

describe.each(STORE_KINDS)('%s store: events timeline', (kind) => {
  let store: ArticleStore;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openTestStore(kind));
  });
  afterEach(() => close());

  const put = (id: string, events: DiplomaticEvent[], o: Parameters<typeof article>[1] = {}) =>
    store.upsertArticle(article(id, { text: text(id.length + Number(id.replace(/\D/g, '') || 0)), events, ...o }));

  it('merges reports of one meeting from two sites and languages into one entry with every report', async () => {
    await put('a1', [meeting({ date: '2017-04', place: null })], {
      site: 'reuters.com',
      storedAt: '2017-04-12T10:00:00.000Z',
    });
    await put('a2', [meeting({ us: ['United States'], evidence: 'Тиллерсон и Лавров провели переговоры в Москве.' })], {
      site: 'tass.ru',
      storedAt: '2017-04-12T11:00:00.000Z',
    });
    const { total, events } = await store.events.listEvents();
    expect(total).toBe(1);
    const [entry] = events;
    expect(entry).toMatchObject({
      type: 'meeting',
      status: 'held',
      us: ['Rex Tillerson'],
      ru: ['Sergei Lavrov'],
      place: 'Moscow',
      date: '2017-04-12',
    });
    expect(entry!.firstSeen).toBe('2017-04-12T10:00:00.000Z');
    expect(entry!.reports.map((r) => [r.articleId, r.site])).toEqual([
      ['a1', 'reuters.com'],
      ['a2', 'tass.ru'],
    ]);
    expect(entry!.reports[1]!.evidence).toContain('Лавров');
    expect((await store.events.getEvent(entry!.id))?.reports).toHaveLength(2);
    expect((await store.events.eventsOfArticle('a2')).map((e) => e.id)).toEqual([entry!.id]);
  });

  it('keeps meetings on different days or in different places apart', async () => {
    await put('b1', [meeting()]);
    await put('b2', [meeting({ date: '2017-04-20' })]);
    await put('b3', [meeting({ date: null, place: 'Geneva' })]);
    expect((await store.events.listEvents()).total).toBe(3);
  });

  it('does not merge undated state-only reports of different articles', async () => {
    const sanctions = (evidence: string): DiplomaticEvent => ({
      type: 'sanctions',
      status: 'held',
      us: ['United States'],
      ru: ['Russia'],
      initiator: 'us',
      place: null,
      date: null,
      evidence,
    });
    await put('c1', [sanctions('New U.S. sanctions hit Russian banks.')]);
    await put('c2', [sanctions('U.S. sanctions on Russian energy firms took effect.')]);
    expect((await store.events.listEvents()).total).toBe(2);
  });

  it('moves a planned meeting to held when a later report says it happened', async () => {
    await put('d1', [meeting({ status: 'planned', date: '2017-04', place: 'Moscow' })], {
      storedAt: '2017-04-07T00:00:00.000Z',
    });
    expect((await store.events.upcomingEvents('2017-04-07')).map((e) => e.status)).toEqual(['planned']);
    await put('d2', [meeting()], { storedAt: '2017-04-12T12:00:00.000Z' });
    const { events } = await store.events.listEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: 'held', date: '2017-04-12' });
    expect(await store.events.upcomingEvents('2017-04-07')).toEqual([]);
  });

  it('shows a planned meeting that is later called off as cancelled', async () => {
    await put('e1', [meeting({ status: 'planned', date: '2017-04-12' })]);
    await put('e2', [meeting({ status: 'cancelled', date: null, evidence: 'The Moscow talks were called off.' })]);
    const { events } = await store.events.listEvents();
    expect(events.map((e) => e.status)).toEqual(['cancelled']);
  });

  it('storing an article again changes nothing; a revision replaces its reports; a skipped article leaves the timeline', async () => {
    await put('f1', [meeting()], { storedAt: '2017-04-12T10:00:00.000Z' });
    await put('f1', [meeting()], { storedAt: '2017-04-13T10:00:00.000Z' });
    let page = await store.events.listEvents();
    expect(page.total).toBe(1);
    expect(page.events[0]!.reports.map((r) => r.firstSeen)).toEqual(['2017-04-12T10:00:00.000Z']);

    await put('f1', [meeting({ type: 'call', place: null })], {
      text: 'A revised text about a phone call between them.',
    });
    page = await store.events.listEvents();
    expect(page.events.map((e) => e.type)).toEqual(['call']);

    await store.recordSkipped({
      id: 'f1',
      url: 'https://example.org/f1',
      title: 't',
      relevance: 0.1,
      skippedAt: '2017-04-14T00:00:00.000Z',
    });
    expect((await store.events.listEvents()).total).toBe(0);
  });

  it('merges reports stored at the same moment exactly once', async () => {
    await Promise.all(['g1', 'g22', 'g333', 'g4444'].map((id) => put(id, [meeting()])));
    const { events } = await store.events.listEvents();
    expect(events).toHaveLength(1);
    expect(events[0]!.reports).toHaveLength(4);
  });

  it('filters the timeline and counts it for charts', async () => {
    await put('h1', [meeting()]);
    await put(
      'h2',
      [meeting({ type: 'call', us: ['Donald Trump'], ru: ['Vladimir Putin'], place: null, date: '2017-05-02' })],
      { site: 'tass.ru' },
    );
    await put('h3', [
      {
        type: 'sanctions',
        status: 'planned',
        us: ['US Congress'],
        ru: ['Russia'],
        initiator: 'us',
        place: null,
        date: '2017-07',
        evidence: 'x',
      },
    ]);
    const ids = async (q: Parameters<ArticleStore['events']['listEvents']>[0]) =>
      (await store.events.listEvents(q)).events.map((e) => e.type);
    expect(await ids({})).toEqual(['sanctions', 'call', 'meeting']);
    expect(await ids({ type: 'call' })).toEqual(['call']);
    expect(await ids({ actor: 'lavrov' })).toEqual(['meeting']);
    expect(await ids({ status: 'planned' })).toEqual(['sanctions']);
    expect(await ids({ from: '2017-05-01', to: '2017-06-30' })).toEqual(['call']);
    expect(await ids({ site: 'TASS.ru' })).toEqual(['call']);
    expect((await store.events.listEvents({ limit: 1, offset: 1 })).events.map((e) => e.type)).toEqual(['call']);
    expect((await store.events.listEvents({ limit: 1 })).total).toBe(3);

    expect((await store.events.timelineByMonth()).map((m) => [m.month, m.events.length])).toEqual([
      ['2017-07', 1],
      ['2017-05', 1],
      ['2017-04', 1],
    ]);
    expect(await store.events.eventsPerMonth()).toEqual([
      { month: '2017-04', type: 'meeting', count: 1 },
      { month: '2017-05', type: 'call', count: 1 },
      { month: '2017-07', type: 'sanctions', count: 1 },
    ]);
    await put('h4', [meeting({ date: '2017-08-01', place: 'Manila' })]);
    expect(await store.events.topPairs()).toEqual([
      { us: 'Rex Tillerson', ru: 'Sergei Lavrov', count: 2 },
      { us: 'Donald Trump', ru: 'Vladimir Putin', count: 1 },
    ]);
  });

  it('says which entries storing an article created or moved to a new status, and none for a repeat', async () => {
    const first = await put('w1', [meeting({ status: 'planned' })]);
    const [entry] = (await store.events.listEvents()).events;
    expect(first.events).toEqual([{ eventId: entry!.id, status: 'planned', created: true }]);
    expect((await put('w2', [meeting({ status: 'planned' })])).events).toBeUndefined();
    expect((await put('w3', [meeting()])).events).toEqual([{ eventId: entry!.id, status: 'held', created: false }]);
    expect((await put('w3', [meeting()])).events).toBeUndefined();
    expect((await put('w4', [meeting()])).events).toBeUndefined();
    const [batched] = await store.upsertArticles([
      article('w5', { text: text(50), events: [meeting({ type: 'call', place: null, status: 'cancelled' })] }),
    ]);
    expect(batched!.events).toEqual([
      { eventId: expect.not.stringMatching(entry!.id) as unknown, status: 'cancelled', created: true },
    ]);
  });
});

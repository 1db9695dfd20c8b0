import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArticleQuery, InvalidQueryError } from '../../src/stages/store/article-query.js';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { SOURCE_KINDS } from '../../src/shared/contracts.js';
import { KIND_DAYS_SQL } from '../../src/stages/store/chart-queries.js';
import { openStore } from '../../src/stages/store/open-store.js';
import { PostgresClient } from '../../src/stages/store/postgres-client.js';
import type { SqlValue } from '../../src/stages/store/sql-client.js';
import { SqliteClient } from '../../src/stages/store/sqlite-client.js';
import { STORE_KINDS, testStoreUrl, type StoreKind } from '../helpers/test-services.js';
import { openTestStore } from '../helpers/test-store.js';
import { article } from './article-factory.js';

const ids = (list: { id: string }[]) => list.map((a) => a.id).sort();

describe.each(STORE_KINDS)('%s store: --kind / ?kind=', (kind) => {
  let store: ArticleStore;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openTestStore(kind));
    await store.upsertArticles([
      article('off1', { sourceKind: 'official', text: 'The Secretary of State met Foreign Minister Lavrov.' }),
      article('wire1', {
        sourceKind: 'wire',
        text: 'Lavrov and the Secretary of State met in Geneva, officials said.',
      }),
      article('sm1', {
        sourceKind: 'state media',
        text: 'Lavrov told reporters the talks with Washington were useful.',
      }),
      article('none1', { text: 'An enqueued article about Lavrov with no source kind.' }),
    ]);
  });
  afterEach(() => close());

  it('stores the kind of source with each article and lists only the kind asked for', async () => {
    expect(ids((await store.searchArticles(parseArticleQuery({ kind: 'official' }))).articles)).toEqual(['off1']);
    expect(ids((await store.searchArticles(parseArticleQuery({ kind: 'State Media' }))).articles)).toEqual(['sm1']);
    const all = (await store.searchArticles(parseArticleQuery({}))).articles;
    expect(Object.fromEntries(all.map((a) => [a.id, a.sourceKind]))).toEqual({
      off1: 'official',
      wire1: 'wire',
      sm1: 'state media',
      none1: null,
    });
  });
});

describe('the kind filter as typed', () => {
  it('refuses a kind that is not one of the four, naming the parameter and the valid ones', () => {
    expect(() => parseArticleQuery({ kind: 'blog' })).toThrow(InvalidQueryError);
    expect(() => parseArticleQuery({ kind: 'blog' })).toThrow(/kind must be one of official, wire, state media, press/);
  });
});

/** Distinct texts, so no two of these articles are taken for one story told twice. */
const TEXTS = [
  'The Secretary of State called Foreign Minister Lavrov about the prisoner exchange.',
  'Moscow and Washington agreed to resume consular talks in Istanbul next month.',
  'The Kremlin said President Putin had no plans to meet the US envoy this week.',
  'Senators pressed the White House on new sanctions against Russian banks.',
  'Ryabkov told TASS that strategic stability talks remained frozen for now.',
  'The embassy in Moscow reduced visa services after the expulsion of diplomats.',
  'Arms control experts in Geneva debated the fate of the New START treaty.',
];

describe.each(STORE_KINDS)('%s store: articles per week by kind of source', (storeKind) => {
  let store: ArticleStore;
  let t: ReturnType<typeof testStoreUrl>;

  beforeEach(async () => {
    t = testStoreUrl(storeKind);
    store = await openStore(t.url);
    const at = (day: string) => `${day}T09:00:00.000Z`;
    await store.upsertArticles([
      // Week of Monday 2026-11-02: two official, one with no kind.
      article('k1', { sourceKind: 'official', published: at('2026-11-02'), text: TEXTS[0]! }),
      article('k2', { sourceKind: 'official', published: at('2026-11-08'), text: TEXTS[1]! }),
      article('k3', { published: at('2026-11-05'), text: TEXTS[2]! }),
      // Week of 2026-11-09 (Sunday the 15th still belongs to it): wire and state media.
      article('k4', { sourceKind: 'wire', published: at('2026-11-15'), text: TEXTS[3]! }),
      article('k5', { sourceKind: 'state media', published: at('2026-11-09'), text: TEXTS[4]! }),
      // Week of 2026-11-16: press; and one older than the four weeks asked for.
      article('k6', { sourceKind: 'press', published: at('2026-11-17'), text: TEXTS[5]! }),
      article('k7', { sourceKind: 'official', published: at('2026-10-01'), text: TEXTS[6]! }),
    ]);
  });
  afterEach(async () => {
    await store.close();
    await t.drop();
  });

  it('counts each article once in its week under its kind, none given apart, in the window only', async () => {
    const { weeks, counts } = await store.charts.articlesPerWeekByKind(4, '2026-11-20');
    expect(weeks).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16']);
    expect(counts).toEqual([
      { week: '2026-11-02', kind: null, count: 1 },
      { week: '2026-11-02', kind: 'official', count: 2 },
      { week: '2026-11-09', kind: 'state media', count: 1 },
      { week: '2026-11-09', kind: 'wire', count: 1 },
      { week: '2026-11-16', kind: 'press', count: 1 },
    ]);
  });

  it('reads the counts through an index bounded by the window, never the whole table', async () => {
    const params = ['2026-10-26', '2026-11-23', ...SOURCE_KINDS];
    const plan = await queryPlan(storeKind, t.url, KIND_DAYS_SQL, params);
    if (storeKind === 'sqlite') {
      // Both halves read the (source_kind, sort_at) index alone, seeking each kind's window.
      expect(
        plan.match(
          /SEARCH articles USING COVERING INDEX articles_source_kind \(source_kind=\? AND sort_at>\? AND sort_at<\?\)/g,
        ),
      ).toHaveLength(2);
    } else {
      // The planner picks either index by its statistics; each half seeks the window in one.
      expect(plan.match(/Index (Only )?Scan using articles_(source_kind|sort_at)/g)).toHaveLength(2);
      expect(plan.match(/Index Cond: .*sort_at >= /g)).toHaveLength(2);
    }
    expect(plan).not.toMatch(/Seq Scan|SCAN articles\b/);
  });

  it('says so when nothing is stored', async () => {
    const empty = testStoreUrl(storeKind);
    const s = await openStore(empty.url);
    try {
      expect(await s.charts.articlesPerWeekByKind(4, '2026-11-20')).toEqual({ weeks: [], counts: [] });
    } finally {
      await s.close();
      await empty.drop();
    }
  });
});

/**
 * The plan the database picks for `sql`. On PostgreSQL sequential scans are priced out first: a
 * table of seven rows is read whole whatever the indexes, so the question is whether an index can
 * serve the query at all.
 */
async function queryPlan(kind: StoreKind, url: string, sql: string, params: SqlValue[]): Promise<string> {
  if (kind === 'sqlite') {
    const client = new SqliteClient(url.slice('sqlite:'.length));
    try {
      const rows = await client.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params);
      return rows.map((r) => r.detail).join('\n');
    } finally {
      await client.close();
    }
  }
  const client = new PostgresClient(url);
  try {
    return await client.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      await tx.query('SET LOCAL enable_bitmapscan = off');
      const rows = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
  } finally {
    await client.close();
  }
}

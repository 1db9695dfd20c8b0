import { afterEach, describe, expect, it } from 'vitest';
import type { StoredArticle } from '../../src/stages/store/article-store.js';
import { MIGRATIONS, migrate } from '../../src/stages/store/migrations.js';
import { openStore } from '../../src/stages/store/open-store.js';
import { PostgresClient } from '../../src/stages/store/postgres-client.js';
import { SqliteClient } from '../../src/stages/store/sqlite-client.js';
import { STORE_KINDS, testStoreUrl, type StoreKind } from '../helpers/test-services.js';
import { article } from './article-factory.js';

/** One article a day of March 2026, each its own story (distinct words, so no two are copies). */
const on = (id: string, day: string, topics: string[], text = `${id} report`): StoredArticle =>
  article(id, {
    published: `2026-03-${day}T09:00:00.000Z`,
    topics,
    text: `${text}: the ${id} talks on ${topics.join(' and ')} went on in room ${id.length * 7}.`,
  });

const client = (kind: StoreKind, url: string) =>
  kind === 'sqlite' ? new SqliteClient(url.slice('sqlite:'.length)) : new PostgresClient(url);

describe.each(STORE_KINDS)('%s store: articles per week by topic, counted as they are written', (kind) => {
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => drop?.());

  it('counts each topic in its week after revisions that move an article or change its topics, and skips', async () => {
    const t = testStoreUrl(kind);
    drop = t.drop;
    const store = await openStore(t.url);
    try {
      // Week of Monday 2 March, then of Monday 9 March.
      await store.upsertArticles([on('a1', '02', ['syria', 'meeting']), on('a2', '04', ['syria'])]);
      await store.upsertArticle(on('a3', '10', ['meeting']));
      await store.upsertArticle(on('a4', '11', ['iran']));
      await store.upsertArticle(on('a5', '03', ['syria']));
      // a5 is revised: a new date in the next week and one more topic.
      await store.upsertArticle(on('a5', '12', ['iran', 'syria'], 'a5 revised'));
      // a2 is revised in place: its topic changes, its day does not.
      await store.upsertArticle(on('a2', '04', ['energy'], 'a2 revised'));
      // a4 is judged irrelevant after all: it leaves the store.
      await store.recordSkipped({
        id: 'a4',
        url: 'https://example.org/a4',
        title: 'a4',
        relevance: 0.1,
        skippedAt: '2026-03-13T00:00:00.000Z',
      });

      expect(await store.charts.articlesPerWeek(2, '2026-03-20')).toEqual({
        weeks: ['2026-03-02', '2026-03-09'],
        counts: [
          { week: '2026-03-02', topic: 'energy', count: 1 },
          { week: '2026-03-02', topic: 'meeting', count: 1 },
          { week: '2026-03-02', topic: 'syria', count: 1 },
          { week: '2026-03-09', topic: 'iran', count: 1 },
          { week: '2026-03-09', topic: 'meeting', count: 1 },
          { week: '2026-03-09', topic: 'syria', count: 1 },
        ],
      });
    } finally {
      await store.close();
    }
  });

  it('counts every article of a batch, when several share a day and topic and others arrive at once', async () => {
    const t = testStoreUrl(kind);
    drop = t.drop;
    const store = await openStore(t.url);
    try {
      // One batch with three syria articles on one day (one statement adds their topic rows), and
      // single writes and a skip arriving at the same moment, which the store commits together.
      await Promise.all([
        store.upsertArticles([
          on('c1', '02', ['syria', 'iran']),
          on('c2', '02', ['syria']),
          on('c3', '03', ['syria', 'iran']),
          on('c4', '10', ['meeting']),
        ]),
        ...['c5', 'c6', 'c7'].map((id) => store.upsertArticle(on(id, '04', ['syria']))),
        store.upsertArticle(on('c8', '11', ['meeting'])),
      ]);
      await store.recordSkipped({
        id: 'c2',
        url: 'https://example.org/c2',
        title: 'c2',
        relevance: 0.1,
        skippedAt: '2026-03-13T00:00:00.000Z',
      });

      expect((await store.charts.articlesPerWeek(2, '2026-03-20')).counts).toEqual([
        { week: '2026-03-02', topic: 'iran', count: 2 },
        { week: '2026-03-02', topic: 'syria', count: 5 },
        { week: '2026-03-09', topic: 'meeting', count: 2 },
      ]);
    } finally {
      await store.close();
    }
  });

  it('counts the articles a store held before it was upgraded', async () => {
    const t = testStoreUrl(kind);
    drop = t.drop;
    const db = client(kind, t.url);
    // The store as it was before the topic day counts' migration.
    const before = MIGRATIONS.findIndex((m) => m.description.startsWith('topic day counts:'));
    expect(before).toBeGreaterThan(0);
    await migrate(db, before);
    // Rows as that schema held them (today's store code writes columns it did not have yet).
    for (const a of [on('b1', '02', ['syria', 'meeting']), on('b2', '09', ['syria'])]) {
      await db.query(
        `INSERT INTO articles (id, url, canonical_url, title, body, relevance, evidence, origin, stored_at, sort_at)
         VALUES ($1, $2, $2, $3, $4, 0.9, '{}', 'enqueue', $5, $6)`,
        [a.id, a.url, a.title, a.text, a.storedAt, a.published],
      );
      for (const topic of a.topics)
        await db.query('INSERT INTO article_topics (article_id, topic) VALUES ($1, $2)', [a.id, topic]);
    }
    await db.close();

    const store = await openStore(t.url);
    try {
      expect((await store.charts.articlesPerWeek(2, '2026-03-20')).counts).toEqual([
        { week: '2026-03-02', topic: 'meeting', count: 1 },
        { week: '2026-03-02', topic: 'syria', count: 1 },
        { week: '2026-03-09', topic: 'syria', count: 1 },
      ]);
    } finally {
      await store.close();
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { openStore } from '../../src/stages/store/open-store.js';
import { PostgresClient } from '../../src/stages/store/postgres-client.js';
import { SqliteClient } from '../../src/stages/store/sqlite-client.js';
import { STORE_KINDS, testStoreUrl } from '../helpers/test-services.js';
import { article } from './article-factory.js';
import { storyIds, storyText, syndicatedCopy } from './story-pairs.js';

const WIRE = storyText('isot-true-2528');

describe.each(STORE_KINDS)('%s store: writes that arrive together', (kind) => {
  let store: ArticleStore;
  let url: string;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    const t = testStoreUrl(kind);
    drop = t.drop;
    url = t.url;
    store = await openStore(url);
  });
  afterEach(async () => {
    await store.close();
    await drop();
  });

  it('stores each of many articles written at once exactly once', async () => {
    const texts = storyIds().slice(0, 12).map(storyText);
    const batch = Array.from({ length: 150 }, (_, i) =>
      article(`a${i}`, { text: `${texts[i % texts.length]!}\n\nItem ${i}.`, topics: ['syria'] }),
    );
    const outcomes = await Promise.all([...batch, ...batch.slice(0, 30)].map((a) => store.upsertArticle(a)));
    // The same texts recur, so some are copies; each id is one row or one copy, never two.
    const stats = await store.stats();
    expect(stats.copies).toBe(150);
    expect(outcomes.slice(150).every((o) => o.kind === 'unchanged' || o.kind === 'copy')).toBe(true);
    const stories = outcomes.slice(0, 150).filter((o) => o.kind === 'new').length;
    expect(stats.stored).toBe(stories);
    expect(stats.topics).toEqual([{ topic: 'syria', count: stories }]);
  });

  it('a copy written in the same moment as its story joins that story', async () => {
    const [first, copy] = await Promise.all([
      store.upsertArticle(article('wire', { text: WIRE })),
      store.upsertArticle(article('copy', { text: syndicatedCopy(WIRE) })),
    ]);
    expect(first).toEqual({ kind: 'new', storyId: 'wire' });
    expect(copy).toEqual({ kind: 'copy', storyId: 'wire' });
    expect((await store.getArticle('copy'))?.copies.map((c) => c.id).sort()).toEqual(['copy', 'wire']);
  });

  // Two SQLite connections in one process would block each other's event loop (the driver waits
  // for a lock synchronously); processes on one SQLite file are serialised by its write lock.
  it.skipIf(kind === 'sqlite')('copies written at once by two processes still make one story', async () => {
    const other = await openStore(url);
    try {
      const outcomes = await Promise.all([
        store.upsertArticle(article('p1', { text: WIRE })),
        other.upsertArticle(article('p2', { text: syndicatedCopy(WIRE) })),
        store.upsertArticle(article('p3', { text: syndicatedCopy(WIRE, 1) })),
        other.upsertArticle(article('p4', { text: syndicatedCopy(WIRE, 0.9) })),
      ]);
      expect(outcomes.filter((o) => o.kind === 'new')).toHaveLength(1);
      expect(await store.countArticles()).toEqual({ stored: 1, skipped: 0 });
    } finally {
      await other.close();
    }
  });

  it.skipIf(kind === 'sqlite')(
    'keeps each article once when two store workers write the same batches at once',
    async () => {
      const other = await openStore(url);
      try {
        const texts = storyIds().slice(0, 8).map(storyText);
        const batch = Array.from({ length: 80 }, (_, i) =>
          article(`w${i}`, { text: `${texts[i % texts.length]!}\n\nItem ${i}.` }),
        );
        // Both workers get every article (a redelivery racing the first delivery), each many at once.
        const outcomes = await Promise.all([
          ...batch.map((a) => store.upsertArticle(a)),
          ...[...batch].reverse().map((a) => other.upsertArticle(a)),
        ]);
        const stats = await store.stats();
        expect(stats.copies).toBe(80);
        const created = outcomes.filter((o) => o.kind === 'new').map((o) => o.storyId);
        expect(new Set(created).size).toBe(created.length);
        expect(stats.stored).toBe(created.length);
        // Copies of one text share one story, whichever worker wrote them.
        for (let t = 0; t < texts.length; t++) {
          const stories = new Set(
            await Promise.all(
              batch.filter((_, i) => i % texts.length === t).map(async (a) => (await store.getArticle(a.id))?.id),
            ),
          );
          expect(stories.size).toBe(1);
        }
      } finally {
        await other.close();
      }
    },
  );

  // Two processes' batches of one day and topic, copies and revisions among them: each batch writes
  // its new articles before it waits for the story lock; copies lose those rows again under it, and
  // revisions rewrite their topics (and the day's count) under it.
  it.skipIf(kind === 'sqlite')(
    'stories, copies and revisions of one day and topic written at once by two processes are all kept and counted once',
    async () => {
      const other = await openStore(url);
      try {
        const texts = storyIds().slice(0, 12).map(storyText);
        const day = { topics: ['syria'], published: '2026-03-18T10:00:00.000Z' };
        const earlier = texts.slice(0, 4).map((t, i) => article(`r${i}`, { ...day, text: t }));
        await store.upsertArticles(earlier);
        const batch = (prefix: string) =>
          Array.from({ length: 90 }, (_, i) => {
            const text = texts[4 + (i % 8)]!;
            return article(`${prefix}${i}`, {
              ...day,
              text: i % 3 === 0 ? syndicatedCopy(text) : `${text}\n\n${prefix} ${i}.`,
            });
          });
        const revised = earlier.map((a) => ({ ...a, text: `${a.text}\n\nUpdated.` }));
        const outcomes = await Promise.all([
          ...batch('a').map((a) => store.upsertArticle(a)),
          ...revised.map((a) => store.upsertArticle(a)),
          ...batch('b').map((a) => other.upsertArticle(a)),
          // Revisions alone in one transaction: it takes the lock having written nothing before it.
          ...Array.from({ length: 4 }, (_, k) =>
            other.upsertArticles(revised.map((a) => ({ ...a, text: `${a.text} Again ${k}.` }))),
          ),
        ]);
        expect(outcomes.flat().filter((o) => o.kind === 'revised').length).toBeGreaterThanOrEqual(4);
        const stories = 4 + outcomes.flat().filter((o) => o.kind === 'new').length;
        const stats = await store.stats();
        expect(stats.copies).toBe(184);
        expect(stats.stored).toBe(stories);
        expect(stats.topics).toEqual([{ topic: 'syria', count: stories }]);
        expect((await store.charts.articlesPerWeek(1, '2026-03-20')).counts).toEqual([
          { week: '2026-03-16', topic: 'syria', count: stories },
        ]);
      } finally {
        await other.close();
      }
    },
  );

  it('an article that cannot be written fails alone; the ones written with it are kept', async () => {
    const bad = article('bad', { title: null as unknown as string, text: storyText('seed-004') });
    const results = await Promise.allSettled([
      store.upsertArticle(article('good1', { text: WIRE })),
      store.upsertArticle(bad),
      store.upsertArticle(article('good2', { text: storyText('isot-true-16594') })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.status('good1')).toBe('stored');
    expect(await store.status('good2')).toBe('stored');
    expect(await store.status('bad')).toBeNull();
  });

  it('a store and a skip of one article written together end as the later one says', async () => {
    await Promise.all([
      store.upsertArticle(article('x', { text: WIRE })),
      store.recordSkipped({
        id: 'x',
        url: 'https://example.org/x',
        title: 'x',
        relevance: 0.1,
        skippedAt: '2026-01-02T00:00:00.000Z',
      }),
      store.recordSkipped({
        id: 'y',
        url: 'https://example.org/y',
        title: 'y',
        relevance: 0.1,
        skippedAt: '2026-01-02T00:00:00.000Z',
      }),
      store.upsertArticle(article('y', { text: storyText('seed-004') })),
    ]);
    expect(await store.status('x')).toBe('skipped');
    expect(await store.status('y')).toBe('stored');
  });

  it('a story judged not relevant leaves with its band keys; a later copy of it is a new story', async () => {
    await store.upsertArticles([article('gone', { text: WIRE }), article('kept', { text: storyText('seed-004') })]);
    await store.recordSkipped({
      id: 'gone',
      url: 'https://example.org/gone',
      title: 'gone',
      relevance: 0.1,
      skippedAt: '2026-01-02T00:00:00.000Z',
    });
    const db = kind === 'sqlite' ? new SqliteClient(url.slice('sqlite:'.length)) : new PostgresClient(url);
    try {
      const bands = await db.query<{ article_id: string }>('SELECT DISTINCT article_id FROM story_bands');
      expect(bands.map((b) => b.article_id)).toEqual(['kept']);
    } finally {
      await db.close();
    }
    expect(await store.upsertArticle(article('late', { text: syndicatedCopy(WIRE) }))).toEqual({
      kind: 'new',
      storyId: 'late',
    });
  });
});

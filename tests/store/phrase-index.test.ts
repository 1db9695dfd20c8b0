/**
 * A "quoted phrase" finds the articles holding its words in that order, on both stores, and its
 * total counts them. On PostgreSQL an index of adjacent word pairs, made after each write commits,
 * narrows the search (phrase-index.ts): an article must be found by its phrase whether its pairs
 * are made yet or not, and by its new words once its text changes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SqlArticleStore } from '../../src/stages/store/sql-article-store.js';
import { articleRow, writtenColumns } from '../../src/stages/store/article-row.js';
import { DIALECTS } from '../../src/stages/store/dialect.js';
import { openStore, storeClient } from '../../src/stages/store/open-store.js';
import { PHRASE_INDEX_SCHEMA } from '../../src/stages/store/phrase-index.js';
import { insertRows } from '../../src/stages/store/row-insert.js';
import { STORE_KINDS, testStoreUrl } from '../helpers/test-services.js';
import { openOlderStore, openTestStore, type TestStore } from '../helpers/test-store.js';
import { article } from './article-factory.js';

const TEXTS: Record<string, string> = {
  together: 'The foreign minister told officials in Moscow that talks on arms control would resume next month.',
  apart: 'Officials said the minister was told nothing about the foreign visit before it happened in Geneva.',
  reversed: 'Reporters asked officials told by Washington to leave whether sanctions on exports would follow.',
  stopword: 'The secretary of state arrived in Helsinki for a summit with his counterpart on Tuesday evening.',
};
const ARTICLES = Object.entries(TEXTS).map(([id, text]) => article(id, { text, title: `Report ${id}` }));

const ids = (list: { id: string }[]) => list.map((a) => a.id).sort();
const indexed = (t: TestStore) => (t.store as SqlArticleStore).phrasesIndexed();

describe.each(STORE_KINDS)('%s store: phrase search', (kind) => {
  let t: TestStore | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function found(q: string) {
    const page = await t!.store.searchArticles({ q });
    return { total: page.total, ids: ids(page.articles) };
  }

  it('finds a phrase only where its words stand in that order, and counts what it finds', async () => {
    t = await openTestStore(kind);
    await t.store.upsertArticles(ARTICLES);
    await indexed(t);
    expect(await found('"told officials"')).toEqual({ total: 1, ids: ['together'] });
    expect(await found('"officials told"')).toEqual({ total: 1, ids: ['reversed'] });
    expect(await found('"foreign minister told"')).toEqual({ total: 1, ids: ['together'] });
    expect(await found('"minister told nothing"')).toEqual({ total: 0, ids: [] });
    // Across a left-out stopword: no pair of adjacent terms to look up, the words' own index serves.
    expect(await found('"secretary of state"')).toEqual({ total: 1, ids: ['stopword'] });
    expect(await found('"told officials" moscow')).toEqual({ total: 1, ids: ['together'] });
    expect(await found('"told officials" geneva')).toEqual({ total: 0, ids: [] });
  });

  it('finds an article by its new phrase, not its old one, once its text changes', async () => {
    t = await openTestStore(kind);
    await t.store.upsertArticles(ARTICLES);
    await indexed(t);
    await t.store.upsertArticle(
      article('together', {
        title: 'Report together',
        text: 'Diplomats expelled from Washington flew home on Friday.',
      }),
    );
    expect(await found('"told officials"')).toEqual({ total: 0, ids: [] });
    expect(await found('"diplomats expelled"')).toEqual({ total: 1, ids: ['together'] });
    await indexed(t);
    expect(await found('"told officials"')).toEqual({ total: 0, ids: [] });
    expect(await found('"diplomats expelled"')).toEqual({ total: 1, ids: ['together'] });
  });

  it('finds articles stored before the phrase index, once the store is brought forward', async () => {
    const older = await openOlderStore(kind, 'PostgreSQL: an index of adjacent word pairs');
    // Written as the older store wrote them: the rows are in, no pairs were made for them.
    await insertRows(
      older.db,
      'articles',
      writtenColumns(DIALECTS[kind]),
      ARTICLES.map((a) => articleRow(a, null, DIALECTS[kind])),
    );
    t = await older.bringForward();
    await indexed(t);
    expect(await found('"told officials"')).toEqual({ total: 1, ids: ['together'] });
    if (kind === 'postgres') {
      const db = storeClient(t.url);
      const counts = async () => {
        const [row] = await db.query<{ pending: string; made: string }>(
          'SELECT (SELECT COUNT(*) FROM phrase_pending) AS pending, (SELECT COUNT(*) FROM article_phrases) AS made',
        );
        return { pending: Number(row!.pending), made: Number(row!.made) };
      };
      expect(await counts()).toEqual({ pending: 0, made: ARTICLES.length });
      // Pairs not made yet (as between a write's commit and its drain): the phrase is still found.
      await db.query('DELETE FROM article_phrases');
      await db.query('INSERT INTO phrase_pending (article_id) SELECT id FROM articles');
      expect(await found('"told officials"')).toEqual({ total: 1, ids: ['together'] });
      expect(await found('"officials told" exports')).toEqual({ total: 1, ids: ['reversed'] });
      await indexed(t);
      expect(await counts()).toEqual({ pending: 0, made: ARTICLES.length });
      await db.close();
    }
  });
});

describe('postgres store: phrase index', () => {
  it('reports a drain that fails, keeps its articles pending and found, and makes their pairs once it can', async () => {
    const { url, drop } = testStoreUrl('postgres');
    const failures: string[] = [];
    const store = await openStore(url, (err) => failures.push((err as Error).message));
    const db = storeClient(url);
    try {
      await db.query('DROP FUNCTION phrase_pairs(tsvector, bigint)');
      await store.upsertArticles(ARTICLES);
      await (store as SqlArticleStore).phrasesIndexed();
      expect(failures.join()).toMatch(/phrase_pairs/);
      const page = await store.searchArticles({ q: '"told officials"' });
      expect({ total: page.total, ids: ids(page.articles) }).toEqual({ total: 1, ids: ['together'] });
      await db.query(PHRASE_INDEX_SCHEMA.find((s) => s.includes('FUNCTION phrase_pairs('))!);
      await (store as SqlArticleStore).phrasesIndexed();
      const [row] = await db.query<{ pending: string; made: string }>(
        'SELECT (SELECT COUNT(*) FROM phrase_pending) AS pending, (SELECT COUNT(*) FROM article_phrases) AS made',
      );
      expect({ pending: Number(row!.pending), made: Number(row!.made) }).toEqual({ pending: 0, made: ARTICLES.length });
    } finally {
      await db.close();
      await store.close();
      await drop();
    }
  });
});

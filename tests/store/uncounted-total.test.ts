/**
 * A word in most of a store's articles: its total is "more than EXACT_TOTAL_UP_TO" (PostgreSQL takes
 * it from the planner's statistics past UNCOUNTED_ESTIMATE, SQLite counts), while a phrase of those
 * words or the same word under another filter is still counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { EXACT_TOTAL_UP_TO, UNCOUNTED_ESTIMATE } from '../../src/stages/store/dialect.js';
import { openStore } from '../../src/stages/store/open-store.js';
import { PostgresClient } from '../../src/stages/store/postgres-client.js';
import { searchVector, titleVector } from '../../src/stages/store/search-terms.js';
import type { SqlClient } from '../../src/stages/store/sql-client.js';
import { SqliteClient } from '../../src/stages/store/sqlite-client.js';
import { STORE_KINDS, testStoreUrl } from '../helpers/test-services.js';

/** More articles than the estimate past which PostgreSQL stops counting. */
const N = UNCOUNTED_ESTIMATE + 10_000;
const TITLE = 'Report';
const BODY = 'The pipeline was discussed.';

/** N articles written by the database itself (one statement), each titled TITLE with text BODY. */
async function fill(db: SqlClient): Promise<void> {
  const columns = `id, url, canonical_url, title, body, relevance, evidence, origin, stored_at, sort_at`;
  const row = `'u' || n, 'https://example.org/' || n, 'https://example.org/' || n, $1, $2, 0.9, '{}', 'enqueue',
    '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'`;
  if (db.dialect === 'postgres') {
    await db.query(
      `INSERT INTO articles (${columns}, search, title_search)
       SELECT ${row}, $3::tsvector, $4::tsvector FROM generate_series(1, ${N}) n`,
      [TITLE, BODY, searchVector(TITLE, BODY), titleVector(TITLE)],
    );
    await db.query('ANALYZE articles');
  } else {
    await db.query(
      `WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < ${N})
       INSERT INTO articles (${columns}) SELECT ${row} FROM g`,
      [TITLE, BODY],
    );
  }
}

describe.each(STORE_KINDS)('%s store: a word in most articles', (kind) => {
  let store: ArticleStore;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const t = testStoreUrl(kind);
    drop = t.drop;
    store = await openStore(t.url);
    const db = kind === 'postgres' ? new PostgresClient(t.url) : new SqliteClient(t.url.slice('sqlite:'.length));
    await fill(db);
    await db.close();
  }, 180_000);
  afterAll(async () => {
    await store?.close();
    await drop?.();
  });

  it('says "more than" the cap for the word, and lists a page of it', async () => {
    const page = await store.searchArticles({ q: 'pipeline', limit: 5 });
    expect({ total: page.total, lowerBound: page.totalIsLowerBound, listed: page.articles.length }).toEqual({
      total: EXACT_TOTAL_UP_TO,
      lowerBound: true,
      listed: 5,
    });
  });

  it('still counts the word under a filter no article passes, and a phrase no article holds', async () => {
    for (const query of [
      { q: 'pipeline', topic: 'energy' },
      { q: '"pipeline report"' },
      { q: 'pipeline discussed', site: 'nowhere.example' },
    ]) {
      const page = await store.searchArticles(query);
      expect({ total: page.total, lowerBound: page.totalIsLowerBound ?? false }).toEqual({
        total: 0,
        lowerBound: false,
      });
    }
  });
});

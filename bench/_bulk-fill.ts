/**
 * Fills a store fast for the search benchmark: SQLite in one transaction of prepared inserts,
 * PostgreSQL with one multi-row INSERT … SELECT FROM unnest(arrays) per batch. It writes what
 * searching and listing read (articles, their copies, topics, entities) and skips story
 * fingerprints: synthetic articles are all different stories, and the store's own write path,
 * fingerprints included, is timed separately.
 */
import { performance } from 'node:perf_hooks';
import { articleRow, writtenColumns } from '../src/stages/store/article-row.js';
import type { StoredArticle } from '../src/stages/store/article-store.js';
import { DIALECTS, type SqlDialect } from '../src/stages/store/dialect.js';
import type { SqlClient, SqlValue } from '../src/stages/store/sql-client.js';
import { syntheticArticles } from './_synthetic-articles.js';

/** Articles generated and written per batch: bounded memory, few round trips. */
const BATCH = 5_000;

function columns(articles: StoredArticle[], d: SqlDialect) {
  const rows = articles.map((a) => articleRow(a, null, d));
  const copies = articles.map((a) => [a.id, a.id, a.url, a.site, a.storedAt]);
  const topics = articles.flatMap((a) => [...new Set(a.topics)].map((t) => [a.id, t]));
  const entities = articles.flatMap((a) => a.entities.map((e) => [a.id, e.name, e.type, e.mentions]));
  return { rows, copies, topics, entities };
}

const TABLES = {
  articles: { cols: [], pgTypes: [] }, // writtenColumns(d): see tableColumns
  article_copies: {
    cols: ['id', 'article_id', 'url', 'site', 'seen_at'],
    pgTypes: ['text', 'text', 'text', 'text', 'text'],
  },
  article_topics: { cols: ['article_id', 'topic'], pgTypes: ['text', 'text'] },
  article_entities: { cols: ['article_id', 'name', 'type', 'mentions'], pgTypes: ['text', 'text', 'text', 'int4'] },
} as const;

type Table = keyof typeof TABLES;

/** The articles table's columns are the dialect's (PostgreSQL's search columns take tsvector literals). */
function tableColumns(table: Table, d: SqlDialect): { cols: string[]; pgTypes: string[] } {
  const { cols, pgTypes } = TABLES[table];
  if (table !== 'articles') return { cols: [...cols], pgTypes: [...pgTypes] };
  const written = writtenColumns(d);
  const type = (c: string) => (c === 'relevance' ? 'float8' : d.searchColumns.includes(c) ? 'tsvector' : 'text');
  return { cols: written, pgTypes: written.map(type) };
}

async function insertSqlite(tx: SqlClient, table: Table, rows: SqlValue[][]): Promise<void> {
  const { cols } = tableColumns(table, DIALECTS.sqlite);
  const sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`;
  for (const row of rows) await tx.query(sql, row);
}

async function insertPostgres(tx: SqlClient, table: Table, rows: SqlValue[][]): Promise<void> {
  if (rows.length === 0) return;
  const { cols, pgTypes } = tableColumns(table, DIALECTS.postgres);
  const arrays = cols.map((_, i) => rows.map((r) => r[i] ?? null));
  const unnest = pgTypes.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
  await tx.query(
    `INSERT INTO ${table} (${cols.join(', ')}) SELECT * FROM unnest(${unnest})`,
    arrays as unknown as SqlValue[],
  );
}

/** Writes n synthetic articles; shows progress on a terminal. Returns the seconds it took. */
export async function bulkFill(db: SqlClient, n: number, idPrefix = 'b'): Promise<number> {
  // Connected before the first batch is generated: generating holds the event loop for seconds,
  // long enough for a connection attempt waiting on it to time out.
  await db.query('SELECT 1');
  const started = performance.now();
  const insert = db.dialect === 'sqlite' ? insertSqlite : insertPostgres;
  const writeAll = async (tx: SqlClient) => {
    for (let done = 0; done < n; done += BATCH) {
      const c = columns(
        syntheticArticles(Math.min(BATCH, n - done), 1_000 + done, `${idPrefix}${(done / BATCH).toString(36)}x`),
        DIALECTS[db.dialect],
      );
      await insert(tx, 'articles', c.rows);
      await insert(tx, 'article_copies', c.copies);
      await insert(tx, 'article_topics', c.topics);
      await insert(tx, 'article_entities', c.entities);
      if (process.stderr.isTTY) {
        const s = (performance.now() - started) / 1000;
        const written = done + c.rows.length;
        process.stderr.write(
          `\r  filling ${db.dialect}: ${written.toLocaleString('en')} / ${n.toLocaleString('en')} (${(written / s).toFixed(0)}/s)   `,
        );
      }
    }
  };
  // SQLite: one transaction for the whole fill; PostgreSQL: one per batch (no huge transaction to undo).
  if (db.dialect === 'sqlite') await db.transaction(writeAll);
  else await writeAll(db);
  if (process.stderr.isTTY) process.stderr.write('\n');
  return (performance.now() - started) / 1000;
}

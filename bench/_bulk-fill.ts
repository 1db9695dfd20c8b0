/**
 * Fills a store fast for the search benchmark: SQLite with prepared inserts, a transaction per
 * batch; PostgreSQL with one multi-row INSERT … SELECT FROM unnest(arrays) per batch (row-insert.ts). The filled
 * tables' secondary indexes and insert triggers are set aside and made again after the rows are in
 * (_fill-indexes.ts), and the schema is checked to be the migrations' own. It writes what searching
 * and listing read (articles, their copies, topics, entities) and skips story fingerprints:
 * synthetic articles are all different stories, and the store's own write path, fingerprints
 * included, is timed separately.
 */
import { performance } from 'node:perf_hooks';
import { articleRow, sortAt, writtenColumns } from '../src/stages/store/article-row.js';
import { COPY_COLUMNS, copyRow } from '../src/stages/store/copy-row.js';
import type { StoredArticle } from '../src/stages/store/article-store.js';
import { DIALECTS, type SqlDialect } from '../src/stages/store/dialect.js';
import { insertRows } from '../src/stages/store/row-insert.js';
import type { SqlClient, SqlValue } from '../src/stages/store/sql-client.js';
import { deferIndexes } from './_fill-indexes.js';
import { syntheticArticles } from './_synthetic-articles.js';

/** Articles generated and written per batch: bounded memory, few round trips. */
const BATCH = 5_000;

function columns(articles: StoredArticle[], d: SqlDialect) {
  const rows = articles.map((a) => articleRow(a, null, d));
  const copies = articles.map((a) => copyRow(a, a.id));
  const topics = articles.flatMap((a) => [...new Set(a.topics)].map((t) => [a.id, t, sortAt(a)]));
  const entities = articles.flatMap((a) => a.entities.map((e) => [a.id, e.name, e.type, e.mentions]));
  return { rows, copies, topics, entities };
}

const TABLES = {
  articles: [], // writtenColumns(d): see tableColumns
  article_copies: COPY_COLUMNS,
  article_topics: ['article_id', 'topic', 'sort_at'],
  article_entities: ['article_id', 'name', 'type', 'mentions'],
} as const;

type Table = keyof typeof TABLES;
const TABLE_NAMES = Object.keys(TABLES) as Table[];
const TABLE_KEY = {
  articles: 'rows',
  article_copies: 'copies',
  article_topics: 'topics',
  article_entities: 'entities',
} as const;

/** The articles table's columns are the dialect's (PostgreSQL's search columns take tsvector literals). */
function tableColumns(table: Table, d: SqlDialect): string[] {
  return table === 'articles' ? writtenColumns(d) : [...TABLES[table]];
}

async function insertSqlite(tx: SqlClient, table: Table, rows: SqlValue[][]): Promise<void> {
  const cols = tableColumns(table, DIALECTS.sqlite);
  const sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`;
  for (const row of rows) await tx.query(sql, row);
}

function insertPostgres(tx: SqlClient, table: Table, rows: SqlValue[][]): Promise<void> {
  return insertRows(tx, table, tableColumns(table, DIALECTS.postgres), rows);
}

/**
 * SQLite settings for the fill's connection only (the benchmark's throwaway file): no sync at
 * commits (a crash loses the benchmark, nothing else), a 256 MB page cache, sorts in memory.
 */
const SQLITE_FILL_PRAGMAS = ['PRAGMA synchronous = OFF', 'PRAGMA cache_size = -262144', 'PRAGMA temp_store = MEMORY'];

/** Progress on a terminal: one line, rewritten. */
function progressLine(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r  ${text}`.padEnd(78));
}

/** Writes n synthetic articles; shows progress on a terminal. Returns the seconds it took. */
export async function bulkFill(db: SqlClient, n: number, idPrefix = 'b'): Promise<number> {
  // Connected before the first batch is generated: generating holds the event loop for seconds,
  // long enough for a connection attempt waiting on it to time out.
  await db.query('SELECT 1');
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  if (db.dialect === 'sqlite') for (const p of SQLITE_FILL_PRAGMAS) await db.query(p);
  const restore = await deferIndexes(db, (step) =>
    progressLine(`filling ${db.dialect}: building ${step} (${elapsed().toFixed(0)} s)`),
  );
  let pending: Promise<void>[] = [];
  for (let done = 0; done < n; done += BATCH) {
    const c = columns(
      syntheticArticles(Math.min(BATCH, n - done), 1_000 + done, `${idPrefix}${(done / BATCH).toString(36)}x`),
      DIALECTS[db.dialect],
    );
    if (db.dialect === 'sqlite') {
      // A transaction per batch: the write-ahead log stays small.
      await db.transaction(async (tx) => {
        for (const table of TABLE_NAMES) await insertSqlite(tx, table, c[TABLE_KEY[table]]);
      });
    } else {
      // A statement per table and batch, each its own transaction. The batch's articles first (the
      // other tables refer to them); its other rows are written while the next batch is generated.
      await Promise.all(pending);
      await insertPostgres(db, 'articles', c.rows);
      pending = TABLE_NAMES.slice(1).map((table) => insertPostgres(db, table, c[TABLE_KEY[table]]));
      // A turn of the event loop, so the pool hands them connections and sends them before generating.
      for (let i = 0; i < 3; i++) await new Promise(setImmediate);
    }
    const written = done + c.rows.length;
    progressLine(
      `filling ${db.dialect}: ${written.toLocaleString('en')} / ${n.toLocaleString('en')} (${(written / elapsed()).toFixed(0)}/s)`,
    );
  }
  await Promise.all(pending);
  await restore();
  if (db.dialect === 'sqlite') await db.query('PRAGMA synchronous = NORMAL');
  if (process.stderr.isTTY) process.stderr.write('\n');
  return elapsed();
}

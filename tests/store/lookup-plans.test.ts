/**
 * The store stage's story lookup reads story_bands one key at a time by its index, whatever the
 * table's statistics say: a table never analyzed (PostgreSQL with autovacuum off, or filling up
 * since its last analysis) must not turn each write into a scan of every band row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../src/stages/store/dialect.js';
import { openStore } from '../../src/stages/store/open-store.js';
import { PostgresClient } from '../../src/stages/store/postgres-client.js';
import type { SqlClient } from '../../src/stages/store/sql-client.js';
import { SqliteClient } from '../../src/stages/store/sqlite-client.js';
import { STORE_KINDS, testStoreUrl } from '../helpers/test-services.js';

/** Band rows written straight into the table, with no ANALYZE after: key `k<n % KEYS>`, article `a<n>`. */
const ROWS = 60_000;
const KEYS = 20_000;
/** A batch of 32 articles looks up ~1,000 band keys at once. */
const LOOKED_UP = 1_000;

async function fillBands(db: SqlClient): Promise<void> {
  // No articles are written: SQLite would hold each band row to one (PostgreSQL's table has no such key).
  if (db.dialect === 'sqlite') await db.query('PRAGMA foreign_keys = OFF');
  const values = `'k' || (n % ${KEYS}), 'a' || n`;
  await db.query(
    db.dialect === 'postgres'
      ? `INSERT INTO story_bands (band_key, article_id) SELECT ${values} FROM generate_series(1, ${ROWS}) n`
      : `WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < ${ROWS})
         INSERT INTO story_bands (band_key, article_id) SELECT ${values} FROM g`,
  );
}

/** The tables the plan reads in full (PostgreSQL's Seq Scan, SQLite's SCAN without an index). */
async function scannedTables(db: SqlClient, sql: string, param: unknown): Promise<string[]> {
  if (db.dialect === 'postgres') {
    const [row] = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, [param as string]);
    const scans: string[] = [];
    const walk = (node: Record<string, unknown>) => {
      if (node['Node Type'] === 'Seq Scan') scans.push(String(node['Relation Name']));
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk((row!['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0]!.Plan);
    return scans;
  }
  // SQLite reads a table by an index as SEARCH; SCAN reads all of it (or all of an index).
  const rows = await db.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, [param as string]);
  return rows.filter((r) => r.detail.startsWith('SCAN story_bands')).map(() => 'story_bands');
}

describe.each(STORE_KINDS)('%s store: the story lookup', (kind) => {
  let db: SqlClient;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const t = testStoreUrl(kind);
    drop = t.drop;
    await (await openStore(t.url)).close();
    db = kind === 'postgres' ? new PostgresClient(t.url) : new SqliteClient(t.url.slice('sqlite:'.length));
    await fillBands(db);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  const d = DIALECTS[kind];
  const sql = d.lookupByList('band_key, article_id', 'story_bands', 'band_key', '$1');
  const keys = Array.from({ length: LOOKED_UP }, (_, i) => (i % 10 === 0 ? `k${i}` : `missing${i}`));

  it('reads band rows by the index for a batch of keys, in a table never analyzed', async () => {
    expect(await scannedTables(db, sql, d.textList(keys))).toEqual([]);
  });

  it('finds every row of each key looked up, and no other', async () => {
    const rows = await db.query<{ band_key: string; article_id: string }>(sql, [d.textList(keys)]);
    const found = rows.map((r) => `${r.band_key}/${r.article_id}`).sort();
    const expected = keys
      .filter((k) => k.startsWith('k'))
      .flatMap((k) => {
        const n = Number(k.slice(1));
        return [0, 1, 2, 3]
          .map((i) => n + i * KEYS)
          .filter((a) => a >= 1 && a <= ROWS)
          .map((a) => `${k}/a${a}`);
      })
      .sort();
    expect(found).toEqual(expected);
  });
});

describe('postgres store sessions', () => {
  it('run with JIT compilation off: a short lookup is not compiled for tens of milliseconds', async () => {
    const t = testStoreUrl('postgres');
    const db = new PostgresClient(t.url);
    try {
      expect(await db.query('SHOW jit')).toEqual([{ jit: 'off' }]);
    } finally {
      await db.close();
      await t.drop();
    }
  });
});

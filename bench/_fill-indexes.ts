/**
 * Around the benchmark's bulk fill, the secondary indexes and the insert triggers of the tables it
 * writes are set aside and made again once the rows are in, as pg_restore does: building an index
 * (or the FTS5 index) once over a million rows costs a fraction of keeping it up to date row by row.
 * What the triggers would have kept (the FTS5 index, the topic day counts) is made in one statement
 * each. Afterwards the schema is checked to be exactly what the migrations made, so queries are
 * timed on the real schema.
 */
import { TOPIC_DAYS_FILL } from '../src/stages/store/chart-counts.js';
import { PHRASE_INDEX_FILL } from '../src/stages/store/phrase-index.js';
import type { SqlClient, SqlValue } from '../src/stages/store/sql-client.js';

/** The tables the fill writes (_bulk-fill.ts). */
export const FILLED_TABLES = ['articles', 'article_copies', 'article_topics', 'article_entities'];

/**
 * Each insert trigger the fill may set aside, and the statement that makes what it keeps for all
 * rows at once. A trigger not named here stops the fill: its data would otherwise be missing.
 */
const REBUILT_BY: Record<string, string | readonly string[]> = {
  // SQLite: the FTS5 index over articles (dialect.ts), and the topic day counts (chart-counts.ts).
  articles_fts_insert: `INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')`,
  articles_title_fts_insert: `INSERT INTO articles_title_fts (articles_title_fts) VALUES ('rebuild')`,
  topic_days_add: TOPIC_DAYS_FILL,
  // PostgreSQL: the topic day counts (a row trigger, then a statement trigger from a later migration).
  topic_days_topics: TOPIC_DAYS_FILL,
  topic_days_topics_insert: TOPIC_DAYS_FILL,
  // PostgreSQL: the phrase index's pairs (phrase-index.ts), made here rather than left pending.
  phrase_pending_insert: PHRASE_INDEX_FILL,
};

type SchemaItem = { name: string; sql: string };

const INSERT_TRIGGER = /\b(BEFORE|AFTER)\s+INSERT\b/i;

async function sqliteSchema(db: SqlClient): Promise<{ indexes: SchemaItem[]; triggers: SchemaItem[] }> {
  const rows = await db.query<{ type: string; name: string; sql: string }>(
    `SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
     AND tbl_name IN (${FILLED_TABLES.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY type, name`,
    FILLED_TABLES,
  );
  return {
    indexes: rows.filter((r) => r.type === 'index'),
    triggers: rows.filter((r) => r.type === 'trigger'),
  };
}

async function postgresSchema(db: SqlClient): Promise<{ indexes: SchemaItem[]; triggers: SchemaItem[] }> {
  // Indexes that back no constraint (primary keys stay: the fill's foreign keys and upserts need them).
  const indexes = await db.query<SchemaItem>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS sql
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
     WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
     ORDER BY c.relname`,
    [FILLED_TABLES as unknown as SqlValue],
  );
  // sql: the trigger's table and whether it is enabled ('O'), so the check after sees it back as it was.
  const triggers = await db.query<SchemaItem & { insert: boolean }>(
    `SELECT g.tgname AS name, t.relname || ' ' || g.tgenabled::text AS sql, (g.tgtype & 4) <> 0 AS insert
     FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
     WHERE NOT g.tgisinternal AND t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1)
     ORDER BY g.tgname`,
    [FILLED_TABLES as unknown as SqlValue],
  );
  return { indexes, triggers: triggers.map((t) => ({ name: t.name, sql: t.insert ? `${t.sql} INSERT` : t.sql })) };
}

const schemaOf = (db: SqlClient) => (db.dialect === 'sqlite' ? sqliteSchema(db) : postgresSchema(db));

/** The store's insert triggers on the filled tables, each with what rebuilds its data (or an error). */
function insertTriggers(triggers: SchemaItem[]): SchemaItem[] {
  const found = triggers.filter((t) => INSERT_TRIGGER.test(t.sql) || t.sql.endsWith(' INSERT'));
  for (const t of found) {
    if (!(t.name in REBUILT_BY)) {
      throw new Error(`bench fill: insert trigger ${t.name} keeps data the fill cannot rebuild; add it to REBUILT_BY`);
    }
  }
  return found;
}

/**
 * Sets aside the filled tables' secondary indexes and insert triggers of an empty store; the
 * returned function makes them again, fills what the triggers keep, and checks the schema is as before.
 */
export async function deferIndexes(db: SqlClient, progress: (step: string) => void): Promise<() => Promise<void>> {
  const [row] = await db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM articles');
  if (Number(row?.n ?? 0) > 0) throw new Error('bench fill: the store must be empty');
  const before = await schemaOf(db);
  const triggers = insertTriggers(before.triggers);
  const table = (t: SchemaItem) => t.sql.split(' ')[0]!;
  for (const t of triggers) {
    await db.query(
      db.dialect === 'sqlite' ? `DROP TRIGGER ${t.name}` : `ALTER TABLE ${table(t)} DISABLE TRIGGER ${t.name}`,
    );
  }
  for (const i of before.indexes) await db.query(`DROP INDEX ${i.name}`);

  return async () => {
    const build = async (tx: SqlClient) => {
      // PostgreSQL sorts and builds GIN indexes in memory up to this (this session only).
      if (db.dialect === 'postgres') await tx.query(`SET LOCAL maintenance_work_mem = '512MB'`);
      for (const i of before.indexes) {
        progress(`index ${i.name}`);
        await tx.query(i.sql);
      }
      for (const t of triggers) {
        progress(`what ${t.name} keeps`);
        for (const statement of [REBUILT_BY[t.name]!].flat()) await tx.query(statement);
        await tx.query(db.dialect === 'sqlite' ? t.sql : `ALTER TABLE ${table(t)} ENABLE TRIGGER ${t.name}`);
      }
    };
    await db.transaction(build);
    const after = await schemaOf(db);
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      throw new Error(
        `bench fill: the schema after the fill differs from the migrations' (${JSON.stringify({ before, after })})`,
      );
    }
  };
}

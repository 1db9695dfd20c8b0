/**
 * The store's schema, as numbered migrations that run in order on both SQLite and PostgreSQL.
 * `schema_version` records the last one applied; start-up applies the rest, each in a transaction.
 * Times are ISO 8601 UTC text, so they sort and compare the same in both databases.
 */
import type { SqlClient } from './sql-client.js';

/** Each entry upgrades the schema from version i to i + 1. Never edit one that has shipped: add another. */
export const MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE IF NOT EXISTS articles (
      id TEXT PRIMARY KEY,
      url TEXT NOT NULL,
      canonical_url TEXT NOT NULL,
      title TEXT NOT NULL,
      byline TEXT,
      published_at TEXT,
      modified_at TEXT,
      site TEXT,
      language TEXT,
      description TEXT,
      image TEXT,
      body TEXT NOT NULL,
      relevance DOUBLE PRECISION NOT NULL,
      evidence TEXT NOT NULL,
      origin TEXT NOT NULL,
      fetched_at TEXT,
      cleaned_at TEXT,
      classified_at TEXT,
      stored_at TEXT NOT NULL,
      sort_at TEXT NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS articles_sort_at ON articles (sort_at DESC, id)`,
    `CREATE TABLE IF NOT EXISTS article_topics (
      article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
      topic TEXT NOT NULL,
      PRIMARY KEY (article_id, topic)
    )`,
    `CREATE INDEX IF NOT EXISTS article_topics_topic ON article_topics (topic)`,
    `CREATE TABLE IF NOT EXISTS article_entities (
      article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      type TEXT NOT NULL,
      mentions INTEGER NOT NULL,
      PRIMARY KEY (article_id, name)
    )`,
    `CREATE INDEX IF NOT EXISTS article_entities_name ON article_entities (name)`,
    `CREATE TABLE IF NOT EXISTS skipped (
      id TEXT PRIMARY KEY,
      url TEXT NOT NULL,
      title TEXT NOT NULL,
      relevance DOUBLE PRECISION NOT NULL,
      skipped_at TEXT NOT NULL
    )`,
  ],
];

/** The schema version this code expects. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the schema up to SCHEMA_VERSION; concurrent callers serialise on the version row. */
export async function migrate(db: SqlClient): Promise<void> {
  await db.query('CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)').catch(
    async (err: unknown) => {
      // PostgreSQL: two processes creating the table at once; the loser retries the now-existing table.
      if ((err as { code?: string }).code !== '23505') throw err;
    },
  );
  await db.query('INSERT INTO schema_version (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING');
  await db.transaction(async (tx) => {
    const lock = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const [row] = await tx.query<{ version: number }>(`SELECT version FROM schema_version WHERE id = 1${lock}`);
    const current = Number(row?.version ?? 0);
    if (current > SCHEMA_VERSION) {
      throw new Error(`the store's schema is version ${current}, newer than this Parley (${SCHEMA_VERSION}); upgrade Parley`);
    }
    for (let v = current; v < SCHEMA_VERSION; v++) {
      for (const statement of MIGRATIONS[v] ?? []) await tx.query(statement);
      await tx.query('UPDATE schema_version SET version = $1 WHERE id = 1', [v + 1]);
    }
  });
}

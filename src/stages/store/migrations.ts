/**
 * The store's schema, as numbered migrations that run in order on both SQLite and PostgreSQL.
 * `schema_version` records the last one applied; start-up applies the rest, each in a transaction.
 * Times are ISO 8601 UTC text, so they sort and compare the same in both databases.
 */
import { topicDaysPerStatementSchema, topicDaysSchema } from './chart-counts.js';
import { fillCopyHosts } from './copy-hosts.js';
import { DIALECTS, type SqlDialect } from './dialect.js';
import { inlineColumnsSchema, topicDatesSchema } from './listing-schema.js';
import { fingerprint } from './fingerprint.js';
import { PHRASE_INDEX_SCHEMA } from './phrase-index.js';
import { fillSearchVectors } from './search-fill.js';
import { stemsOf } from './search-stems.js';
import type { SqlClient } from './sql-client.js';
import { indexFingerprint } from './story-index.js';
import { WATCH_EVENT_SCHEMA, WATCH_SCHEMA } from './watch-schema.js';

/** One step of the schema: statements run in order, then an optional step in code (filling new columns). */
export interface Migration {
  readonly description: string;
  statements(dialect: SqlDialect): readonly string[];
  fill?(tx: SqlClient): Promise<void>;
}

/** Articles fingerprinted per batch when an older store is brought forward (bounded memory). */
const FILL_BATCH = 500;

/** Each entry upgrades the schema from version i to i + 1. Never edit one that has shipped: add another. */
export const MIGRATIONS: readonly Migration[] = [
  {
    description: 'articles, topics, entities, skipped',
    statements: () => [
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
  },
  {
    description: 'full-text search; stories (copies, fingerprints, band keys); versions',
    statements: (d) => [
      `ALTER TABLE articles ADD COLUMN fingerprint TEXT`,
      `CREATE TABLE IF NOT EXISTS article_copies (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        site TEXT,
        seen_at TEXT NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS article_copies_article ON article_copies (article_id)`,
      `CREATE INDEX IF NOT EXISTS article_copies_site ON article_copies (LOWER(site), article_id)`,
      `INSERT INTO article_copies (id, article_id, url, site, seen_at) SELECT id, id, url, site, stored_at FROM articles`,
      `CREATE TABLE IF NOT EXISTS story_bands (
        band_key TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        PRIMARY KEY (band_key, article_id)
      )`,
      `CREATE INDEX IF NOT EXISTS story_bands_article ON story_bands (article_id)`,
      `CREATE TABLE IF NOT EXISTS article_versions (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        fingerprint TEXT,
        stored_at TEXT NOT NULL,
        replaced_at TEXT NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS article_versions_article ON article_versions (article_id, replaced_at)`,
      ...d.searchSchema,
    ],
    async fill(tx) {
      // Fingerprint the rows an older store already holds; texts too short to judge are marked ''
      // while the loop runs so it moves past them, and get NULL at the end.
      for (;;) {
        const rows = await tx.query<{ id: string; body: string }>(
          `SELECT id, body FROM articles WHERE fingerprint IS NULL ORDER BY id LIMIT ${FILL_BATCH}`,
        );
        for (const row of rows) {
          const fp = fingerprint(row.body);
          if (fp) await indexFingerprint(tx, row.id, fp);
          else await tx.query(`UPDATE articles SET fingerprint = '' WHERE id = $1`, [row.id]);
        }
        if (rows.length < FILL_BATCH) break;
      }
      await tx.query(`UPDATE articles SET fingerprint = NULL WHERE fingerprint = ''`);
    },
  },
  {
    description: 'skipped articles keep the start of their text and the relevance evidence',
    statements: () => [`ALTER TABLE skipped ADD COLUMN excerpt TEXT`, `ALTER TABLE skipped ADD COLUMN evidence TEXT`],
  },
  {
    description: 'diplomatic events: timeline entries, their people, and every article report of each',
    statements: () => [
      `CREATE TABLE IF NOT EXISTS events (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        us TEXT NOT NULL,
        ru TEXT NOT NULL,
        initiator TEXT,
        place TEXT,
        date TEXT,
        sort_date TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS events_sort ON events (sort_date DESC, id)`,
      `CREATE INDEX IF NOT EXISTS events_type_date ON events (type, date)`,
      `CREATE TABLE IF NOT EXISTS event_people (
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        side TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (event_id, side, name)
      )`,
      `CREATE INDEX IF NOT EXISTS event_people_name ON event_people (name, event_id)`,
      `CREATE TABLE IF NOT EXISTS event_reports (
        article_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        title TEXT NOT NULL,
        site TEXT,
        report TEXT NOT NULL,
        evidence TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        PRIMARY KEY (article_id, seq)
      )`,
      `CREATE INDEX IF NOT EXISTS event_reports_event ON event_reports (event_id)`,
    ],
  },
  {
    description: 'search finds Russian words by their stems; PostgreSQL indexes each article in its own language',
    statements: (d) => d.stemmedSearchSchema,
    async fill(tx) {
      // Stems for the Cyrillic rows an older store holds, in id order, a batch at a time.
      const d = DIALECTS[tx.dialect];
      for (let after = ''; ;) {
        const rows = await tx.query<{ id: string; title: string; body: string }>(
          `SELECT id, title, body FROM articles WHERE id > $1 AND (${d.cyrillicRows}) ORDER BY id LIMIT ${FILL_BATCH}`,
          [after],
        );
        for (const row of rows) {
          await tx.query('UPDATE articles SET title_stems = $1, body_stems = $2 WHERE id = $3', [
            stemsOf(row.title),
            stemsOf(row.body),
            row.id,
          ]);
        }
        if (rows.length < FILL_BATCH) break;
        after = rows.at(-1)!.id;
      }
    },
  },
  {
    description: 'watches (saved filters with a delivery) and the stories each has alerted on',
    statements: () => WATCH_SCHEMA,
  },
  {
    description: 'each article keeps the kind of its source (official, wire, state media, press), filterable',
    statements: () => [
      `ALTER TABLE articles ADD COLUMN source_kind TEXT`,
      `CREATE INDEX IF NOT EXISTS articles_source_kind ON articles (source_kind, sort_at)`,
    ],
  },
  {
    description:
      'chart counts: stories per day by publication and by storage date, events per month and type, people pairs',
    statements: () => [
      `CREATE INDEX IF NOT EXISTS articles_published_at ON articles (published_at)`,
      `CREATE INDEX IF NOT EXISTS articles_stored_at ON articles (stored_at)`,
      `CREATE INDEX IF NOT EXISTS events_month_type ON events (sort_date, type)`,
      `CREATE INDEX IF NOT EXISTS event_people_side ON event_people (side, name, event_id)`,
    ],
  },
  {
    description: 'an analyst marks an article relevant or not relevant (labelled data for the classifier)',
    statements: () => [
      `CREATE TABLE IF NOT EXISTS relevance_labels (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL CHECK (label IN ('relevant', 'not-relevant')),
        labelled_at TEXT NOT NULL
      )`,
    ],
  },
  {
    description: 'watches alert on timeline entries (once per entry and status); deliveries out of attempts are held',
    statements: () => WATCH_EVENT_SCHEMA,
  },
  {
    description:
      'each article keeps the URL of the feed it came from (its page names the feed; ?feed= lists its articles)',
    statements: () => [
      `ALTER TABLE articles ADD COLUMN feed_url TEXT`,
      `CREATE INDEX IF NOT EXISTS articles_feed_url ON articles (feed_url, sort_at)`,
    ],
  },
  {
    description: 'an article taken from a web archive snapshot (backfill --wayback) records the snapshot',
    statements: () => [`ALTER TABLE articles ADD COLUMN archived_from TEXT`],
  },
  {
    description: "an article's date read from its text when the page gave none (date_source 'text')",
    statements: () => [`ALTER TABLE articles ADD COLUMN date_source TEXT`],
  },
  {
    description: 'PostgreSQL keeps statistics of lower-cased entity names, so it plans ?entity= by how many match',
    // Without them the planner guesses a LIKE '%name%' matches a few rows, reads every one that does and
    // sorts them (1.3 s at 100,000 articles); with them it walks the date index and stops after a page.
    statements: (d) =>
      d.name === 'postgres'
        ? [
            'CREATE STATISTICS IF NOT EXISTS article_entities_lower_name ON (LOWER(name)) FROM article_entities',
            'ANALYZE article_entities',
          ]
        : [],
  },
  {
    description:
      'PostgreSQL: search vectors made by Parley (English and Russian stems, stopwords as data), kept inline in the row',
    statements: (d) => d.builtSearchSchema,
    fill: fillSearchVectors,
  },
  {
    description: 'topic day counts: articles per day and topic kept counted by triggers, for the weekly topic chart',
    statements: (d) => topicDaysSchema(d),
  },
  {
    description: 'PostgreSQL: topic day counts kept once per statement that writes topics, not once per topic row',
    statements: (d) => topicDaysPerStatementSchema(d),
  },
  {
    description: 'PostgreSQL: the Cyrillic stems columns go (its search vectors hold the stems; nothing read them)',
    statements: (d) =>
      d.keepsStems ? [] : ['ALTER TABLE articles DROP COLUMN IF EXISTS title_stems, DROP COLUMN IF EXISTS body_stems'],
  },
  {
    // Its check cost one lookup in articles per band row, 32 per story written (~20% of the server's
    // CPU per article). The store removes a deleted story's bands itself, and a band row without its
    // story is never a candidate (story-index.ts reads the story's fingerprint by id).
    description: 'PostgreSQL: story band keys are not checked against articles on insert (32 lookups per story)',
    statements: (d) =>
      d.name === 'postgres' ? ['ALTER TABLE story_bands DROP CONSTRAINT IF EXISTS story_bands_article_id_fkey'] : [],
  },
  {
    description: 'SQLite: a search index over titles alone, so a search finds its title matches first cheaply',
    statements: (d) => d.titleSearchSchema,
  },
  {
    description:
      "topic rows carry their article's date, so a listing with a topic walks the topic's articles newest first",
    statements: (d) => topicDatesSchema(d),
  },
  {
    description:
      'PostgreSQL: short columns (dates, URLs, title) stay in the row beside the search vectors, not in TOAST',
    statements: (d) => inlineColumnsSchema(d),
  },
  {
    description:
      "each copy keeps its URL's host, indexed, so a site filter finds its articles without reading every URL",
    statements: () => ['ALTER TABLE article_copies ADD COLUMN host TEXT'],
    fill: fillCopyHosts,
  },
  {
    description:
      'PostgreSQL: an index of adjacent word pairs, kept off the write, so a phrase of common words is found without reading every article holding its words',
    statements: (d) => (d.name === 'postgres' ? PHRASE_INDEX_SCHEMA : []),
  },
];

/** The schema version this code expects. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** PostgreSQL's answers to a CREATE TABLE IF NOT EXISTS that lost a race with another process. */
const CREATE_RACE_CODES = new Set(['23505', '42710', '42P07']);

/**
 * Brings the schema up to `target` (SCHEMA_VERSION unless a test wants an older store); concurrent
 * callers serialise on the version row.
 */
export async function migrate(db: SqlClient, target = SCHEMA_VERSION): Promise<void> {
  await db
    .query('CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)')
    .catch(async (err: unknown) => {
      // PostgreSQL: two processes creating the table at once; the loser goes on with the table the
      // winner made. The race shows as a unique violation on the catalog (23505), a duplicate type
      // (42710) or a duplicate table (42P07), depending on where the two meet.
      if (!CREATE_RACE_CODES.has((err as { code?: string }).code ?? '')) throw err;
    });
  await db.query('INSERT INTO schema_version (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING');
  await db.transaction(async (tx) => {
    const lock = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const [row] = await tx.query<{ version: number }>(`SELECT version FROM schema_version WHERE id = 1${lock}`);
    const current = Number(row?.version ?? 0);
    if (current > SCHEMA_VERSION) {
      throw new Error(
        `the store's schema is version ${current}, newer than this Parley (${SCHEMA_VERSION}); upgrade Parley`,
      );
    }
    for (let v = current; v < target; v++) {
      const step = MIGRATIONS[v]!;
      for (const statement of step.statements(DIALECTS[db.dialect])) await tx.query(statement);
      await step.fill?.(tx);
      await tx.query('UPDATE schema_version SET version = $1 WHERE id = 1', [v + 1]);
    }
  });
}

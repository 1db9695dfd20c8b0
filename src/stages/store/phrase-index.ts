/**
 * PostgreSQL: an index of each article's adjacent word pairs, so a phrase is found without reading
 * the positions of every article holding its words. GIN keeps which articles hold a word, not where:
 * "told officials" (a few hundred matches) had to be checked in each of the ~55,000 articles holding
 * both words, a read of each row (~6 µs at a million articles). SQLite's FTS5 index keeps positions
 * and needs none of this.
 *
 * `article_phrases` holds, per article, a 64-bit hash of each pair of adjacent terms of its search
 * vector (a term at position p and one at p + 1: exactly what the phrase operator `<->` asks of a
 * vector), in a GIN index of its own, beside the article's date. A phrase's articles are among those
 * holding its pairs' hashes; each listed is still checked against the phrase (three words make two
 * pairs that may stand apart). Only the total of a two-word phrase searched alone is its pairs'
 * count, which is exact but for a collision of 64-bit hashes. Pairs of the title are hashed apart
 * (another seed), so "in the title first" finds its few candidates at once.
 *
 * The pairs are made off the store's transaction: ~110 GIN entries an article halved the store's
 * write rate when they were part of it (sessions 9 and 10). A statement trigger on `articles` puts
 * each new or changed article in `phrase_pending`, a small table, in the writer's transaction; the
 * store processes drain it when their writes pause (phrase-indexer.ts; a batch at a time, any process
 * may take any batch). A search reads the pending articles beside the indexed ones, so a phrase is
 * found in an article the moment it is stored: the index only makes it cheap.
 */
import type { SqlClient } from './sql-client.js';

/**
 * Articles made into pairs per statement: one batch is ~0.2 s of the server's time (~0.19 ms an
 * article on this project's machine), short enough to leave the store's writes their turn.
 */
export const PHRASE_BATCH = 1_000;

/**
 * A search does not use the index while more articles than this wait for their pairs (a store just
 * upgraded, or writes outrunning the drain): each pending article is a candidate, read and checked.
 */
export const PAIRS_PENDING_AT_MOST = 1_000;

/**
 * A phrase estimated in more articles than this is listed as before, walking all articles newest
 * first: at 1 % of a million, a page of 20 is found within ~2,000 (~12 ms), where sorting ten
 * thousand candidates by date costs ~2.5 µs each.
 */
export const DENSE_PAIRS = 10_000;

/** The hash of a pair of terms, the same on both sides (index and query). */
const PAIR_HASH = (a: string, b: string) => `hashtextextended(${a} || ' ' || ${b}, seed)`;

/** Seeds of the pair hash: a pair anywhere in the article, and a pair in its title. */
const ANYWHERE = 0;
const IN_TITLE = 1;

/** An article's pairs (`a`: its row): anywhere, and in its title, hashed apart. */
const ARTICLE_PAIRS = (a: string) =>
  `COALESCE(phrase_pairs(${a}search, ${ANYWHERE}), '{}') || COALESCE(phrase_pairs(${a}title_search, ${IN_TITLE}), '{}')`;

/** The pairs a search's phrases require, anywhere or in the title (`p`: its parameter). */
const QUERY_PAIRS = (p: string, inTitle = false) =>
  `phrase_query_pairs(${p}::text::tsquery, ${inTitle ? IN_TITLE : ANYWHERE})`;

const PAIRS_INDEX = `CREATE INDEX IF NOT EXISTS article_phrases_pairs ON article_phrases USING GIN (pairs)`;

/** Migration 24 (PostgreSQL): the tables, the functions, the triggers, and every stored article pending. */
export const PHRASE_INDEX_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS article_phrases (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    sort_at TEXT NOT NULL,
    pairs BIGINT[] NOT NULL
  )`,
  PAIRS_INDEX,
  // No foreign key: a pending row is a note, dropped when its article is found gone.
  `CREATE TABLE IF NOT EXISTS phrase_pending (article_id TEXT PRIMARY KEY)`,
  // Each term at position p with each at p + 1 (a position may hold a word and its stem).
  `CREATE OR REPLACE FUNCTION phrase_pairs(v tsvector, seed BIGINT) RETURNS BIGINT[] LANGUAGE sql IMMUTABLE STRICT AS $body$
    WITH t AS MATERIALIZED (SELECT u.lexeme, p FROM unnest(v) u, unnest(u.positions) p)
    SELECT COALESCE(array_agg(DISTINCT ${PAIR_HASH('x.lexeme', 'y.lexeme')}), '{}') FROM t x JOIN t y ON y.p = x.p + 1
  $body$`,
  // The pairs a query's phrases require: each term followed by `<->` and a term, in its text form.
  `CREATE OR REPLACE FUNCTION phrase_query_pairs(q tsquery, seed BIGINT) RETURNS BIGINT[] LANGUAGE sql IMMUTABLE STRICT AS $body$
    SELECT COALESCE(array_agg(DISTINCT ${PAIR_HASH('s.a', 's.b')}), '{}') FROM (
      SELECT m.t[1] AS a, lead(m.t[2]) OVER w AS op, lead(m.t[1], 2) OVER w AS b
      FROM regexp_matches(q::text, '''([^'']*)''|(<[^>]*>|[&|!()])', 'g') WITH ORDINALITY AS m(t, i)
      WINDOW w AS (ORDER BY m.i)) s
    WHERE s.a IS NOT NULL AND s.op = '<->' AND s.b IS NOT NULL
  $body$`,
  `CREATE OR REPLACE FUNCTION phrase_pending_added() RETURNS trigger LANGUAGE plpgsql AS $body$
  BEGIN
    INSERT INTO phrase_pending (article_id) SELECT id FROM added_articles ON CONFLICT DO NOTHING;
    RETURN NULL;
  END $body$`,
  `CREATE OR REPLACE FUNCTION phrase_pending_changed() RETURNS trigger LANGUAGE plpgsql AS $body$
  BEGIN
    INSERT INTO phrase_pending (article_id)
      SELECT n.id FROM changed_articles n JOIN earlier_articles o ON o.id = n.id
      WHERE n.search IS DISTINCT FROM o.search OR n.sort_at IS DISTINCT FROM o.sort_at
      ON CONFLICT DO NOTHING;
    RETURN NULL;
  END $body$`,
  `CREATE TRIGGER phrase_pending_insert AFTER INSERT ON articles
    REFERENCING NEW TABLE AS added_articles FOR EACH STATEMENT EXECUTE FUNCTION phrase_pending_added()`,
  `CREATE TRIGGER phrase_pending_update AFTER UPDATE ON articles
    REFERENCING OLD TABLE AS earlier_articles NEW TABLE AS changed_articles
    FOR EACH STATEMENT EXECUTE FUNCTION phrase_pending_changed()`,
  // The articles stored so far: the store processes index them after the upgrade, batch by batch.
  `INSERT INTO phrase_pending (article_id) SELECT id FROM articles ON CONFLICT DO NOTHING`,
];

/**
 * Every article's pairs at once, the index made after them: the benchmark's fill, once its rows are
 * in (_fill-indexes.ts). ~0.19 ms an article, then the index.
 */
export const PHRASE_INDEX_FILL: readonly string[] = [
  'DROP INDEX IF EXISTS article_phrases_pairs',
  `INSERT INTO article_phrases (article_id, sort_at, pairs)
    SELECT id, sort_at, ${ARTICLE_PAIRS('')} FROM articles`,
  'TRUNCATE phrase_pending',
  PAIRS_INDEX,
];

/**
 * Takes up to `limit` pending articles (skipping those another process holds) and writes their pairs,
 * in one statement: they leave `phrase_pending` only with their pairs written. Returns how many.
 */
export async function indexPendingPhrases(db: SqlClient, limit = PHRASE_BATCH): Promise<number> {
  const [row] = await db.query<{ n: number | string }>(
    `WITH taken AS (
       DELETE FROM phrase_pending WHERE article_id IN (
         SELECT article_id FROM phrase_pending LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING article_id),
     written AS (
       INSERT INTO article_phrases (article_id, sort_at, pairs)
       SELECT a.id, a.sort_at, ${ARTICLE_PAIRS('a.')} FROM articles a JOIN taken t ON t.article_id = a.id
       ON CONFLICT (article_id) DO UPDATE SET sort_at = excluded.sort_at, pairs = excluded.pairs)
     SELECT (SELECT COUNT(*) FROM taken) AS n`,
    [limit],
  );
  return Number(row?.n ?? 0);
}

/** The statements of a search the pair index serves; `p` is its tsquery literal's parameter. */
export interface PairIndexSql {
  /** Whether a search (searchQuery's literal) has two adjacent words of a phrase to look up. */
  serves(value: string): boolean;
  /** Whether it is one pair of adjacent words and nothing else: then its candidates are its matches. */
  isOnePair(value: string): boolean;
  /** The planner's estimate of the candidates (EXPLAIN, read as `Plan Rows`), and the pending articles, up to `cap` + 1. */
  estimateSql(p: string): string;
  pendingSql(cap: number): string;
  /** Every match among the candidates, with its relevance, up to `limit` (dialect.ts matchesSql). */
  matchesSql(p: string, where: string, limit: number): string;
  /** The newest `limit` matches with the words in the title, or (inTitle false) only elsewhere. */
  newestIds(p: string, where: string, inTitle: boolean, limit: number): string;
  /** One pair alone, no other filter: its candidates counted, up to `limit`. */
  countSql(p: string, limit: number): string;
  /** Matches among at most `limit` candidates (`n`), and how many were read (`seen`). */
  phraseCount(p: string, where: string, limit: number): string;
}

/**
 * The articles that may hold a search's phrase, with their dates: those whose pairs include the
 * phrase's, and those still pending (their pairs missing or stale).
 */
const candidates = (p: string, inTitle = false) => `(SELECT ph.article_id, ph.sort_at FROM article_phrases ph
    WHERE ph.pairs @> ${QUERY_PAIRS(p, inTitle)}
      AND NOT EXISTS (SELECT 1 FROM phrase_pending w WHERE w.article_id = ph.article_id)
    UNION ALL SELECT w.article_id, x.sort_at FROM phrase_pending w JOIN articles x ON x.id = w.article_id)`;

/**
 * Whether article `a` holds the search: `ts_match_vq` is what `@@` calls, but the planner cannot
 * turn a function into a scan of the words' index, which it would choose, misjudging a phrase as
 * rare, and read every article holding the words.
 */
const holds = (column: string, p: string) => `ts_match_vq(${column}, ${p}::tsquery)`;

/** `where`'s conditions (FilterSql's, "WHERE …" or empty) followed by AND, or nothing. */
const and = (where: string) => (where ? `${where.replace(/^WHERE /, '')} AND ` : '');

export const PAIR_INDEX_SQL: PairIndexSql = {
  serves: (value) => /<1>/.test(value),
  isOnePair: (value) => /^\('[^']*' <1> '[^']*'\)$/.test(value),
  estimateSql: (p) => `EXPLAIN (FORMAT JSON) SELECT 1 FROM article_phrases WHERE pairs @> ${QUERY_PAIRS(p)}`,
  pendingSql: (cap) => `SELECT COUNT(*) AS n FROM (SELECT 1 FROM phrase_pending LIMIT ${cap + 1}) w`,
  matchesSql: (p, where, limit) => `SELECT a.id, a.sort_at, ts_rank(a.search, ${p}::tsquery) AS score
    FROM ${candidates(p)} c JOIN articles a ON a.id = c.article_id
    WHERE ${and(where)}${holds('a.search', p)} LIMIT ${limit}`,
  // Candidates newest first, each checked in turn (a subquery per row, which no join can replace),
  // until the page is full: a page reads about its own length of articles.
  newestIds: (p, where, inTitle, limit) => `SELECT c.article_id AS id
    FROM (SELECT * FROM ${candidates(p, inTitle)} c0 ORDER BY c0.sort_at DESC, c0.article_id OFFSET 0) c
    WHERE (SELECT ${and(where)}${holds('a.search', p)} AND ${inTitle ? '' : 'NOT '}${holds('a.title_search', p)}
      FROM articles a WHERE a.id = c.article_id)
    LIMIT ${limit}`,
  countSql: (p, limit) => `SELECT COUNT(*) AS n FROM (
      SELECT 1 FROM article_phrases ph WHERE ph.pairs @> ${QUERY_PAIRS(p)}
        AND NOT EXISTS (SELECT 1 FROM phrase_pending w WHERE w.article_id = ph.article_id)
      UNION ALL SELECT 1 FROM phrase_pending w JOIN articles x ON x.id = w.article_id WHERE ${holds('x.search', p)}
      LIMIT ${limit}) m`,
  phraseCount: (p, where, limit) => `SELECT COUNT(*) FILTER (WHERE ${holds('m.search', p)}) AS n, COUNT(*) AS seen
    FROM (SELECT a.search FROM ${candidates(p)} c JOIN articles a ON a.id = c.article_id
      ${where} LIMIT ${limit}) m`,
};

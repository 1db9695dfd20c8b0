/**
 * Everything that differs between SQLite and PostgreSQL, in one place: full-text search (FTS5 vs a
 * weighted tsvector with a GIN index) and one aggregate. The rest of the store's SQL is shared.
 */

/** Marks around matched words in a snippet; the server and the CLI turn them into their own markup. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

/** Title matches count this many times a body match, in both stores (bm25 weights; ts_rank's A vs D). */
export const TITLE_WEIGHT = 10;
/** Words of context in a search snippet. */
const SNIPPET_WORDS = 24;

const SEARCH_TOKEN = /"([^"]*)"|[\p{L}\p{N}]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Statements that create the search index over existing rows (part of migration 2). */
  readonly searchSchema: readonly string[];
  /** What a person typed, as the search parameter; null when it holds no word to search for. */
  searchParam(q: string): string | null;
  /**
   * Ids of the matching articles, most relevant first: `p` is the search parameter, `where` the
   * other filters on `articles a` ('' or `WHERE …`).
   */
  searchIds(p: string, where: string, limit: number, offset: number): string;
  /** How many articles match. */
  searchCount(p: string, where: string): string;
  /** FROM and WHERE (after `SELECT … FROM`) for the page's rows, `ids` a placeholder list; and the snippet expression. */
  searchRows(p: string, ids: string): { from: string; snippet: string };
  /** Comma-separated topics of article `a`, sorted. */
  readonly topicList: string;
  /**
   * Run first in a transaction that stores an article, so two copies of one story stored at once
   * cannot both miss each other and become two stories; null where writers are serialised already.
   */
  readonly storyLock: string | null;
}

/** User words as an FTS5 query: every word (or "quoted phrase") must appear; no operator gets through. */
function fts5Query(q: string): string | null {
  const terms: string[] = [];
  for (const m of q.matchAll(SEARCH_TOKEN)) {
    const words = (m[1] ?? m[0]).match(WORD);
    if (words) terms.push(`"${words.join(' ')}"`);
  }
  return terms.length ? terms.join(' ') : null;
}

const BM25 = `bm25(articles_fts, ${TITLE_WEIGHT}.0, 1.0)`;

/** CTE `m`: the FTS matches' rowids (and scores). */
function ftsMatches(p: string, scored: boolean): string {
  return `m AS MATERIALIZED (SELECT rowid AS r${scored ? `, ${BM25} AS score` : ''} FROM articles_fts WHERE articles_fts MATCH ${p})`;
}

const sqlite: SqlDialect = {
  name: 'sqlite',
  // External-content FTS5 keyed by the articles' rowid, kept in step by triggers. Parley never
  // VACUUMs (which may renumber rowids); after a manual VACUUM run: INSERT INTO articles_fts(articles_fts) VALUES ('rebuild').
  searchSchema: [
    `CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, body, content='articles', content_rowid='rowid',
      tokenize='porter unicode61 remove_diacritics 2')`,
    `CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
      INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body); END`,
    `CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
      INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body); END`,
    `CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
      INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
      INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body); END`,
    `INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')`,
  ],
  searchParam: fts5Query,
  // Ranked on the FTS index alone. With other filters, the matches and the filtered rowids are
  // each materialised once and joined: joining every match to its article row before ranking, or
  // asking FTS5 for each filtered rowid, costs several times more on a common word.
  searchIds: (p, where, limit, offset) =>
    where
      ? `WITH ${ftsMatches(p, true)}, f AS MATERIALIZED (SELECT a.rowid AS r FROM articles a ${where})
         SELECT a.id FROM (SELECT m.r, m.score FROM m JOIN f ON f.r = m.r ORDER BY m.score LIMIT ${limit} OFFSET ${offset}) x
         JOIN articles a ON a.rowid = x.r ORDER BY x.score, a.id`
      : `SELECT a.id FROM (SELECT rowid AS r, ${BM25} AS score FROM articles_fts WHERE articles_fts MATCH ${p}
         ORDER BY score LIMIT ${limit} OFFSET ${offset}) x JOIN articles a ON a.rowid = x.r ORDER BY x.score, a.id`,
  searchCount: (p, where) =>
    where
      ? `WITH ${ftsMatches(p, false)}, f AS MATERIALIZED (SELECT a.rowid AS r FROM articles a ${where})
         SELECT COUNT(*) AS n FROM m JOIN f ON f.r = m.r`
      : `SELECT COUNT(*) AS n FROM articles_fts WHERE articles_fts MATCH ${p}`,
  searchRows: (p, ids) => ({
    from: `articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
      WHERE articles_fts MATCH ${p} AND articles_fts.rowid IN (SELECT rowid FROM articles WHERE id IN (${ids}))`,
    snippet: `snippet(articles_fts, 1, char(2), char(3), '…', ${SNIPPET_WORDS})`,
  }),
  topicList: `(SELECT group_concat(topic, ',') FROM (SELECT topic FROM article_topics t WHERE t.article_id = a.id ORDER BY topic))`,
  // Transactions begin IMMEDIATE (sqlite-client.ts): one writer at a time.
  storyLock: null,
};

const TSQUERY = (p: string) => `websearch_to_tsquery('english', ${p})`;

const postgres: SqlDialect = {
  name: 'postgres',
  // ts_rank's default weights are {D 0.1, C 0.2, B 0.4, A 1.0}: title (A) counts ten times the body (D).
  searchSchema: [
    `ALTER TABLE articles ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, body), 'D')) STORED`,
    `CREATE INDEX IF NOT EXISTS articles_search ON articles USING GIN (search)`,
  ],
  // websearch_to_tsquery never fails on what a person types ("quoted phrases", or, -not).
  searchParam: (q) => (q.match(WORD) ? q : null),
  searchIds: (p, where, limit, offset) => `SELECT a.id FROM articles a ${where ? `${where} AND` : 'WHERE'} a.search @@ ${TSQUERY(p)}
    ORDER BY ts_rank(a.search, ${TSQUERY(p)}) DESC, a.sort_at DESC, a.id LIMIT ${limit} OFFSET ${offset}`,
  searchCount: (p, where) => `SELECT COUNT(*) AS n FROM articles a ${where ? `${where} AND` : 'WHERE'} a.search @@ ${TSQUERY(p)}`,
  searchRows: (p, ids) => ({
    from: `articles a WHERE a.id IN (${ids})`,
    snippet: `ts_headline('english', a.body, ${TSQUERY(p)}, 'StartSel=' || chr(2) || ', StopSel=' || chr(3) ||
      ', MaxWords=${SNIPPET_WORDS}, MinWords=${SNIPPET_WORDS / 2}, MaxFragments=2, FragmentDelimiter=" … "')`,
  }),
  topicList: `(SELECT string_agg(topic, ',' ORDER BY topic) FROM article_topics t WHERE t.article_id = a.id)`,
  // A transaction-scoped advisory lock (released at commit); the key is Parley's own constant.
  storyLock: 'SELECT pg_advisory_xact_lock(7250130611)',
};

export const DIALECTS: Record<'sqlite' | 'postgres', SqlDialect> = { sqlite, postgres };

/**
 * Everything that differs between SQLite and PostgreSQL, in one place: full-text search (FTS5 vs a
 * weighted tsvector with a GIN index) and one aggregate. The rest of the store's SQL is shared.
 */
import { PAIR_INDEX_SQL, type PairIndexSql } from './phrase-index.js';
import { hasCyrillic, searchStem } from './search-stems.js';
import { searchQuery, searchVector, titleVector } from './search-terms.js';
import type { SqlValue } from './sql-client.js';

/** Marks around matched words in a snippet; the server and the CLI turn them into their own markup. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

/** Title matches count this many times a body match, in both stores (bm25 weights; ts_rank's A vs D). */
export const TITLE_WEIGHT = 10;

const SEARCH_TOKEN = /"([^"]*)"|[\p{L}\p{N}]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Statements that create the search index over existing rows (part of migration 2). */
  readonly searchSchema: readonly string[];
  /** Migration 4: stems columns, and the search index rebuilt over text and stems in each row's language. */
  readonly stemmedSearchSchema: readonly string[];
  /** Migration 15: the search columns become plain ones, written by Parley (PostgreSQL; none in SQLite). */
  readonly builtSearchSchema: readonly string[];
  /** Columns of `articles` written beside WRITTEN_COLUMNS: the search terms Parley makes (search-terms.ts). */
  readonly searchColumns: readonly string[];
  /** The values of searchColumns for an article's title and text. */
  searchValues(title: string, body: string): SqlValue[];
  /**
   * Whether rows keep their Cyrillic stems (title_stems, body_stems) beside the text: SQLite's FTS5
   * index reads them; PostgreSQL's vectors hold the stems themselves (search-terms.ts).
   */
  readonly keepsStems: boolean;
  /** Condition: `column` is one of the texts in list parameter `p` (a value made by textList). */
  inTextList(column: string, p: string): string;
  /**
   * `columns` of the rows of `table` whose `column` is one of list parameter `p` (textList's), read
   * by one index lookup a value whatever the table's statistics say. PostgreSQL, with no statistics
   * of a column that is not unique alone (a table never analyzed: autovacuum off, or a table filling
   * up since), takes a list of a thousand values to match most rows and scans the table instead.
   */
  lookupByList(columns: string, table: string, column: string, p: string): string;
  /** Texts as one parameter, however many: one statement, one plan, whatever the count. */
  textList(values: readonly string[]): SqlValue;
  /** Condition on `articles` for rows whose title or text has Cyrillic letters (the ones with stems). */
  readonly cyrillicRows: string;
  /** What a person typed, as the search parameter; null when it holds no word to search for. */
  searchParam(q: string): string | null;
  /** Statements that make the SQLite title-only search index (its migration; none in PostgreSQL). */
  readonly titleSearchSchema: readonly string[];
  /** SQLite: any of the search's words, phrases taken apart, as breadthSql's parameter. */
  breadthParam?(q: string): string | null;
  /**
   * SQLite: how many articles hold any of the words (`b`, breadthParam's), counting no further than
   * CANDIDATES + 1 — a common word stops it at once. At most CANDIDATES, and the search is narrow.
   */
  breadthSql?(b: string): string;
  /**
   * PostgreSQL: the planner's estimate of how many match (EXPLAIN, no rows read), read as `rows`.
   * Past NARROW_ESTIMATE the read of every match is not tried: the planner, expecting thousands,
   * scans the table for them, and a phrase of common words has far fewer than its words together
   * (the estimate counts those).
   */
  estimateSql?(p: string, where: string): string;
  /**
   * Every match of a narrow search (id, sort_at, and `score`, its relevance: bm25 or ts_rank, title
   * words weighing TITLE_WEIGHT times the body's), reading no further than CANDIDATES + 1: the page
   * is ordered from this one statement's rows, and their count is the total (article-reads.ts).
   */
  matchesSql(p: string, where: string): string;
  /** Ids of the newest `limit` matches with the words in the title, or (inTitle false) only elsewhere. */
  newestIds(p: string, where: string, inTitle: boolean, limit: number, lowest?: number): string;
  /** How many match, counting no further than EXACT_TOTAL_UP_TO + 1. */
  searchCount(p: string, where: string): string;
  /**
   * PostgreSQL, a search holding a phrase (hasPhrase): how many of at most PHRASE_CANDIDATES
   * articles holding all its words hold the phrase (`n`), and how many were read (`seen`). GIN
   * finds the words, not their order, so each candidate's positions are read: for a phrase of
   * common words ("white house") hundreds of thousands. All were read when `seen` is below the
   * bound, and `n` is exact; otherwise it is a lower bound.
   */
  phraseCount?(p: string, where: string): string;
  /** Whether a search parameter (searchParam's) holds a phrase: PostgreSQL counts it with phraseCount. */
  hasPhrase?(value: string): boolean;
  /** PostgreSQL: the statements of a search whose phrases the index of word pairs serves (phrase-index.ts). */
  readonly pairIndex?: PairIndexSql;
  /**
   * SQLite: searchCount also gives `lo`, the lowest rowid that matches, and a page is listed after
   * the count, passing it to newestIds as `lowest`: a walk for matches stops there rather than at
   * the index's end (a phrase with fewer matches than a page read everything twice). PostgreSQL
   * counts beside the page, on another connection.
   */
  readonly countFirst: boolean;
  /** Comma-separated topics of article `a`, sorted. */
  readonly topicList: string;
  /**
   * Run first in a transaction that stores an article, so two copies of one story stored at once
   * cannot both miss each other and become two stories; null where writers are serialised already.
   */
  readonly storyLock: string | null;
}

/**
 * A narrow search — its words (each of them, SQLite; all together, PostgreSQL) in at most this many
 * articles — is ranked by relevance over all its matches, read in one statement. A broader one, such
 * as a word found in most of a million articles or a phrase of common words, is not scored match by
 * match (that alone took hundreds of milliseconds): it lists the matches with the words in the
 * title first, then the others, each newest first, reading only as far as the page asked for.
 */
export const CANDIDATES = 2_000;

/** Estimated matches past which a PostgreSQL search is taken to be broad without reading its matches. */
export const NARROW_ESTIMATE = 10 * CANDIDATES;

/** Totals are counted exactly up to this many matches; past it a page says "more than". */
export const EXACT_TOTAL_UP_TO = 10_000;

/**
 * PostgreSQL: a search of words (no phrase, no other filter) the planner expects in at least this
 * many articles is not counted; its total is "more than EXACT_TOTAL_UP_TO". The estimate of one word
 * comes from the column's statistics of common words; of several, from their product, which news
 * text's correlated words make lower than the truth, not higher. Ten times the cap leaves room for
 * error before a page could say "more than 10000" of fewer.
 */
export const UNCOUNTED_ESTIMATE = 10 * EXACT_TOTAL_UP_TO;

/**
 * The same for a search of one word: its estimate is its own frequency in the statistics' sample
 * (30,000 rows; a word in 2 % of articles is off by ~5 %), so twice the cap is room enough. Counting
 * 10,001 of a word in 6 % of a million articles took 77 ms; most of it GIN checking each of its
 * 62,000 entries against the query.
 */
export const ONE_WORD_UNCOUNTED_ESTIMATE = 2 * EXACT_TOTAL_UP_TO;

/**
 * A PostgreSQL phrase's total is counted among at most this many articles holding its words
 * (phraseCount). Each costs a read of its row and of the phrase's positions in its vector, about
 * 6 µs at a million articles on this project's machine: 5,000 stay within ~30 ms where a phrase of
 * two common words had 100,000 and more. Past them the page says "more than" what was found.
 */
export const PHRASE_CANDIDATES = 5_000;

/** Pruning finds old skipped records by their time (part of migration 4). */
const PRUNE_INDEX = 'CREATE INDEX IF NOT EXISTS skipped_skipped_at ON skipped (skipped_at)';

/** One user term (a word or "phrase") as FTS5 text: Cyrillic words also match by their stems. */
function fts5Term(words: string[]): string {
  const exact = `"${words.join(' ')}"`;
  if (!words.some(hasCyrillic)) return exact;
  return `(${exact} OR "${words.map((w) => (hasCyrillic(w) ? searchStem(w) : w)).join(' ')}")`;
}

/** User words as an FTS5 query: every word (or "quoted phrase") must appear; no operator gets through. */
function fts5Query(q: string): string | null {
  const terms: string[] = [];
  for (const m of q.matchAll(SEARCH_TOKEN)) {
    const words = (m[1] ?? m[0]).match(WORD);
    if (words) terms.push(fts5Term(words));
  }
  return terms.length ? terms.join(' AND ') : null;
}

/** FROM … WHERE for FTS rows `f` matching `m`, joined to `articles a` when other filters apply. */
function ftsMatching(m: string, where: string, table = 'articles_fts'): string {
  return `${table} f ${where ? `JOIN articles a ON a.rowid = f.rowid ${where} AND` : 'WHERE'} ${table} MATCH ${m}`;
}

/** Any word of a search, phrases taken apart, as an FTS5 query: its breadth is its commonest word's. */
function fts5AnyWord(q: string): string | null {
  const words = [...q.matchAll(SEARCH_TOKEN)].flatMap((m) => (m[1] ?? m[0]).match(WORD) ?? []);
  return words.length ? words.map((w) => fts5Term([w])).join(' OR ') : null;
}

const BM25 = `bm25(articles_fts, ${TITLE_WEIGHT}.0, 1.0, ${TITLE_WEIGHT}.0, 1.0)`;

/** The same, in the title-only index: an article whose title (or its stems) holds the words. */
const titleMatching = (m: string, where: string) => ftsMatching(m, where, 'articles_title_fts');

const FTS_COLUMNS = 'title, body, title_stems, body_stems';
const ftsValues = (row: 'new' | 'old') =>
  FTS_COLUMNS.split(', ')
    .map((c) => `${row}.${c}`)
    .join(', ');

/** The FTS5 table over articles' text and stems, kept in step by triggers (created, or rebuilt by migration 4). */
const sqliteSearchIndex = [
  `CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(${FTS_COLUMNS}, content='articles', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2')`,
  `CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, ${FTS_COLUMNS}) VALUES (new.rowid, ${ftsValues('new')}); END`,
  `CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, ${FTS_COLUMNS}) VALUES ('delete', old.rowid, ${ftsValues('old')}); END`,
  `CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF ${FTS_COLUMNS} ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, ${FTS_COLUMNS}) VALUES ('delete', old.rowid, ${ftsValues('old')});
    INSERT INTO articles_fts (rowid, ${FTS_COLUMNS}) VALUES (new.rowid, ${ftsValues('new')}); END`,
  `INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')`,
];

/**
 * FTS5 over the titles alone (migration 21), kept by triggers like articles_fts. Titles are short,
 * so a common word's entry here is small: the title matches of a search are read without reading
 * the body's position lists (in articles_fts, a column filter still reads them all).
 */
const TITLE_COLUMNS = 'title, title_stems';
const titleValues = (row: 'new' | 'old') => `${row}.title, ${row}.title_stems`;
const sqliteTitleIndex = [
  `CREATE VIRTUAL TABLE IF NOT EXISTS articles_title_fts USING fts5(${TITLE_COLUMNS}, content='articles',
    content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2')`,
  `CREATE TRIGGER IF NOT EXISTS articles_title_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_title_fts (rowid, ${TITLE_COLUMNS}) VALUES (new.rowid, ${titleValues('new')}); END`,
  `CREATE TRIGGER IF NOT EXISTS articles_title_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_title_fts (articles_title_fts, rowid, ${TITLE_COLUMNS})
    VALUES ('delete', old.rowid, ${titleValues('old')}); END`,
  `CREATE TRIGGER IF NOT EXISTS articles_title_fts_update AFTER UPDATE OF ${TITLE_COLUMNS} ON articles BEGIN
    INSERT INTO articles_title_fts (articles_title_fts, rowid, ${TITLE_COLUMNS})
    VALUES ('delete', old.rowid, ${titleValues('old')});
    INSERT INTO articles_title_fts (rowid, ${TITLE_COLUMNS}) VALUES (new.rowid, ${titleValues('new')}); END`,
  `INSERT INTO articles_title_fts (articles_title_fts) VALUES ('rebuild')`,
];

/** SQLite: `column` is one of the texts of a JSON list parameter. */
const sqliteInList = (column: string, p: string) => `${column} IN (SELECT value FROM json_each(${p}))`;

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
  stemmedSearchSchema: [
    `ALTER TABLE articles ADD COLUMN title_stems TEXT`,
    `ALTER TABLE articles ADD COLUMN body_stems TEXT`,
    `DROP TRIGGER IF EXISTS articles_fts_insert`,
    `DROP TRIGGER IF EXISTS articles_fts_delete`,
    `DROP TRIGGER IF EXISTS articles_fts_update`,
    `DROP TABLE IF EXISTS articles_fts`,
    ...sqliteSearchIndex,
    PRUNE_INDEX,
  ],
  builtSearchSchema: [],
  searchColumns: [],
  searchValues: () => [],
  keepsStems: true,
  inTextList: sqliteInList,
  lookupByList: (columns, table, column, p) => `SELECT ${columns} FROM ${table} WHERE ${sqliteInList(column, p)}`,
  textList: (values) => JSON.stringify(values),
  cyrillicRows: `title GLOB '*[а-яА-ЯёЁ]*' OR body GLOB '*[а-яА-ЯёЁ]*'`,
  searchParam: fts5Query,
  titleSearchSchema: sqliteTitleIndex,
  breadthParam: fts5AnyWord,
  breadthSql: (b) =>
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ${b} LIMIT ${CANDIDATES + 1})`,
  // bm25 is lower for a better match: negated, so a higher score is better in both stores.
  matchesSql: (p, where) => `SELECT a.id, a.sort_at, -${BM25} AS score
    FROM articles_fts f JOIN articles a ON a.rowid = f.rowid ${where ? `${where} AND` : 'WHERE'} articles_fts MATCH ${p}
    LIMIT ${CANDIDATES + 1}`,
  // FTS5 walks its index by rowid (the order articles were stored), newest first, and stops.
  newestIds: (p, where, inTitle, limit, lowest) =>
    `SELECT a.id FROM (SELECT f.rowid AS r FROM ${
      inTitle
        ? titleMatching(p, where)
        : ftsMatching(`'(' || ${p} || ') NOT {title title_stems} : (' || ${p} || ')'`, where)
    }${lowest === undefined ? '' : ` AND f.rowid >= ${Math.trunc(lowest)}`}
    ORDER BY f.rowid DESC LIMIT ${limit}) x JOIN articles a ON a.rowid = x.r ORDER BY x.r DESC`,
  searchCount: (p, where) =>
    `SELECT COUNT(*) AS n, MIN(r) AS lo FROM (SELECT f.rowid AS r FROM ${ftsMatching(p, where)} LIMIT ${EXACT_TOTAL_UP_TO + 1})`,
  countFirst: true,
  topicList: `(SELECT group_concat(topic, ',') FROM (SELECT topic FROM article_topics t WHERE t.article_id = a.id ORDER BY topic))`,
  // Transactions begin IMMEDIATE (sqlite-client.ts): one writer at a time.
  storyLock: null,
};

/** The text-search configuration of an article's own language (per row): Russian stems Russian words. */
const ROW_CONFIG = `(CASE WHEN LOWER(language) LIKE 'ru%' THEN 'russian'::regconfig ELSE 'english'::regconfig END)`;

/**
 * The search parameter is a tsquery literal made by search-terms.ts, the same rule that made the
 * articles' vectors: PostgreSQL parses it as it is, with no text-search configuration.
 */
const TSQUERY = (p: string) => `${p}::tsquery`;

/** FROM … WHERE for articles `a` matching tsquery `q` and the other filters. */
function matching(q: string, where: string): string {
  return `articles a ${where ? `${where} AND` : 'WHERE'} a.search @@ ${q}`;
}

const postgres: SqlDialect = {
  name: 'postgres',
  // ts_rank's default weights are {D 0.1, C 0.2, B 0.4, A 1.0}: title (A) counts ten times the body (D).
  searchSchema: [
    `ALTER TABLE articles ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, body), 'D')) STORED`,
    `CREATE INDEX IF NOT EXISTS articles_search ON articles USING GIN (search)`,
  ],
  stemmedSearchSchema: [
    `ALTER TABLE articles ADD COLUMN title_stems TEXT`,
    `ALTER TABLE articles ADD COLUMN body_stems TEXT`,
    `ALTER TABLE articles DROP COLUMN IF EXISTS search`,
    `ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector(${ROW_CONFIG}, title), 'A') || setweight(to_tsvector('english'::regconfig, COALESCE(title_stems, '')), 'A') ||
      setweight(to_tsvector(${ROW_CONFIG}, body), 'D') || setweight(to_tsvector('english'::regconfig, COALESCE(body_stems, '')), 'D')) STORED`,
    `CREATE INDEX IF NOT EXISTS articles_search ON articles USING GIN (search)`,
    // The title alone, with its own index and statistics: "words in the title" is rare for most
    // words, which the planner cannot tell from weights inside the search column.
    `ALTER TABLE articles ADD COLUMN title_search tsvector GENERATED ALWAYS AS (
      to_tsvector(${ROW_CONFIG}, title) || to_tsvector('english'::regconfig, COALESCE(title_stems, ''))) STORED`,
    `CREATE INDEX IF NOT EXISTS articles_title_search ON articles USING GIN (title_search)`,
    PRUNE_INDEX,
  ],
  // The vectors Parley makes (search-terms.ts), kept inline in the row (STORAGE MAIN: compressed
  // in the row unless it would not fit a page), so a phrase's position check or a count reads no
  // TOAST table. The indexes are made after the rows are filled (migrations.ts).
  builtSearchSchema: [
    `DROP INDEX IF EXISTS articles_search`,
    `DROP INDEX IF EXISTS articles_title_search`,
    `ALTER TABLE articles DROP COLUMN IF EXISTS search, DROP COLUMN IF EXISTS title_search`,
    `ALTER TABLE articles ADD COLUMN search tsvector, ADD COLUMN title_search tsvector`,
    `ALTER TABLE articles ALTER COLUMN search SET STORAGE MAIN, ALTER COLUMN title_search SET STORAGE MAIN`,
  ],
  searchColumns: ['search', 'title_search'],
  searchValues: (title, body) => [searchVector(title, body), titleVector(title)],
  keepsStems: false,
  inTextList: (column, p) => `${column} = ANY(${p}::text[])`,
  // A lookup a value: OFFSET 0 keeps the subquery apart, so it cannot become a join that a hash of
  // the list over a scan of the table could serve.
  lookupByList: (columns, table, column, p) =>
    `SELECT r.* FROM unnest(${p}::text[]) AS k(v) CROSS JOIN LATERAL (SELECT ${columns} FROM ${table} WHERE ${column} = k.v OFFSET 0) r`,
  // The driver sends a JS array as a PostgreSQL array literal.
  textList: (values) => values as unknown as SqlValue,
  cyrillicRows: `title ~ '[а-яА-ЯёЁ]' OR body ~ '[а-яА-ЯёЁ]'`,
  // A literal of the words and "quoted phrases", all required; no operator gets through.
  searchParam: searchQuery,

  titleSearchSchema: [],
  // ts_rank's default weights are {D 0.1, C 0.2, B 0.4, A 1.0}: title (A) counts ten times the body (D).
  matchesSql: (p, where) => `SELECT a.id, a.sort_at, ts_rank(a.search, ${TSQUERY(p)}) AS score
    FROM ${matching(TSQUERY(p), where)} LIMIT ${CANDIDATES + 1}`,
  estimateSql: (p, where) => `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${matching(TSQUERY(p), where)}`,
  newestIds: (p, where, inTitle, limit) => `SELECT a.id FROM articles a ${where ? `${where} AND` : 'WHERE'}
    ${inTitle ? `a.title_search @@ ${TSQUERY(p)}` : `a.search @@ ${TSQUERY(p)} AND NOT a.title_search @@ ${TSQUERY(p)}`}
    ORDER BY a.sort_at DESC, a.id LIMIT ${limit}`,
  searchCount: (p, where) =>
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${matching(TSQUERY(p), where)} LIMIT ${EXACT_TOTAL_UP_TO + 1}) m`,
  // The phrase's words alone: each `<n>` of the literal (search-terms.ts) becomes `&`.
  phraseCount: (p, where) => `SELECT COUNT(*) FILTER (WHERE m.search @@ ${TSQUERY(p)}) AS n, COUNT(*) AS seen
    FROM (SELECT a.search FROM ${matching(`regexp_replace(${p}, '<[0-9]+>', '&', 'g')::tsquery`, where)}
    LIMIT ${PHRASE_CANDIDATES}) m`,
  hasPhrase: (value) => /<\d+>/.test(value),
  pairIndex: PAIR_INDEX_SQL,
  countFirst: false,
  topicList: `(SELECT string_agg(topic, ',' ORDER BY topic) FROM article_topics t WHERE t.article_id = a.id)`,
  // A transaction-scoped advisory lock (released at commit); the key is Parley's own constant.
  storyLock: 'SELECT pg_advisory_xact_lock(7250130611)',
};

export const DIALECTS: Record<'sqlite' | 'postgres', SqlDialect> = { sqlite, postgres };

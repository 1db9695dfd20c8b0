/**
 * The article reads of SqlArticleStore: one article with its versions, a filtered page newest first,
 * and a search (ranked when its words are narrow, newest first when broad; dialect.ts) with its total.
 */
import type { EntityType } from '../../shared/contracts.js';
import { filterSql, type FilterSql } from './article-filters.js';
import {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  type ArticleCopy,
  type ArticleDetail,
  type ArticlePage,
  type ArticleQuery,
  type ArticleVersion,
  type FoundArticle,
  type PageOrder,
  type StoredArticle,
} from './article-store.js';
import { ARTICLE_COLUMNS } from './article-row.js';
import {
  CANDIDATES,
  DIALECTS,
  EXACT_TOTAL_UP_TO,
  NARROW_ESTIMATE,
  PHRASE_CANDIDATES,
  ONE_WORD_UNCOUNTED_ESTIMATE,
  UNCOUNTED_ESTIMATE,
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  type SqlDialect,
} from './dialect.js';
import { DENSE_PAIRS } from './phrase-index.js';
import { PhraseReads } from './phrase-reads.js';
import { plannedRows } from './planned-rows.js';
import { makeSnippet } from './snippet.js';
import type { SqlClient } from './sql-client.js';

const SELECT_COLUMNS = ARTICLE_COLUMNS.map((c) => `a.${c}`).join(', ');

interface ArticleRow {
  id: string;
  url: string;
  canonical_url: string;
  title: string;
  byline: string | null;
  published_at: string | null;
  modified_at: string | null;
  site: string | null;
  language: string | null;
  description: string | null;
  image: string | null;
  body: string;
  relevance: number;
  evidence: string;
  origin: string;
  source_kind?: string | null;
  feed_url?: string | null;
  archived_from?: string | null;
  date_source?: string | null;
  fetched_at: string | null;
  cleaned_at: string | null;
  classified_at: string | null;
  stored_at: string;
  topics: string | null;
  [key: string]: unknown;
}

export class ArticleReads {
  private readonly dialect: SqlDialect;
  private readonly estimates = new WeakMap<FilterSql, Promise<number>>();
  /** PostgreSQL: phrases read through the index of word pairs (phrase-reads.ts). */
  private readonly phrases: PhraseReads | null;

  constructor(private readonly db: SqlClient) {
    this.dialect = DIALECTS[db.dialect];
    this.phrases = this.dialect.pairIndex ? new PhraseReads(db, this.dialect.pairIndex) : null;
  }

  async getArticle(id: string): Promise<ArticleDetail | null> {
    const [copy] = await this.db.query<{ article_id: string }>('SELECT article_id FROM article_copies WHERE id = $1', [
      id,
    ]);
    const [row] = copy ? await this.rows([copy.article_id]) : [];
    if (!row) return null;
    const versions = await this.db.query<{
      title: string;
      fingerprint: string | null;
      stored_at: string;
      replaced_at: string;
    }>(
      'SELECT title, fingerprint, stored_at, replaced_at FROM article_versions WHERE article_id = $1 ORDER BY replaced_at DESC',
      [row.id],
    );
    return {
      ...row,
      versions: versions.map((v): ArticleVersion => ({
        title: v.title,
        fingerprint: v.fingerprint,
        storedAt: v.stored_at,
        replacedAt: v.replaced_at,
      })),
    };
  }

  async listArticles(query: ArticleQuery = {}): Promise<FoundArticle[]> {
    const f = filterSql(this.dialect, query);
    return this.page(f, { limit: pageSize(query), offset: Math.max(0, query.offset ?? 0) });
  }

  async searchArticles(query: ArticleQuery = {}): Promise<ArticlePage> {
    const f = filterSql(this.dialect, query);
    const at: PageAt = { limit: pageSize(query), offset: Math.max(0, query.offset ?? 0) };
    // A narrow search reads all its matches for the page: their count is the total.
    const narrow = f.search ? await this.narrowMatches(f, f.search) : null;
    const counted = narrow
      ? Promise.resolve({ n: narrow.length, lo: null, bounded: false })
      : (await this.uncounted(f))
        ? Promise.resolve({ n: EXACT_TOTAL_UP_TO + 1, lo: null, bounded: false })
        : this.count(f);
    if (f.search && this.dialect.countFirst) {
      // Every match is counted, so the page's walk for matches can stop at the lowest.
      const { n, lo } = await counted;
      if (n <= EXACT_TOTAL_UP_TO && lo !== null) at.lowest = lo;
    }
    const [articles, { n, bounded }] = await Promise.all([this.page(f, at, narrow), counted]);
    const order: PageOrder = !f.search ? 'newest' : narrow ? 'relevance' : 'title-then-newest';
    if (n > EXACT_TOTAL_UP_TO) return { total: EXACT_TOTAL_UP_TO, totalIsLowerBound: true, order, articles };
    if (bounded) {
      // A phrase counted among some of its candidates. A short page ends the list: the total is exact.
      const shown = at.offset + articles.length;
      if (articles.length < at.limit && (articles.length > 0 || at.offset === 0))
        return { total: shown, order, articles };
      return { total: Math.max(n, shown), totalIsLowerBound: true, order, articles };
    }
    return { total: n, order, articles };
  }

  /**
   * How many match, up to EXACT_TOTAL_UP_TO + 1, and (SQLite search) the lowest matching rowid;
   * `bounded`: a PostgreSQL phrase counted among PHRASE_CANDIDATES of its candidates, so at least n.
   */
  private async count(f: FilterSql): Promise<{ n: number; lo: number | null; bounded: boolean }> {
    const byPairs = await this.phrases?.count(f);
    if (byPairs) return { ...byPairs, lo: null };
    if (f.search && this.dialect.phraseCount && this.dialect.hasPhrase?.(String(f.params[0]))) {
      const [row] = await this.db.query<{ n: number | string; seen: number | string }>(
        this.dialect.phraseCount(f.search, f.where),
        f.params,
      );
      return { n: Number(row?.n ?? 0), lo: null, bounded: Number(row?.seen ?? 0) >= PHRASE_CANDIDATES };
    }
    const sql = f.search
      ? this.dialect.searchCount(f.search, f.where)
      : `SELECT COUNT(*) AS n FROM (SELECT 1 ${f.countFrom} LIMIT ${EXACT_TOTAL_UP_TO + 1}) m`;
    const [row] = await this.db.query<{ n: number | string; lo?: number | string | null }>(sql, f.params);
    return {
      n: Number(row?.n ?? 0),
      lo: row?.lo === undefined || row.lo === null ? null : Number(row.lo),
      bounded: false,
    };
  }

  /** One page: the matching ids in order first (cheap columns only), then those rows in full. */
  private async page(f: FilterSql, at: PageAt, narrow?: NarrowMatch[] | null): Promise<FoundArticle[]> {
    const ids = f.search
      ? await this.searchIds(f, f.search, at, narrow === undefined ? await this.narrowMatches(f, f.search) : narrow)
      : (
          await this.db.query<{ id: string }>(
            `SELECT ${f.listId} AS id ${f.listFrom} ORDER BY ${f.listOrder} LIMIT ${at.limit} OFFSET ${at.offset}`,
            f.params,
          )
        ).map((r) => r.id);
    const found = await this.rows(ids);
    const typed = f.typed;
    return typed
      ? found.map((a) => ({ ...a, snippet: makeSnippet(a.text, typed, HIGHLIGHT_START, HIGHLIGHT_END) }))
      : found;
  }

  /**
   * Every match of a narrow search, within the other filters, read in one statement; null when the
   * search is broad (it lists its newest) or turns out to have more than CANDIDATES matches.
   */
  private async narrowMatches(f: FilterSql, p: string): Promise<NarrowMatch[] | null> {
    if (!(await this.mayBeNarrow(f, p))) return null;
    const pairs = await this.phrases?.servedBy(f);
    const sql = pairs ? pairs.sql.matchesSql(p, f.where, CANDIDATES + 1) : this.dialect.matchesSql(p, f.where);
    const rows = await this.db.query<NarrowMatch>(sql, f.params);
    return rows.length <= CANDIDATES ? rows : null;
  }

  /**
   * Whether a search can be narrow, cheaply: SQLite counts the articles holding any of its words up
   * to CANDIDATES + 1 (a common word ends the count at once); PostgreSQL asks the planner.
   */
  private async mayBeNarrow(f: FilterSql, p: string): Promise<boolean> {
    const pairs = await this.phrases?.servedBy(f);
    if (pairs) return pairs.candidates <= CANDIDATES;
    const breadthSql = this.dialect.breadthSql?.('$1');
    if (f.breadth !== null && breadthSql) {
      const [row] = await this.db.query<{ n: number | string }>(breadthSql, [f.breadth]);
      return Number(row?.n ?? 0) <= CANDIDATES;
    }
    return (await this.estimate(f, p)) <= NARROW_ESTIMATE;
  }

  /**
   * Whether a search's total is "more than EXACT_TOTAL_UP_TO" by the statistics alone (PostgreSQL):
   * words without a phrase and without other filters, which the planner expects in UNCOUNTED_ESTIMATE
   * articles or more (ONE_WORD_UNCOUNTED_ESTIMATE for one word). Counting 10,001 of them read ~15,000
   * rows (100–170 ms at a million articles).
   */
  private async uncounted(f: FilterSql): Promise<boolean> {
    const value = String(f.params[0]);
    if (!f.search || f.where || !this.dialect.estimateSql || this.dialect.hasPhrase?.(value)) return false;
    const oneWord = !value.includes('&');
    return (await this.estimate(f, f.search)) >= (oneWord ? ONE_WORD_UNCOUNTED_ESTIMATE : UNCOUNTED_ESTIMATE);
  }

  /** The planner's estimate of a search's matches (PostgreSQL), 0 where the dialect gives none; asked once per query. */
  private estimate(f: FilterSql, p: string): Promise<number> {
    const known = this.estimates.get(f);
    if (known) return known;
    const asked = (async () => {
      const sql = this.dialect.estimateSql?.(p, f.where);
      if (!sql) return 0;
      return plannedRows(this.db, sql, f.params);
    })();
    this.estimates.set(f, asked);
    return asked;
  }

  /**
   * A search's page of ids: a narrow search's matches most relevant first (ordered here, every match
   * read); a broad one's with the words in the title first, then the others, each newest first.
   */
  private async searchIds(
    f: FilterSql,
    p: string,
    { limit, offset, lowest }: PageAt,
    narrow: NarrowMatch[] | null,
  ): Promise<string[]> {
    if (narrow)
      return [...narrow]
        .sort(mostRelevantFirst)
        .slice(offset, offset + limit)
        .map((m) => m.id);
    const d = this.dialect;
    // A phrase's title matches come from its pairs in titles; its others too, unless the phrase is
    // dense, found soon enough walking all articles newest first (DENSE_PAIRS).
    const pairs = await this.phrases?.servedBy(f);
    const newest = (inTitle: boolean, n: number) =>
      pairs && (inTitle || pairs.candidates <= DENSE_PAIRS)
        ? pairs.sql.newestIds(p, f.where, inTitle, n)
        : d.newestIds(p, f.where, inTitle, n, lowest);
    const ids = async (sql: string) => (await this.db.query<{ id: string }>(sql, f.params)).map((r) => r.id);
    const wanted = offset + limit;
    const inTitle = await ids(newest(true, wanted));
    const rest = inTitle.length < wanted ? await ids(newest(false, wanted - inTitle.length)) : [];
    return [...inTitle, ...rest].slice(offset);
  }

  /** Full rows for ids, in that order. */
  private async rows(ids: string[]): Promise<FoundArticle[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<ArticleRow>(
      `SELECT ${SELECT_COLUMNS}, ${this.dialect.topicList} AS topics FROM articles a WHERE a.id IN (${placeholders(ids)})`,
      ids,
    );
    const [entities, copies] = await Promise.all([this.entitiesOf(ids), this.copiesOf(ids)]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids
      .map((id) => byId.get(id))
      .filter((r): r is ArticleRow => r !== undefined)
      .map((r) => ({ ...toArticle(r, entities.get(r.id) ?? []), copies: copies.get(r.id) ?? [], snippet: null }));
  }

  private async entitiesOf(ids: string[]): Promise<Map<string, StoredArticle['entities']>> {
    const rows = ids.length
      ? await this.db.query<{ article_id: string; name: string; type: EntityType; mentions: number }>(
          `SELECT article_id, name, type, mentions FROM article_entities
           WHERE article_id IN (${placeholders(ids)}) ORDER BY mentions DESC, name`,
          ids,
        )
      : [];
    return groupBy(
      rows,
      (r) => r.article_id,
      (r) => ({ name: r.name, type: r.type, mentions: Number(r.mentions) }),
    );
  }

  private async copiesOf(ids: string[]): Promise<Map<string, ArticleCopy[]>> {
    const rows = ids.length
      ? await this.db.query<{ id: string; article_id: string; url: string; site: string | null; seen_at: string }>(
          `SELECT id, article_id, url, site, seen_at FROM article_copies
           WHERE article_id IN (${placeholders(ids)}) ORDER BY seen_at, id`,
          ids,
        )
      : [];
    return groupBy(
      rows,
      (r) => r.article_id,
      (r) => ({ id: r.id, url: r.url, site: r.site, seenAt: r.seen_at }),
    );
  }
}

/** Which page; `lowest`: no match has a lower rowid (SQLite, once counted), so a walk stops there. */
type PageAt = { limit: number; offset: number; lowest?: number };

/** A match read by narrowMatches: `score` is its relevance, higher is better (dialect.ts matchesSql). */
type NarrowMatch = {
  id: string;
  sort_at: string;
  score: number | string;
};

/** Most relevant first; of equal relevance, newest first. */
function mostRelevantFirst(a: NarrowMatch, b: NarrowMatch): number {
  const byScore = Number(b.score) - Number(a.score);
  if (byScore !== 0) return byScore;
  if (a.sort_at !== b.sort_at) return a.sort_at > b.sort_at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function pageSize(query: ArticleQuery): number {
  return Math.min(Math.max(1, query.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
}

function placeholders(values: unknown[]): string {
  return values.map((_, i) => `$${i + 1}`).join(', ');
}

function groupBy<R, V>(rows: R[], key: (r: R) => string, value: (r: R) => V): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const r of rows) {
    const list = out.get(key(r)) ?? [];
    list.push(value(r));
    out.set(key(r), list);
  }
  return out;
}

function toArticle(r: ArticleRow, entities: StoredArticle['entities']): StoredArticle {
  return {
    id: r.id,
    url: r.url,
    canonicalUrl: r.canonical_url,
    title: r.title,
    byline: r.byline,
    published: r.published_at,
    modified: r.modified_at,
    site: r.site,
    language: r.language,
    description: r.description,
    image: r.image,
    text: r.body,
    topics: r.topics ? r.topics.split(',').sort() : [],
    relevance: Number(r.relevance),
    evidence: JSON.parse(r.evidence) as unknown,
    entities,
    origin: r.origin,
    sourceKind: r.source_kind ?? null,
    feedUrl: r.feed_url ?? null,
    archivedFrom: r.archived_from ?? null,
    ...(r.date_source === 'text' ? { dateSource: 'text' as const } : {}),
    fetchedAt: r.fetched_at,
    cleanedAt: r.cleaned_at,
    classifiedAt: r.classified_at,
    storedAt: r.stored_at,
  };
}

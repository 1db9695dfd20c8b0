/** Turns an ArticleQuery into SQL conditions on `articles a` and their parameters. */
import type { ArticleQuery } from './article-store.js';
import { siteHost } from './copy-row.js';
import type { SqlDialect } from './dialect.js';
import type { SqlValue } from './sql-client.js';

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface FilterSql {
  /** `WHERE …` on `articles a` for the filters other than the search (empty when there are none). */
  where: string;
  /**
   * A listing without a search, newest first: `FROM … WHERE …` and its `ORDER BY` terms. With a
   * topic it walks the topic's own date index (article_topics.sort_at, migration 22) and checks
   * the other filters on its articles; otherwise the articles' date index.
   */
  listFrom: string;
  /**
   * The same rows as listFrom, written to be counted: a site filter reads its copies once by the
   * site's indexes (`IN`), not article by article; a listing that stops after a page does better
   * asking each article it walks (`EXISTS`).
   */
  countFrom: string;
  /** The article id in listFrom's rows. */
  listId: string;
  listOrder: string;
  /** Parameters: the search parameter first ($1) when searching, then the filters'. */
  params: SqlValue[];
  /** `$1` when searching, else null. */
  search: string | null;
  /** What the dialect's breadthSql counts for this search (dialect.ts breadthParam), when it has one. */
  breadth: string | null;
  /** The search text as typed, when searching. */
  typed: string | null;
}

/** The day after a YYYY-MM-DD date, as YYYY-MM-DD. */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** `text` with LIKE's wildcards and its escape character escaped (ESCAPE '\\'). */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Filters as correlated EXISTS: a listing walks a date index newest first and stops after a page,
 * checking each article against the small per-article tables by their primary keys. A topic is the
 * filter a listing walks by when it has one: one article in six or so has a given topic, so a topic
 * and a site (one in forty) walked 5,000 articles for a page by the articles' date, 800 by the topic's.
 */
export function filterSql(d: SqlDialect, query: ArticleQuery): FilterSql {
  /**
   * Conditions on the article's id (`key`: a.id, or t.article_id when the topic is walked), written
   * for a listing or, `counting`, for a count.
   */
  const byId: ((key: string, counting: boolean) => string)[] = [];
  /** Conditions on the article's own columns. */
  const onRow: string[] = [];
  /** Date bounds, on the sort_at column of the table walked. */
  const dates: ((column: string) => string)[] = [];
  let topic: string | null = null;
  const params: SqlValue[] = [];
  const param = (v: SqlValue) => {
    params.push(v);
    return `$${params.length}`;
  };
  const searchValue = query.q ? d.searchParam(query.q) : null;
  const search = searchValue === null ? null : param(searchValue);
  // Its own statement's parameter, not one of the filters'.
  const breadth = search && query.q && d.breadthParam ? d.breadthParam(query.q) : null;
  if (query.topic) topic = param(query.topic);
  if (query.entity) {
    const p = param(`%${likeEscape(query.entity.toLowerCase())}%`);
    byId.push(
      (key) =>
        `EXISTS (SELECT 1 FROM article_entities e WHERE e.article_id = ${key} AND LOWER(e.name) LIKE ${p} ESCAPE '\\')`,
    );
  }
  if (query.site) {
    // A site name ("Reuters") or a host ("reuters.com", "www.reuters.com", a URL): either matches a
    // copy, by its site name or its URL's host (both indexed).
    const name = param(query.site.toLowerCase());
    const host = param(siteHost(query.site));
    const isSite = `(LOWER(c.site) = ${name} OR c.host = ${host})`;
    byId.push((key, counting) =>
      counting
        ? `${key} IN (SELECT c.article_id FROM article_copies c WHERE ${isSite})`
        : `EXISTS (SELECT 1 FROM article_copies c WHERE c.article_id = ${key} AND ${isSite})`,
    );
  }
  if (query.lang) {
    const lang = param(query.lang);
    onRow.push(`(LOWER(a.language) = ${lang} OR LOWER(a.language) LIKE ${param(`${query.lang}-%`)})`);
  }
  if (query.kind) onRow.push(`a.source_kind = ${param(query.kind)}`);
  if (query.feed) onRow.push(`a.feed_url = ${param(query.feed)}`);
  if (query.from) {
    const from = param(query.from);
    dates.push((column) => `${column} >= ${from}`);
  }
  if (query.to) {
    // A bare date includes its whole day: before the next one.
    const bare = BARE_DATE.test(query.to);
    const to = param(bare ? nextDay(query.to) : query.to);
    dates.push((column) => `${column} ${bare ? '<' : '<='} ${to}`);
  }
  const onArticles = (counting: boolean) => [
    ...(topic ? [`EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = a.id AND t.topic = ${topic})`] : []),
    ...byId.map((c) => c('a.id', counting)),
    ...onRow,
    ...dates.map((c) => c('a.sort_at')),
  ];
  const where = (counting: boolean) => {
    const all = onArticles(counting);
    return all.length ? `WHERE ${all.join(' AND ')}` : '';
  };
  // Walking a topic, the articles table is joined only for conditions on its own columns.
  const from = (counting: boolean) =>
    topic
      ? `FROM article_topics t${onRow.length ? ' JOIN articles a ON a.id = t.article_id' : ''} WHERE ${[
          `t.topic = ${topic}`,
          ...byId.map((c) => c('t.article_id', counting)),
          ...onRow,
          ...dates.map((c) => c('t.sort_at')),
        ].join(' AND ')}`
      : `FROM articles a ${where(counting)}`;
  return {
    where: where(false),
    listFrom: from(false),
    countFrom: from(true),
    listId: topic ? 't.article_id' : 'a.id',
    listOrder: topic ? 't.sort_at DESC, t.article_id' : 'a.sort_at DESC, a.id',
    params,
    search,
    breadth,
    typed: search ? (query.q ?? null) : null,
  };
}

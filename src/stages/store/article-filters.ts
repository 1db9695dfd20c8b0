/** Turns an ArticleQuery into SQL conditions on `articles a` and their parameters. */
import type { ArticleQuery } from './article-store.js';
import type { SqlDialect } from './dialect.js';
import type { SqlValue } from './sql-client.js';

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface FilterSql {
  /** `WHERE …` for the filters other than the search (empty when there are none). */
  where: string;
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

/** The host a site filter names, lower case, without scheme, path, port or a leading "www.". */
function hostOfSite(site: string): string {
  return site
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/^www\./, '');
}

/**
 * Filters as correlated EXISTS: a listing walks the sort_at index newest first and stops after a
 * page, checking each article against the small per-article tables by their primary keys.
 */
export function filterSql(d: SqlDialect, query: ArticleQuery): FilterSql {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const param = (v: SqlValue) => {
    params.push(v);
    return `$${params.length}`;
  };
  const searchValue = query.q ? d.searchParam(query.q) : null;
  const search = searchValue === null ? null : param(searchValue);
  // Its own statement's parameter, not one of the filters'.
  const breadth = search && query.q && d.breadthParam ? d.breadthParam(query.q) : null;
  if (query.topic) {
    where.push(`EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = a.id AND t.topic = ${param(query.topic)})`);
  }
  if (query.entity) {
    const p = param(`%${likeEscape(query.entity.toLowerCase())}%`);
    where.push(
      `EXISTS (SELECT 1 FROM article_entities e WHERE e.article_id = a.id AND LOWER(e.name) LIKE ${p} ESCAPE '\\')`,
    );
  }
  if (query.site) {
    // A site name ("Reuters") or a host ("reuters.com", "www.reuters.com", a URL): either matches.
    const host = hostOfSite(query.site);
    const name = param(query.site.toLowerCase());
    const bare = param(`%://${likeEscape(host)}/%`);
    const www = param(`%://www.${likeEscape(host)}/%`);
    where.push(
      `EXISTS (SELECT 1 FROM article_copies c WHERE c.article_id = a.id AND (LOWER(c.site) = ${name} ` +
        `OR LOWER(c.url) LIKE ${bare} ESCAPE '\\' OR LOWER(c.url) LIKE ${www} ESCAPE '\\'))`,
    );
  }
  if (query.lang) {
    const lang = param(query.lang);
    where.push(`(LOWER(a.language) = ${lang} OR LOWER(a.language) LIKE ${param(`${query.lang}-%`)})`);
  }
  if (query.kind) where.push(`a.source_kind = ${param(query.kind)}`);
  if (query.feed) where.push(`a.feed_url = ${param(query.feed)}`);
  if (query.from) where.push(`a.sort_at >= ${param(query.from)}`);
  if (query.to) {
    where.push(
      BARE_DATE.test(query.to) ? `a.sort_at < ${param(nextDay(query.to))}` : `a.sort_at <= ${param(query.to)}`,
    );
  }
  return {
    where: where.length ? `WHERE ${where.join(' AND ')}` : '',
    params,
    search,
    breadth,
    typed: search ? (query.q ?? null) : null,
  };
}

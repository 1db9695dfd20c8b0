/** Turns an ArticleQuery into SQL: the FROM additions, WHERE conditions, parameters and order. */
import type { ArticleQuery } from './article-store.js';
import type { SqlDialect } from './dialect.js';
import type { SqlValue } from './sql-client.js';

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface FilterSql {
  from: string;
  where: string;
  params: SqlValue[];
  /** ORDER BY terms (relevance first when searching). */
  order: string;
  /** The snippet expression, or NULL when not searching. */
  snippet: string;
}

/** The day after a YYYY-MM-DD date, as YYYY-MM-DD. */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function filterSql(d: SqlDialect, query: ArticleQuery): FilterSql {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const param = (v: SqlValue) => {
    params.push(v);
    return `$${params.length}`;
  };
  let from = '';
  let order = 'a.sort_at DESC, a.id';
  let snippet = 'NULL';
  const search = query.q ? d.searchParam(query.q) : null;
  if (search !== null) {
    const p = param(search);
    from = d.searchFrom;
    where.push(d.searchMatch(p));
    order = `${d.searchOrder(p)}, a.sort_at DESC, a.id`;
    snippet = d.searchSnippet(p);
  }
  if (query.topic) {
    where.push(`EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = a.id AND t.topic = ${param(query.topic)})`);
  }
  if (query.entity) {
    const p = param(`%${query.entity.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`EXISTS (SELECT 1 FROM article_entities e WHERE e.article_id = a.id AND LOWER(e.name) LIKE ${p} ESCAPE '\\')`);
  }
  if (query.site) {
    where.push(`EXISTS (SELECT 1 FROM article_copies c WHERE c.article_id = a.id AND LOWER(c.site) = ${param(query.site.toLowerCase())})`);
  }
  if (query.from) where.push(`a.sort_at >= ${param(query.from)}`);
  if (query.to) {
    where.push(BARE_DATE.test(query.to) ? `a.sort_at < ${param(nextDay(query.to))}` : `a.sort_at <= ${param(query.to)}`);
  }
  return { from, where: where.length ? `WHERE ${where.join(' AND ')}` : '', params, order, snippet };
}

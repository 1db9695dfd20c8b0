/**
 * What the list page offers as filter choices, each with how many stories it holds: the entities
 * most often named, the sites that carried the most stories, and the languages stored. Every
 * query is bounded by a LIMIT, so a large store gives a short menu.
 */
import type { SqlClient } from './sql-client.js';

/** A filter value and the number of stories it would list. */
export interface FacetCount {
  value: string;
  count: number;
}

/** Entity names offered as suggestions: enough to cover the names people look for, short enough for a page. */
export const ENTITY_SUGGESTIONS = 200;
/** Sites counted on the list page: the busiest, since a long tail helps nobody choose. */
export const SITE_COUNTS = 50;
/** Languages offered: more than the store has ever held, a bound all the same. */
export const LANGUAGE_CHOICES = 100;

export class FacetQueries {
  constructor(private readonly db: SqlClient) {}

  /** The `limit` entity names in most stories, most first (ties by name). */
  async entities(limit = ENTITY_SUGGESTIONS): Promise<FacetCount[]> {
    return this.counts(
      `SELECT name AS value, COUNT(*) AS n FROM article_entities
       GROUP BY name ORDER BY COUNT(*) DESC, name LIMIT $1`,
      limit,
    );
  }

  /** The `limit` sites (by name, case-insensitive) that carried the most stories, most first. */
  async sites(limit = SITE_COUNTS): Promise<FacetCount[]> {
    return this.counts(
      `SELECT MIN(site) AS value, COUNT(DISTINCT article_id) AS n FROM article_copies
       WHERE site IS NOT NULL AND site <> '' GROUP BY LOWER(site) ORDER BY COUNT(DISTINCT article_id) DESC, LOWER(site) LIMIT $1`,
      limit,
    );
  }

  /** Stored languages as codes ("ru-RU" counts as "ru"), most stories first. */
  async languages(limit = LANGUAGE_CHOICES): Promise<FacetCount[]> {
    const rows = await this.counts(
      `SELECT LOWER(language) AS value, COUNT(*) AS n FROM articles
       WHERE language IS NOT NULL AND language <> '' GROUP BY LOWER(language) ORDER BY COUNT(*) DESC LIMIT $1`,
      limit,
    );
    const byCode = new Map<string, number>();
    for (const r of rows) {
      const code = r.value.split('-')[0]!;
      byCode.set(code, (byCode.get(code) ?? 0) + r.count);
    }
    return [...byCode]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }

  private async counts(sql: string, limit: number): Promise<FacetCount[]> {
    const rows = await this.db.query<{ value: string; n: number | string }>(sql, [limit]);
    return rows.map((r) => ({ value: r.value, count: Number(r.n) }));
  }
}

/**
 * ArticleStore on any SqlClient: one set of queries for SQLite and PostgreSQL. Upserts are keyed by
 * article id, so at-least-once delivery never makes a second row.
 */
import {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  type ArticleQuery,
  type ArticleStore,
  type SkippedArticle,
  type StoreStatus,
  type StoredArticle,
} from './article-store.js';
import { migrate } from './migrations.js';
import type { SqlClient, SqlValue } from './sql-client.js';

const ARTICLE_COLUMNS = [
  'id', 'url', 'canonical_url', 'title', 'byline', 'published_at', 'modified_at', 'site', 'language',
  'description', 'image', 'body', 'relevance', 'evidence', 'origin', 'fetched_at', 'cleaned_at',
  'classified_at', 'stored_at', 'sort_at',
] as const;

const UPSERT_ARTICLE = `INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')})
  VALUES (${ARTICLE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${ARTICLE_COLUMNS.filter((c) => c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;

interface ArticleRow {
  id: string; url: string; canonical_url: string; title: string; byline: string | null;
  published_at: string | null; modified_at: string | null; site: string | null; language: string | null;
  description: string | null; image: string | null; body: string; relevance: number; evidence: string;
  origin: string; fetched_at: string | null; cleaned_at: string | null; classified_at: string | null;
  stored_at: string; topics: string | null;
  [key: string]: unknown;
}

export class SqlArticleStore implements ArticleStore {
  constructor(private readonly db: SqlClient) {}

  migrate(): Promise<void> {
    return migrate(this.db);
  }

  async upsertArticle(a: StoredArticle): Promise<void> {
    const values: SqlValue[] = [
      a.id, a.url, a.canonicalUrl, a.title, a.byline, a.published, a.modified, a.site, a.language,
      a.description, a.image, a.text, a.relevance, JSON.stringify(a.evidence ?? null), a.origin,
      a.fetchedAt, a.cleanedAt, a.classifiedAt, a.storedAt, a.published ?? a.storedAt,
    ];
    await this.db.transaction(async (tx) => {
      await tx.query(UPSERT_ARTICLE, values);
      await tx.query('DELETE FROM article_topics WHERE article_id = $1', [a.id]);
      for (const topic of new Set(a.topics)) {
        await tx.query('INSERT INTO article_topics (article_id, topic) VALUES ($1, $2)', [a.id, topic]);
      }
      await tx.query('DELETE FROM article_entities WHERE article_id = $1', [a.id]);
      const seen = new Set<string>();
      for (const e of a.entities) {
        if (seen.has(e.name)) continue;
        seen.add(e.name);
        await tx.query('INSERT INTO article_entities (article_id, name, type, mentions) VALUES ($1, $2, $3, $4)', [
          a.id, e.name, e.type, e.mentions,
        ]);
      }
      await tx.query('DELETE FROM skipped WHERE id = $1', [a.id]);
    });
  }

  async recordSkipped(s: SkippedArticle): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO skipped (id, url, title, relevance, skipped_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET url = excluded.url, title = excluded.title,
           relevance = excluded.relevance, skipped_at = excluded.skipped_at`,
        [s.id, s.url, s.title, s.relevance, s.skippedAt],
      );
      await tx.query('DELETE FROM articles WHERE id = $1', [s.id]);
    });
  }

  async status(id: string): Promise<StoreStatus> {
    const rows = await this.db.query<{ kind: string }>(
      `SELECT 'stored' AS kind FROM articles WHERE id = $1 UNION ALL SELECT 'skipped' AS kind FROM skipped WHERE id = $1`,
      [id],
    );
    return (rows[0]?.kind as StoreStatus) ?? null;
  }

  async getArticle(id: string): Promise<StoredArticle | null> {
    const [row] = await this.select('WHERE a.id = $1', [id], 1, 0);
    return row ?? null;
  }

  async listArticles(query: ArticleQuery = {}): Promise<StoredArticle[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (query.topic) {
      params.push(query.topic);
      where.push(`EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = a.id AND t.topic = $${params.length})`);
    }
    if (query.entity) {
      params.push(query.entity.toLowerCase());
      where.push(
        `EXISTS (SELECT 1 FROM article_entities e WHERE e.article_id = a.id AND LOWER(e.name) LIKE '%' || $${params.length} || '%')`,
      );
    }
    for (const word of (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean)) {
      params.push(`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(LOWER(a.title) LIKE $${params.length} ESCAPE '\\' OR LOWER(a.body) LIKE $${params.length} ESCAPE '\\')`);
    }
    const limit = Math.min(Math.max(1, query.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
    return this.select(where.length ? `WHERE ${where.join(' AND ')}` : '', params, limit, Math.max(0, query.offset ?? 0));
  }

  async countArticles(): Promise<{ stored: number; skipped: number }> {
    const [row] = await this.db.query<{ stored: number | string; skipped: number | string }>(
      'SELECT (SELECT COUNT(*) FROM articles) AS stored, (SELECT COUNT(*) FROM skipped) AS skipped',
    );
    return { stored: Number(row?.stored ?? 0), skipped: Number(row?.skipped ?? 0) };
  }

  close(): Promise<void> {
    return this.db.close();
  }

  private async select(where: string, params: SqlValue[], limit: number, offset: number): Promise<StoredArticle[]> {
    const rows = await this.db.query<ArticleRow>(
      `SELECT a.*, (SELECT ${this.db.dialect === 'postgres' ? "string_agg(topic, ',' ORDER BY topic)" : "group_concat(topic, ',')"}
         FROM article_topics t WHERE t.article_id = a.id) AS topics
       FROM articles a ${where}
       ORDER BY a.sort_at DESC, a.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    const entities = await this.entitiesOf(rows.map((r) => r.id));
    return rows.map((r) => toArticle(r, entities.get(r.id) ?? []));
  }

  private async entitiesOf(ids: string[]): Promise<Map<string, StoredArticle['entities']>> {
    const byArticle = new Map<string, StoredArticle['entities']>();
    if (ids.length === 0) return byArticle;
    const rows = await this.db.query<{ article_id: string; name: string; type: string; mentions: number }>(
      `SELECT article_id, name, type, mentions FROM article_entities
       WHERE article_id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY mentions DESC, name`,
      ids,
    );
    for (const r of rows) {
      const list = byArticle.get(r.article_id) ?? [];
      list.push({ name: r.name, type: r.type, mentions: Number(r.mentions) });
      byArticle.set(r.article_id, list);
    }
    return byArticle;
  }
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
    fetchedAt: r.fetched_at,
    cleanedAt: r.cleaned_at,
    classifiedAt: r.classified_at,
    storedAt: r.stored_at,
  };
}

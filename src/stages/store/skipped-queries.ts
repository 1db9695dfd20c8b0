/**
 * Skipped articles for people: a page of them newest first (optionally only those whose title, URL
 * or kept text contains some words), an analyst's relevance marks, and the marked articles as
 * labelled data for the classifier's fitting tools. One set of queries for SQLite and PostgreSQL.
 */
import type { SqlClient, SqlValue } from './sql-client.js';

export type RelevanceLabel = 'relevant' | 'not-relevant';
export const RELEVANCE_LABELS: readonly RelevanceLabel[] = ['relevant', 'not-relevant'];

export interface SkippedQuery {
  /** Words that must all appear (case-insensitive) in the title, the URL or the kept text. */
  q?: string;
  limit?: number;
  offset?: number;
}

/** A skipped article (the fields of article-store's SkippedArticle) with its mark. */
export interface ListedSkipped {
  id: string;
  url: string;
  title: string;
  relevance: number;
  skippedAt: string;
  excerpt: string | null;
  evidence: unknown;
  label: RelevanceLabel | null;
}

/** One line of the labelled data (the format of shared/eval's dev sets, read by fit-classifier.ts). */
export interface LabelledLine {
  id: string;
  title: string;
  text: string;
  relevance: 'yes' | 'no';
  topics: string[];
  source: string;
  labelledAt: string;
}

type SkippedRow = {
  id: string;
  url: string;
  title: string;
  relevance: number | string;
  skipped_at: string;
  excerpt: string | null;
  evidence: string | null;
  label: RelevanceLabel | null;
};

/** Words in a search box, at most this many (each one a LIKE over three columns). */
const MAX_WORDS = 8;

function likePattern(word: string): string {
  return `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class SkippedQueries {
  constructor(private readonly db: SqlClient) {}

  async list(query: SkippedQuery = {}): Promise<{ total: number; articles: ListedSkipped[] }> {
    const words = (query.q ?? '').split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
    const params: SqlValue[] = [];
    const where = words.map((w) => {
      params.push(likePattern(w));
      const p = `$${params.length}`;
      return `(LOWER(s.title) LIKE ${p} ESCAPE '\\' OR LOWER(s.url) LIKE ${p} ESCAPE '\\' OR LOWER(COALESCE(s.excerpt, '')) LIKE ${p} ESCAPE '\\')`;
    });
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [count] = await this.db.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM skipped s ${whereSql}`,
      params,
    );
    const rows = await this.db.query<SkippedRow>(
      `SELECT s.id, s.url, s.title, s.relevance, s.skipped_at, s.excerpt, s.evidence, l.label
       FROM skipped s LEFT JOIN relevance_labels l ON l.id = s.id ${whereSql}
       ORDER BY s.skipped_at DESC, s.id LIMIT ${Number(query.limit ?? 50)} OFFSET ${Number(query.offset ?? 0)}`,
      params,
    );
    return {
      total: Number(count?.n ?? 0),
      articles: rows.map((r) => ({
        id: r.id,
        url: r.url,
        title: r.title,
        relevance: Number(r.relevance),
        skippedAt: r.skipped_at,
        excerpt: r.excerpt,
        evidence: r.evidence ? (JSON.parse(r.evidence) as unknown) : null,
        label: r.label,
      })),
    };
  }

  /** Marks an article (skipped or stored), replacing an earlier mark; null removes the mark. */
  async mark(id: string, label: RelevanceLabel | null, at: string = new Date().toISOString()): Promise<void> {
    if (label === null) {
      await this.db.query('DELETE FROM relevance_labels WHERE id = $1', [id]);
      return;
    }
    await this.db.query(
      `INSERT INTO relevance_labels (id, label, labelled_at) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET label = excluded.label, labelled_at = excluded.labelled_at`,
      [id, label, at],
    );
  }

  /**
   * Every marked article as a labelled line: a stored article with its full text and topics, a
   * skipped one with the start of its text that was kept. Marks whose article is gone are left out.
   */
  async labelled(): Promise<LabelledLine[]> {
    const rows = await this.db.query<{
      id: string;
      label: RelevanceLabel;
      labelled_at: string;
      s_title: string | null;
      s_url: string | null;
      excerpt: string | null;
      a_title: string | null;
      a_url: string | null;
      text: string | null;
    }>(
      `SELECT l.id, l.label, l.labelled_at, s.title AS s_title, s.url AS s_url, s.excerpt,
              a.title AS a_title, a.url AS a_url, a.body AS text
       FROM relevance_labels l LEFT JOIN skipped s ON s.id = l.id LEFT JOIN articles a ON a.id = l.id
       ORDER BY l.labelled_at, l.id`,
    );
    const topicRows = await this.db.query<{ article_id: string; topic: string }>(
      `SELECT t.article_id, t.topic FROM article_topics t JOIN relevance_labels l ON l.id = t.article_id ORDER BY t.topic`,
    );
    const topics = new Map<string, string[]>();
    for (const t of topicRows) topics.set(t.article_id, [...(topics.get(t.article_id) ?? []), t.topic]);
    return rows.flatMap((r): LabelledLine[] => {
      const text = r.text ?? r.excerpt;
      if (text === null) return [];
      return [
        {
          id: r.id,
          title: r.a_title ?? r.s_title ?? '',
          text,
          relevance: r.label === 'relevant' ? 'yes' : 'no',
          topics: r.label === 'relevant' ? (topics.get(r.id) ?? []) : [],
          source: r.a_url ?? r.s_url ?? '',
          labelledAt: r.labelled_at,
        },
      ];
    });
  }
}

/**
 * The store's contract. SQLite (default) and PostgreSQL implement it with one schema and one set of
 * queries (sql-article-store.ts); the same tests run against both.
 */

/** An entity the classifier found, normalised ("Sergei Lavrov"). */
export interface StoredEntity {
  name: string;
  type: string;
  mentions: number;
}

/** An article as Parley stores it. Times are ISO 8601 strings. */
export interface StoredArticle {
  id: string;
  url: string;
  canonicalUrl: string;
  title: string;
  byline: string | null;
  published: string | null;
  modified: string | null;
  site: string | null;
  language: string | null;
  description: string | null;
  image: string | null;
  text: string;
  topics: string[];
  relevance: number;
  /** Why the classifier kept it and tagged it so: phrases and where they stood. */
  evidence: unknown;
  entities: StoredEntity[];
  origin: string;
  fetchedAt: string | null;
  cleanedAt: string | null;
  classifiedAt: string | null;
  storedAt: string;
}

/** An article judged not relevant: kept only so it is not fetched again. */
export interface SkippedArticle {
  id: string;
  url: string;
  title: string;
  relevance: number;
  skippedAt: string;
}

/** Filters for listing articles; newest first. */
export interface ArticleQuery {
  topic?: string;
  entity?: string;
  /** Words that must appear in the title or text (case-insensitive). */
  q?: string;
  limit?: number;
  offset?: number;
}

/** Where an article id stands in the store. */
export type StoreStatus = 'stored' | 'skipped' | null;

export interface ArticleStore {
  /** Creates or upgrades the schema; safe to call from every process at start. */
  migrate(): Promise<void>;
  /** Inserts or replaces an article by id, in one transaction (topics and entities included). */
  upsertArticle(article: StoredArticle): Promise<void>;
  /** Records an article as not relevant (and drops a stored copy judged relevant earlier). */
  recordSkipped(skipped: SkippedArticle): Promise<void>;
  status(id: string): Promise<StoreStatus>;
  getArticle(id: string): Promise<StoredArticle | null>;
  listArticles(query?: ArticleQuery): Promise<StoredArticle[]>;
  countArticles(): Promise<{ stored: number; skipped: number }>;
  close(): Promise<void>;
}

/** Default and largest page size for listings. */
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 1_000;

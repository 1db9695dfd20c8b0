import type { DiplomaticEvent } from '../events/types.js';
import type { ChartQueries } from './chart-queries.js';
import type { FacetQueries } from './facet-queries.js';
import type { EventQueries } from './event-queries.js';
import type { EntryChange } from './event-store.js';
import type { WatchQueries } from './watch-store.js';
import type { SkippedQueries } from './skipped-queries.js';

/**
 * The store's contract. SQLite (default) and PostgreSQL implement it with one schema and one set of
 * queries (sql-article-store.ts); the same tests run against both.
 */
import type { Entity } from '../../shared/contracts.js';

/** An article as Parley stores it. Times are ISO 8601 strings. */
export interface StoredArticle {
  id: string;
  url: string;
  canonicalUrl: string;
  title: string;
  byline: string | null;
  published: string | null;
  /** 'text' when `published` is the date the text states (the page gave none); null for the page's own date. */
  dateSource?: 'text' | null;
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
  entities: Entity[];
  origin: string;
  /** The kind of source it came from (official, wire, state media, press), when known. */
  sourceKind?: string | null;
  /** The URL of the feed (or sitemap) it came from, when a feed poll queued it. */
  feedUrl?: string | null;
  /** The web archive snapshot its text came from, when the page was gone (backfill --wayback). */
  archivedFrom?: string | null;
  fetchedAt: string | null;
  cleanedAt: string | null;
  classifiedAt: string | null;
  storedAt: string;
  /**
   * The diplomatic events the article reports (the event stage's reading). Given, they replace the
   * article's earlier reports and merge into the timeline; absent, the article's reports stay as they are.
   */
  events?: DiplomaticEvent[];
}

/** An article judged not relevant: kept so it is not fetched again, and so a person can see why. */
export interface SkippedArticle {
  id: string;
  url: string;
  title: string;
  relevance: number;
  skippedAt: string;
  /** The start of its clean text (SKIPPED_EXCERPT_CHARS at most). */
  excerpt?: string | null;
  /** The relevance evidence that (did not) carry it. */
  evidence?: unknown;
}

/** How much of a skipped article's text is kept: enough to see what it was about. */
export const SKIPPED_EXCERPT_CHARS = 2_000;

/** Filters for listing articles: newest first, or most relevant first when searching. */
export interface ArticleQuery {
  topic?: string;
  /** Part of an entity's name, case-insensitive ("lavrov"). */
  entity?: string;
  /** A site that carried the story (any of its copies), case-insensitive. */
  site?: string;
  /** Language code ("ru"): articles detected in that language (a stored "ru-RU" counts as "ru"). */
  lang?: string;
  /** Kind of source (official, wire, state media, press). */
  kind?: string;
  /** The feed (its URL as registered) that brought the article. */
  feed?: string;
  /** Full-text search: every word must appear (title or text); "quoted phrases" too. */
  q?: string;
  /** Earliest date (YYYY-MM-DD or ISO 8601), inclusive; an article's date is its published date, else when it was stored. */
  from?: string;
  /** Latest date, inclusive (a bare date includes the whole day). */
  to?: string;
  limit?: number;
  offset?: number;
}

/** One URL a story was found at. */
export interface ArticleCopy {
  /** The article id of that URL. */
  id: string;
  url: string;
  site: string | null;
  seenAt: string;
}

/** An earlier text of an article that was revised at the same URL. */
export interface ArticleVersion {
  title: string;
  /** The earlier text's fingerprint (`<shingles>:<signature>`), null when too short to have one. */
  fingerprint: string | null;
  storedAt: string;
  replacedAt: string;
}

/** A stored story as listings give it: the article, every URL it was found at, and a search snippet. */
export interface FoundArticle extends StoredArticle {
  copies: ArticleCopy[];
  /** Passage around the matched words, marked with HIGHLIGHT_START/END (dialect.ts); null unless searching. */
  snippet: string | null;
}

/** One story with its earlier versions. */
export interface ArticleDetail extends FoundArticle {
  versions: ArticleVersion[];
}

/** One page of a listing and how many match in all. */
/**
 * How a page is ordered: newest first (no search), most relevant first (a narrow search), or the
 * matches with the words in the title first, then the others, each newest first (a broad search).
 */
export type PageOrder = 'newest' | 'relevance' | 'title-then-newest';

export interface ArticlePage {
  /** How many match, counted exactly up to 10,000 (EXACT_TOTAL_UP_TO, dialect.ts). */
  total: number;
  /** True when more than `total` match: counting stopped there. */
  totalIsLowerBound?: boolean;
  order: PageOrder;
  articles: FoundArticle[];
}

/**
 * What storing an article did: `new` story; `copy` — the text is a copy of the stored story `storyId`,
 * whose URLs now include this one; `revised` — same URL, changed text (the earlier one is kept as a
 * version); `unchanged`. `events`: the timeline entries its reports created or changed the status of.
 */
export interface UpsertOutcome {
  kind: 'new' | 'copy' | 'revised' | 'unchanged';
  storyId: string;
  events?: EntryChange[];
}

/** Counts for the dashboard. */
export interface StoreStats {
  stored: number;
  skipped: number;
  /** URLs found carrying a stored story (stories count one each). */
  copies: number;
  topics: { topic: string; count: number }[];
  /** Stories per day (published, else stored), newest first. */
  days: { day: string; count: number }[];
}

/** Where an article id stands in the store. */
export type StoreStatus = 'stored' | 'skipped' | null;

export interface ArticleStore {
  /** Creates or upgrades the schema; safe to call from every process at start. */
  migrate(): Promise<void>;
  /**
   * Stores an article in one transaction: a new story, a copy of a stored story (found by its
   * fingerprint), or a revision of the same URL. Delivering the same article twice changes nothing.
   */
  upsertArticle(article: StoredArticle): Promise<UpsertOutcome>;
  /** Stores many articles in one transaction (bulk loads). */
  upsertArticles(articles: readonly StoredArticle[]): Promise<UpsertOutcome[]>;
  /** Records an article as not relevant (and drops a stored copy judged relevant earlier). */
  recordSkipped(skipped: SkippedArticle): Promise<void>;
  status(id: string): Promise<StoreStatus>;
  /** Of `ids`, those stored (any copy) or skipped: `status` for many ids in one query. */
  knownIds(ids: readonly string[]): Promise<Set<string>>;
  /** A skipped article's record, or null. */
  getSkipped(id: string): Promise<SkippedArticle | null>;
  /** The story an article id (its own, or any of its copies') belongs to. */
  getArticle(id: string): Promise<ArticleDetail | null>;
  listArticles(query?: ArticleQuery): Promise<FoundArticle[]>;
  /** A page of matching stories and the total that match. */
  searchArticles(query?: ArticleQuery): Promise<ArticlePage>;
  countArticles(): Promise<{ stored: number; skipped: number }>;
  /**
   * Deletes skipped-article records older than `before` (ISO time), a batch per transaction, and
   * says how many; with dryRun, only counts them. Stored articles are never touched.
   */
  pruneSkipped(before: string, options?: { dryRun?: boolean }): Promise<number>;
  stats(): Promise<StoreStats>;
  /** The timeline of diplomatic events (event-queries.ts). */
  readonly events: EventQueries;
  /** Watches and the stories they alerted on (watch-store.ts). */
  readonly watches: WatchQueries;
  /** The counts the charts and the stats page read (chart-queries.ts). */
  readonly charts: ChartQueries;
  /** Filter choices with their counts: entities, sites, languages (facet-queries.ts). */
  readonly facets: FacetQueries;
  /** Skipped articles for people, relevance marks and the labelled data made of them (skipped-queries.ts). */
  readonly skippedArticles: SkippedQueries;
  close(): Promise<void>;
}

/** Default and largest page size for listings. */
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 1_000;

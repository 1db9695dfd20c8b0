/**
 * ArticleStore on any SqlClient: one set of queries for SQLite and PostgreSQL, the few differences
 * in dialect.ts. A story is one `articles` row (the first copy's text) with every URL that carried
 * it in `article_copies`; a copy is recognised by its fingerprint (story-index.ts). Writes are here;
 * reading articles back (one, a page, a search) is article-reads.ts.
 */
import {
  type ArticleDetail,
  type ArticlePage,
  type ArticleQuery,
  type ArticleStore,
  type FoundArticle,
  SKIPPED_EXCERPT_CHARS,
  type SkippedArticle,
  type StoreStats,
  type StoreStatus,
  type StoredArticle,
  type UpsertOutcome,
} from './article-store.js';
import { articleRow, sortAt, writtenColumns } from './article-row.js';
import { COPY_COLUMNS, copyRow } from './copy-row.js';
import { SkippedQueries } from './skipped-queries.js';
import { ArticleReads } from './article-reads.js';
import { DIALECTS, type SqlDialect } from './dialect.js';
import { ChartQueries } from './chart-queries.js';
import { FacetQueries } from './facet-queries.js';
import { EventQueries } from './event-queries.js';
import { dropReports, storeReports } from './event-store.js';
import { PRUNE_BATCH } from './retention.js';
import { fingerprint, type Fingerprint } from './fingerprint.js';
import { migrate } from './migrations.js';
import type { SqlClient, SqlValue } from './sql-client.js';
import { findStory, indexFingerprint, insertBands } from './story-index.js';
import { GroupCommit, MAX_BATCH, OVERLAPPED_BATCH } from './group-commit.js';
import { PhraseIndexer } from './phrase-indexer.js';
import { WatchQueries } from './watch-store.js';
import { writeBatch, type SingleWrites, type WriteOp, type WriteRequest, type WriteResult } from './write-batch.js';

/** The article's row, written or replaced: the dialect's written columns (article-row.ts). */
function upsertArticleSql(d: SqlDialect): string {
  const columns = writtenColumns(d);
  return `INSERT INTO articles (${columns.join(', ')})
  VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${columns
    .filter((c) => c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;
}

/** A copy's row (copy-row.ts); seen again, it keeps when it was first seen. */
const UPSERT_COPY = `INSERT INTO article_copies (${COPY_COLUMNS.join(', ')})
  VALUES (${COPY_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${COPY_COLUMNS.filter((c) => c !== 'id' && c !== 'seen_at')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;

export class SqlArticleStore implements ArticleStore {
  private readonly dialect: SqlDialect;
  private readonly upsertArticleSql: string;
  readonly events: EventQueries;
  readonly watches: WatchQueries;
  readonly charts: ChartQueries;
  readonly facets: FacetQueries;
  readonly skippedArticles: SkippedQueries;
  private readonly reads: ArticleReads;
  /** PostgreSQL: makes stored articles' phrase pairs after their writes commit (phrase-indexer.ts). */
  private readonly phrases: PhraseIndexer | null;
  /** Concurrent writes of this process, committed together (group-commit.ts). */
  private readonly writes: GroupCommit<WriteRequest, WriteOp, WriteResult>;

  constructor(
    private readonly db: SqlClient,
    onBackgroundError?: (err: unknown) => void,
  ) {
    this.dialect = DIALECTS[db.dialect];
    this.upsertArticleSql = upsertArticleSql(this.dialect);
    this.events = new EventQueries(db);
    this.watches = new WatchQueries(db);
    this.charts = new ChartQueries(db);
    this.facets = new FacetQueries(db);
    this.skippedArticles = new SkippedQueries(db);
    this.reads = new ArticleReads(db);
    this.phrases = db.dialect === 'postgres' ? new PhraseIndexer(db, onBackgroundError) : null;
    this.writes = new GroupCommit<WriteRequest, WriteOp, WriteResult>(
      (request) => (request.kind === 'store' ? this.storeOp(request.article) : request),
      (ops) => this.committed(this.db.transaction((tx) => this.writeAll(tx, ops))),
      (op) => this.committed(this.db.transaction((tx) => this.writeAll(tx, [op]))).then((r) => r[0]!),
      db.dialect === 'postgres' ? OVERLAPPED_BATCH : MAX_BATCH,
    );
  }

  async migrate(): Promise<void> {
    await migrate(this.db);
    // Articles stored before the phrase index, or while no store process ran, are indexed now.
    this.phrases?.nudge();
  }

  /** After a write commits: its articles' phrase pairs are made in the background (PostgreSQL). */
  private async committed<R>(written: Promise<R>): Promise<R> {
    const result = await written;
    this.phrases?.nudge();
    return result;
  }

  /** Waits for the phrase index to cover every article stored so far (PostgreSQL; tests and benchmarks). */
  async phrasesIndexed(): Promise<void> {
    await this.phrases?.drainNow();
  }

  private readonly single: SingleWrites = {
    upsert: (tx, a, fp, row) => this.upsertIn(tx, a, fp, row),
    skip: (tx, s) => this.skipIn(tx, s),
  };

  /** Fingerprint and row (stems, search terms) made before the transaction: the CPU work stays out of the story lock. */
  private storeOp(a: StoredArticle): WriteOp {
    const fp = fingerprint(a.text);
    return { kind: 'store', article: a, fp, row: articleRow(a, fp, this.dialect) };
  }

  async upsertArticle(a: StoredArticle): Promise<UpsertOutcome> {
    return (await this.writes.submit({ kind: 'store', article: a }))!;
  }

  async upsertArticles(articles: readonly StoredArticle[]): Promise<UpsertOutcome[]> {
    const ops = articles.map((a) => this.storeOp(a));
    const results = await this.committed(this.db.transaction((tx) => this.writeAll(tx, ops)));
    return results as UpsertOutcome[];
  }

  /**
   * Writes a batch (write-batch.ts), then, in the same transaction and under the story lock it took,
   * each stored article's event reports (merged into timeline entries) and a skipped one's removal.
   */
  private async writeAll(tx: SqlClient, ops: readonly WriteOp[]): Promise<WriteResult[]> {
    const results = await writeBatch(tx, this.dialect, ops, this.single);
    for (const [i, op] of ops.entries()) {
      if (op.kind === 'skip') {
        await dropReports(tx, op.skipped.id);
        continue;
      }
      const a = op.article;
      if (a.events) {
        const changed = await storeReports(
          tx,
          { articleId: a.id, url: a.url, title: a.title, site: a.site, seenAt: a.storedAt },
          a.events,
        );
        if (changed.length) results[i] = { ...results[i]!, events: changed };
      }
    }
    return results;
  }

  async recordSkipped(s: SkippedArticle): Promise<void> {
    await this.writes.submit({ kind: 'skip', skipped: s });
  }

  private async skipIn(tx: SqlClient, s: SkippedArticle): Promise<void> {
    await tx.query(
      `INSERT INTO skipped (id, url, title, relevance, skipped_at, excerpt, evidence) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET url = excluded.url, title = excluded.title, relevance = excluded.relevance,
         skipped_at = excluded.skipped_at, excerpt = excluded.excerpt, evidence = excluded.evidence`,
      [
        s.id,
        s.url,
        s.title,
        s.relevance,
        s.skippedAt,
        s.excerpt?.slice(0, SKIPPED_EXCERPT_CHARS) ?? null,
        s.evidence === undefined ? null : JSON.stringify(s.evidence),
      ],
    );
    // Its band keys first: in PostgreSQL no foreign key removes them with the article (migrations.ts).
    await tx.query('DELETE FROM story_bands WHERE article_id = $1', [s.id]);
    await tx.query('DELETE FROM articles WHERE id = $1', [s.id]);
    await tx.query('DELETE FROM article_copies WHERE id = $1', [s.id]);
  }

  async getSkipped(id: string): Promise<SkippedArticle | null> {
    const [r] = await this.db.query<{
      id: string;
      url: string;
      title: string;
      relevance: number;
      skipped_at: string;
      excerpt: string | null;
      evidence: string | null;
    }>('SELECT id, url, title, relevance, skipped_at, excerpt, evidence FROM skipped WHERE id = $1', [id]);
    if (!r) return null;
    return {
      id: r.id,
      url: r.url,
      title: r.title,
      relevance: Number(r.relevance),
      skippedAt: r.skipped_at,
      excerpt: r.excerpt,
      evidence: r.evidence === null ? null : (JSON.parse(r.evidence) as unknown),
    };
  }

  async status(id: string): Promise<StoreStatus> {
    const rows = await this.db.query<{ kind: string }>(
      `SELECT 'stored' AS kind FROM article_copies WHERE id = $1 UNION ALL SELECT 'skipped' AS kind FROM skipped WHERE id = $1`,
      [id],
    );
    return (rows[0]?.kind as StoreStatus) ?? null;
  }

  /** One statement however many ids: they go as one list parameter (dialect.ts textList). */
  async knownIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const d = this.dialect;
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM article_copies WHERE ${d.inTextList('id', '$1')} UNION SELECT id FROM skipped WHERE ${d.inTextList('id', '$1')}`,
      [d.textList(ids)],
    );
    return new Set(rows.map((r) => r.id));
  }

  getArticle(id: string): Promise<ArticleDetail | null> {
    return this.reads.getArticle(id);
  }

  listArticles(query: ArticleQuery = {}): Promise<FoundArticle[]> {
    return this.reads.listArticles(query);
  }

  searchArticles(query: ArticleQuery = {}): Promise<ArticlePage> {
    return this.reads.searchArticles(query);
  }

  async countArticles(): Promise<{ stored: number; skipped: number }> {
    const [row] = await this.db.query<{ stored: number | string; skipped: number | string }>(
      'SELECT (SELECT COUNT(*) FROM articles) AS stored, (SELECT COUNT(*) FROM skipped) AS skipped',
    );
    return { stored: Number(row?.stored ?? 0), skipped: Number(row?.skipped ?? 0) };
  }

  async pruneSkipped(before: string, options: { dryRun?: boolean } = {}): Promise<number> {
    if (options.dryRun) {
      const [row] = await this.db.query<{ n: number | string }>(
        'SELECT COUNT(*) AS n FROM skipped WHERE skipped_at < $1',
        [before],
      );
      return Number(row?.n ?? 0);
    }
    let pruned = 0;
    for (;;) {
      const [row] = await this.db.transaction(async (tx) => {
        const ids = await tx.query<{ id: string }>(
          `SELECT id FROM skipped WHERE skipped_at < $1 ORDER BY skipped_at LIMIT ${PRUNE_BATCH}`,
          [before],
        );
        if (ids.length)
          await tx.query(
            `DELETE FROM skipped WHERE id IN (${placeholders(ids)})`,
            ids.map((r) => r.id),
          );
        return [ids.length];
      });
      pruned += row ?? 0;
      if ((row ?? 0) < PRUNE_BATCH) return pruned;
    }
  }

  async stats(): Promise<StoreStats> {
    const [counts, [copies], topics, days] = await Promise.all([
      this.countArticles(),
      this.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM article_copies'),
      this.db.query<{ topic: string; n: number | string }>(
        'SELECT topic, COUNT(*) AS n FROM article_topics GROUP BY topic ORDER BY COUNT(*) DESC, topic',
      ),
      this.db.query<{ day: string; n: number | string }>(
        'SELECT SUBSTR(sort_at, 1, 10) AS day, COUNT(*) AS n FROM articles GROUP BY SUBSTR(sort_at, 1, 10) ORDER BY day DESC',
      ),
    ]);
    return {
      ...counts,
      copies: Number(copies?.n ?? 0),
      topics: topics.map((t) => ({ topic: t.topic, count: Number(t.n) })),
      days: days.map((d) => ({ day: d.day, count: Number(d.n) })),
    };
  }

  async close(): Promise<void> {
    await this.phrases?.close();
    await this.db.close();
  }

  private async upsertIn(
    tx: SqlClient,
    a: StoredArticle,
    fp: Fingerprint | null,
    row: SqlValue[],
  ): Promise<UpsertOutcome> {
    if (this.dialect.storyLock) await tx.query(this.dialect.storyLock);
    const [known] = await tx.query<{ article_id: string }>('SELECT article_id FROM article_copies WHERE id = $1', [
      a.id,
    ]);
    await tx.query('DELETE FROM skipped WHERE id = $1', [a.id]);
    if (known && known.article_id !== a.id) {
      // A URL already known as a copy of another story: note it was seen again; the story keeps its text.
      await tx.query(UPSERT_COPY, copyRow(a, known.article_id));
      return { kind: 'copy', storyId: known.article_id };
    }
    if (!known && fp) {
      const storyId = await findStory(tx, a.text, fp, a.id);
      if (storyId) {
        await tx.query(UPSERT_COPY, copyRow(a, storyId));
        return { kind: 'copy', storyId };
      }
    }
    const [previous] = known
      ? await tx.query<{ title: string; body: string; fingerprint: string | null; stored_at: string }>(
          'SELECT title, body, fingerprint, stored_at FROM articles WHERE id = $1',
          [a.id],
        )
      : [];
    const changed = !previous || previous.body !== a.text || previous.title !== a.title;
    if (previous && changed) {
      await tx.query(
        'INSERT INTO article_versions (article_id, title, fingerprint, stored_at, replaced_at) VALUES ($1, $2, $3, $4, $5)',
        [a.id, previous.title, previous.fingerprint, previous.stored_at, a.storedAt],
      );
    }
    await this.writeArticle(tx, a, row, !previous);
    if (previous && changed) await indexFingerprint(tx, a.id, fp);
    if (!previous) await insertBands(tx, a.id, fp);
    return { kind: !previous ? 'new' : changed ? 'revised' : 'unchanged', storyId: a.id };
  }

  /** Writes the article's row, its own copy, topics and entities; a new one has no old rows to clear. */
  private async writeArticle(tx: SqlClient, a: StoredArticle, values: SqlValue[], isNew: boolean): Promise<void> {
    await tx.query(this.upsertArticleSql, values);
    await tx.query(UPSERT_COPY, copyRow(a, a.id));
    if (!isNew) await tx.query('DELETE FROM article_topics WHERE article_id = $1', [a.id]);
    const topics = [...new Set(a.topics)];
    if (topics.length) {
      await tx.query(
        `INSERT INTO article_topics (article_id, topic, sort_at) VALUES ${topics.map((_, i) => `($1, $${i + 3}, $2)`).join(', ')}`,
        [a.id, sortAt(a), ...topics],
      );
    }
    if (!isNew) await tx.query('DELETE FROM article_entities WHERE article_id = $1', [a.id]);
    const seen = new Set<string>();
    const entities = a.entities.filter((e) => !seen.has(e.name) && seen.add(e.name));
    if (entities.length) {
      await tx.query(
        `INSERT INTO article_entities (article_id, name, type, mentions) VALUES ${entities
          .map((_, i) => `($1, $${i * 3 + 2}, $${i * 3 + 3}, $${i * 3 + 4})`)
          .join(', ')}`,
        [a.id, ...entities.flatMap((e) => [e.name, e.type, e.mentions])],
      );
    }
  }
}

function placeholders(values: unknown[]): string {
  return values.map((_, i) => `$${i + 1}`).join(', ');
}

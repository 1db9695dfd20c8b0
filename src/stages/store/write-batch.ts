/**
 * Writes a batch of stores and skips in one transaction with few statements: one lookup of the
 * batch's known ids, one of its candidate stories, then multi-row inserts for the new stories and
 * copies. Each article is still judged in order, as if stored alone: a text that copies one stored
 * earlier in the same batch joins its story. What the fast path does not cover (an id already
 * stored, seen twice in the batch, or a skip) goes through the one-article path, after the rows
 * gathered so far are written, so it sees them.
 *
 * Where the dialect serialises story decisions with a lock (PostgreSQL), the rows that the
 * decision does not need are written before it is taken: each new id's article and entities, as if
 * it were a new story; one that turns out to copy a stored story loses them again under the lock.
 * The lock is then held for the story lookup and the topics, copies and band keys alone, where
 * store processes took turns on it for every row of their batches: two processes × 64 jobs wrote
 * 753–881 articles/s this way against 575–649 before, in alternating runs on a busy machine.
 */
import { sortAt, writtenColumns } from './article-row.js';
import { COPY_COLUMNS, copyRow } from './copy-row.js';
import type { SkippedArticle, StoredArticle, UpsertOutcome } from './article-store.js';
import type { SqlDialect } from './dialect.js';
import { bandKeys, decodeFingerprint, type Fingerprint } from './fingerprint.js';
import { insertRows } from './row-insert.js';
import type { SqlClient, SqlValue } from './sql-client.js';
import { storiesWithBands, storyTexts } from './story-index.js';
import { closestStory, type StoryCandidate } from './story-match.js';

/** A store, with what was computed before the transaction: its fingerprint and its row (article-row.ts). */
export type WriteOp =
  | { kind: 'store'; article: StoredArticle; fp: Fingerprint | null; row: SqlValue[] }
  | { kind: 'skip'; skipped: SkippedArticle };

/** A write as submitted: a store before its fingerprint and row are made (WriteOp's), or a skip. */
export type WriteRequest = { kind: 'store'; article: StoredArticle } | Extract<WriteOp, { kind: 'skip' }>;

export type WriteResult = UpsertOutcome | null;

/** The one-article paths of the store (each inside the caller's transaction). */
export interface SingleWrites {
  upsert(tx: SqlClient, a: StoredArticle, fp: Fingerprint | null, row: SqlValue[]): Promise<UpsertOutcome>;
  skip(tx: SqlClient, s: SkippedArticle): Promise<void>;
}

type Story = StoryCandidate;

/** Rows gathered on the fast path, written together. */
class PendingRows {
  articles: SqlValue[][] = [];
  copies: SqlValue[][] = [];
  topics: SqlValue[][] = [];
  entities: SqlValue[][] = [];
  bands: SqlValue[][] = [];
  /** New stories not written yet, by band key: later texts in the batch may copy them. */
  storiesByBand = new Map<string, Story[]>();
  /** Articles written early that are not new stories after all: their rows go again. */
  dropped: string[] = [];

  /** `early`: the articles whose own rows were written before the story lock (writeEarly). */
  constructor(
    private readonly d: SqlDialect,
    private readonly early: ReadonlySet<string> = new Set(),
  ) {}

  /**
   * A new story's article and entity rows: the ones that may be written before the story lock. Its
   * topics may not: each adds to the articles counted per day and topic (chart-counts.ts), a row
   * that the writes of one day and topic share, and a write waiting for the lock would hold it.
   */
  addOwnRows(a: StoredArticle, row: SqlValue[]): void {
    this.articles.push(row);
    const seen = new Set<string>();
    for (const e of a.entities)
      if (!seen.has(e.name) && seen.add(e.name)) this.entities.push([a.id, e.name, e.type, e.mentions]);
  }

  addStory(a: StoredArticle, fp: Fingerprint | null, row: SqlValue[]): void {
    if (!this.early.has(a.id)) this.addOwnRows(a, row);
    for (const t of new Set(a.topics)) this.topics.push([a.id, t, sortAt(a)]);
    this.copies.push(copyRow(a, a.id));
    if (!fp) return;
    for (const key of bandKeys(fp.signature)) {
      this.bands.push([key, a.id]);
      this.storiesByBand.set(key, [...(this.storiesByBand.get(key) ?? []), { id: a.id, fp, text: a.text }]);
    }
  }

  addCopy(a: StoredArticle, storyId: string): void {
    this.copies.push(copyRow(a, storyId));
    if (this.early.has(a.id)) this.dropped.push(a.id);
  }

  async write(tx: SqlClient): Promise<void> {
    // Their entities go with them (a foreign key on delete cascade); they have no topics yet.
    if (this.dropped.length > 0)
      await tx.query(`DELETE FROM articles WHERE ${this.d.inTextList('id', '$1')}`, [this.d.textList(this.dropped)]);
    if (this.copies.length > 0) {
      const ids = this.copies.map((c) => c[0] as string);
      await tx.query(`DELETE FROM skipped WHERE ${this.d.inTextList('id', '$1')}`, [this.d.textList(ids)]);
    }
    await insertRows(tx, 'articles', writtenColumns(this.d), this.articles);
    await insertRows(tx, 'article_copies', [...COPY_COLUMNS], this.copies);
    await insertRows(tx, 'article_topics', ['article_id', 'topic', 'sort_at'], this.topics);
    await insertRows(tx, 'article_entities', ['article_id', 'name', 'type', 'mentions'], this.entities);
    // A plain insert (no ON CONFLICT check per row): these stories are new, so none has band rows
    // yet, and one text's keys differ (each starts with its band's number).
    await insertRows(tx, 'story_bands', ['band_key', 'article_id'], this.bands);
    Object.assign(this, new PendingRows(this.d, this.early));
  }
}

type StoreOp = Extract<WriteOp, { kind: 'store' }>;

/** The article a write is about. */
const opId = (o: WriteOp): string => (o.kind === 'store' ? o.article.id : o.skipped.id);

/** The ids of these stores already stored (an article or a copy). */
async function knownIds(tx: SqlClient, d: SqlDialect, ops: readonly StoreOp[]): Promise<Set<string>> {
  if (ops.length === 0) return new Set();
  const rows = await tx.query<{ id: string }>(`SELECT id FROM article_copies WHERE ${d.inTextList('id', '$1')}`, [
    d.textList(ops.map((o) => o.article.id)),
  ]);
  return new Set(rows.map((r) => r.id));
}

/**
 * Before the story lock: the article and entity rows of the batch's new articles (each id's first
 * write in the batch, a store, of an id not stored yet), each as a new story; returns their ids.
 * Nothing else is touched
 * before the lock, so a write holding it never waits for one waiting for it. Two writes given the
 * same new id at once: the later waits on the article's key (ids in order, so neither holds what
 * the other waits for), then fails on it, and its writes are tried again one at a time
 * (group-commit.ts), where the id is known.
 */
async function writeEarly(tx: SqlClient, d: SqlDialect, ops: readonly WriteOp[]): Promise<Set<string>> {
  const firsts = new Map<string, WriteOp>();
  for (const o of ops) if (!firsts.has(opId(o))) firsts.set(opId(o), o);
  const stores = [...firsts.values()].filter((o): o is StoreOp => o.kind === 'store');
  const known = await knownIds(tx, d, stores);
  const fresh = stores.filter((o) => !known.has(o.article.id));
  if (fresh.length === 0) return new Set();
  const rows = new PendingRows(d);
  for (const o of fresh.sort((x, y) => (x.article.id < y.article.id ? -1 : 1))) rows.addOwnRows(o.article, o.row);
  await rows.write(tx);
  return new Set(fresh.map((o) => o.article.id));
}

/** Stored stories sharing a band key with any of these fingerprints, by band key. */
async function storedCandidates(tx: SqlClient, fps: Fingerprint[]): Promise<Map<string, Story[]>> {
  const keys = [...new Set(fps.flatMap((fp) => bandKeys(fp.signature)))];
  const out = new Map<string, Story[]>();
  for (const r of await storiesWithBands(tx, keys))
    out.set(r.band_key, [...(out.get(r.band_key) ?? []), { id: r.id, fp: decodeFingerprint(r.fingerprint) }]);
  return out;
}

/** The stories (other than `selfId`) sharing a band key with `fp`, each once. */
function candidates(fp: Fingerprint, selfId: string, ...indexes: Map<string, Story[]>[]): Story[] {
  const out: Story[] = [];
  const tried = new Set<string>([selfId]);
  for (const key of bandKeys(fp.signature)) {
    for (const index of indexes) {
      for (const s of index.get(key) ?? []) {
        if (tried.has(s.id)) continue;
        tried.add(s.id);
        out.push(s);
      }
    }
  }
  return out;
}

export async function writeBatch(
  tx: SqlClient,
  d: SqlDialect,
  ops: readonly WriteOp[],
  single: SingleWrites,
): Promise<WriteResult[]> {
  const storeOps = ops.filter((o): o is StoreOp => o.kind === 'store');
  const early = d.storyLock ? await writeEarly(tx, d, ops) : new Set<string>();
  if (d.storyLock) await tx.query(d.storyLock);
  // Under the lock: what other writes stored meanwhile counts too.
  const known = await knownIds(tx, d, storeOps);
  const pending = new PendingRows(d, early);
  // Written early, then stored by another write before the lock (as a copy): its rows go, and it is
  // written below as the known article it is.
  for (const id of early) if (known.has(id)) pending.dropped.push(id);
  const stored = await storedCandidates(
    tx,
    storeOps.filter((o) => !known.has(o.article.id)).flatMap((o) => (o.fp ? [o.fp] : [])),
  );
  const texts = (ids: string[]) => storyTexts(tx, ids);
  const seen = new Set<string>();
  let stale = false;
  const results: WriteResult[] = [];
  for (const op of ops) {
    const id = opId(op);
    const fast = op.kind === 'store' && !known.has(id) && !seen.has(id);
    seen.add(id);
    if (!fast) {
      // Everything gathered so far is written first; the one-article path then sees it all.
      await pending.write(tx);
      if (op.kind === 'store') results.push(await single.upsert(tx, op.article, op.fp, op.row));
      else results.push((await single.skip(tx, op.skipped), null));
      stale = true; // what was looked up may have changed: look up afresh from here on
      known.add(id);
      continue;
    }
    const { article: a, fp, row } = op;
    let storyId: string | null = null;
    if (fp && stale) {
      await pending.write(tx);
      storyId = await closestStory(a.text, fp, candidates(fp, a.id, await storedCandidates(tx, [fp])), texts);
    } else if (fp) {
      storyId = await closestStory(a.text, fp, candidates(fp, a.id, stored, pending.storiesByBand), texts);
    }
    if (storyId) {
      pending.addCopy(a, storyId);
      results.push({ kind: 'copy', storyId });
    } else {
      pending.addStory(a, fp, row);
      results.push({ kind: 'new', storyId: a.id });
    }
  }
  await pending.write(tx);
  return results;
}

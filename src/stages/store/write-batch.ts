/**
 * Writes a batch of stores and skips in one transaction with few statements: one lookup of the
 * batch's known ids, one of its candidate stories, then multi-row inserts for the new stories and
 * copies. Each article is still judged in order, as if stored alone: a text that copies one stored
 * earlier in the same batch joins its story. What the fast path does not cover (an id already
 * stored, seen twice in the batch, or a skip) goes through the one-article path, after the rows
 * gathered so far are written, so it sees them.
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

  constructor(private readonly d: SqlDialect) {}

  addStory(a: StoredArticle, fp: Fingerprint | null, row: SqlValue[]): void {
    this.articles.push(row);
    this.copies.push(copyRow(a, a.id));
    for (const t of new Set(a.topics)) this.topics.push([a.id, t, sortAt(a)]);
    const seen = new Set<string>();
    for (const e of a.entities)
      if (!seen.has(e.name) && seen.add(e.name)) this.entities.push([a.id, e.name, e.type, e.mentions]);
    if (!fp) return;
    for (const key of bandKeys(fp.signature)) {
      this.bands.push([key, a.id]);
      this.storiesByBand.set(key, [...(this.storiesByBand.get(key) ?? []), { id: a.id, fp, text: a.text }]);
    }
  }

  async write(tx: SqlClient): Promise<void> {
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
    Object.assign(this, new PendingRows(this.d));
  }
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
  if (d.storyLock) await tx.query(d.storyLock);
  const storeOps = ops.filter((o): o is Extract<WriteOp, { kind: 'store' }> => o.kind === 'store');
  const ids = storeOps.map((o) => o.article.id);
  const known = new Set<string>();
  if (ids.length > 0)
    for (const r of await tx.query<{ id: string }>(`SELECT id FROM article_copies WHERE ${d.inTextList('id', '$1')}`, [
      d.textList(ids),
    ]))
      known.add(r.id);
  const stored = await storedCandidates(
    tx,
    storeOps.filter((o) => !known.has(o.article.id)).flatMap((o) => (o.fp ? [o.fp] : [])),
  );
  const pending = new PendingRows(d);
  const texts = (ids: string[]) => storyTexts(tx, ids);
  const seen = new Set<string>();
  let stale = false;
  const results: WriteResult[] = [];
  for (const op of ops) {
    const id = op.kind === 'store' ? op.article.id : op.skipped.id;
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
      pending.copies.push(copyRow(a, storyId));
      results.push({ kind: 'copy', storyId });
    } else {
      pending.addStory(a, fp, row);
      results.push({ kind: 'new', storyId: a.id });
    }
  }
  await pending.write(tx);
  return results;
}

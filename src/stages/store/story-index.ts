/**
 * The store's side of stories: an article's fingerprint and its LSH band keys (story_bands), and
 * finding the stored story a new text is a copy of.
 */
import { DIALECTS } from './dialect.js';
import { bandKeys, decodeFingerprint, encodeFingerprint, type Fingerprint } from './fingerprint.js';
import type { SqlClient } from './sql-client.js';
import { closestStory } from './story-match.js';

/** The fingerprint column's value. */
export function fingerprintColumn(fp: Fingerprint | null): string | null {
  return fp ? encodeFingerprint(fp) : null;
}

/** Records an article's fingerprint and band keys (replacing earlier ones); null clears them. */
export async function indexFingerprint(tx: SqlClient, articleId: string, fp: Fingerprint | null): Promise<void> {
  await tx.query('UPDATE articles SET fingerprint = $1 WHERE id = $2', [fingerprintColumn(fp), articleId]);
  await tx.query('DELETE FROM story_bands WHERE article_id = $1', [articleId]);
  await insertBands(tx, articleId, fp);
}

/** Adds the band keys of a new article (which has none yet). */
export async function insertBands(tx: SqlClient, articleId: string, fp: Fingerprint | null): Promise<void> {
  if (!fp) return;
  const keys = bandKeys(fp.signature);
  await tx.query(
    `INSERT INTO story_bands (band_key, article_id) VALUES ${keys.map((_, i) => `($${i + 2}, $1)`).join(', ')}
     ON CONFLICT DO NOTHING`,
    [articleId, ...keys],
  );
}

/** The stories' texts (their `body`), by id. */
export async function storyTexts(tx: SqlClient, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await tx.query<{ id: string; body: string }>(
    `SELECT id, body FROM articles WHERE id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})`,
    [...ids],
  );
  return new Map(rows.map((r) => [r.id, r.body]));
}

/** A stored story that has a band key looked up. */
export interface BandMatch {
  band_key: string;
  id: string;
  fingerprint: string;
}

/**
 * The stored stories having any of these band keys, with the key each was found by. Two statements,
 * each with one list parameter: the band rows by key, then those stories' fingerprints by id. Each
 * is planned as index lookups whatever the tables' statistics say: the ids are the articles' key,
 * and the band keys are looked up one by one (lookupByList). One join over a list of a batch's
 * ~1,000 keys was planned as a scan of every article when the statistics were stale, and a plain
 * list of band keys as a scan of story_bands when it had none (4 ms a batch became 34–50 ms at
 * 576,000 band rows, growing with the store).
 */
export async function storiesWithBands(tx: SqlClient, keys: readonly string[]): Promise<BandMatch[]> {
  if (keys.length === 0) return [];
  const d = DIALECTS[tx.dialect];
  const bands = await tx.query<{ band_key: string; article_id: string }>(
    d.lookupByList('band_key, article_id', 'story_bands', 'band_key', '$1'),
    [d.textList(keys)],
  );
  if (bands.length === 0) return [];
  const ids = [...new Set(bands.map((b) => b.article_id))];
  const stories = await tx.query<{ id: string; fingerprint: string }>(
    `SELECT id, fingerprint FROM articles WHERE fingerprint IS NOT NULL AND ${d.inTextList('id', '$1')}`,
    [d.textList(ids)],
  );
  const fingerprints = new Map(stories.map((s) => [s.id, s.fingerprint]));
  return bands.flatMap((b) => {
    const fingerprint = fingerprints.get(b.article_id);
    return fingerprint === undefined ? [] : [{ band_key: b.band_key, id: b.article_id, fingerprint }];
  });
}

/**
 * The stored story (other than `exceptId`) that `text` (fingerprint `fp`) is a copy of, if any: the
 * closest at or above the threshold, checked exactly near it (story-match.ts).
 */
export async function findStory(
  tx: SqlClient,
  text: string,
  fp: Fingerprint,
  exceptId: string,
): Promise<string | null> {
  const found = new Map<string, string>();
  for (const r of await storiesWithBands(tx, bandKeys(fp.signature)))
    if (r.id !== exceptId) found.set(r.id, r.fingerprint);
  const candidates = [...found].map(([id, f]) => ({ id, fp: decodeFingerprint(f) }));
  return closestStory(text, fp, candidates, (ids) => storyTexts(tx, ids));
}

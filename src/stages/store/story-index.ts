/**
 * The store's side of stories: an article's fingerprint and its LSH band keys (story_bands), and
 * finding the stored story a new text is a copy of.
 */
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
  const keys = bandKeys(fp.signature);
  const rows = await tx.query<{ id: string; fingerprint: string }>(
    `SELECT a.id, a.fingerprint FROM articles a WHERE a.id <> $1 AND a.fingerprint IS NOT NULL AND a.id IN
       (SELECT article_id FROM story_bands WHERE band_key IN (${keys.map((_, i) => `$${i + 2}`).join(', ')}))`,
    [exceptId, ...keys],
  );
  const candidates = rows.map((r) => ({ id: r.id, fp: decodeFingerprint(r.fingerprint) }));
  return closestStory(text, fp, candidates, (ids) => storyTexts(tx, ids));
}

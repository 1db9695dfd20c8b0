/**
 * Migration 15's fill: every stored article's search vectors, made by Parley (search-terms.ts) and
 * written a batch at a time, then the GIN indexes over them (built once, after the rows are in).
 * It rewrites each row once, in the migration's one transaction (the table holds both versions of
 * every row until autovacuum): measured at ~0.55 ms of Parley's CPU and ~0.5 ms of PostgreSQL's per
 * article (README, "Storage at scale"), so about ten minutes of each for a million articles.
 */
import { DIALECTS } from './dialect.js';
import type { SqlClient, SqlValue } from './sql-client.js';

/** Articles read and rewritten per statement: bounded memory, few round trips. */
const BATCH = 1_000;

export async function fillSearchVectors(tx: SqlClient): Promise<void> {
  const d = DIALECTS[tx.dialect];
  if (d.searchColumns.length === 0) return;
  for (let after = ''; ;) {
    const rows = await tx.query<{ id: string; title: string; body: string }>(
      `SELECT id, title, body FROM articles WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) break;
    const values = rows.map((r) => d.searchValues(r.title, r.body));
    await tx.query(
      `UPDATE articles a SET ${d.searchColumns.map((c, i) => `${c} = v.c${i}::tsvector`).join(', ')}
       FROM unnest($1::text[], ${d.searchColumns.map((_, i) => `$${i + 2}::text[]`).join(', ')})
         AS v(id, ${d.searchColumns.map((_, i) => `c${i}`).join(', ')})
       WHERE a.id = v.id`,
      [rows.map((r) => r.id), ...d.searchColumns.map((_, i) => values.map((v) => v[i]!))] as unknown as SqlValue[],
    );
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.id;
  }
  await tx.query(`CREATE INDEX IF NOT EXISTS articles_search ON articles USING GIN (search)`);
  await tx.query(`CREATE INDEX IF NOT EXISTS articles_title_search ON articles USING GIN (title_search)`);
}

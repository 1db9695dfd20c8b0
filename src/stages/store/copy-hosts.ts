/**
 * Migration 25's fill: the host of every stored copy's URL (copy-row.ts siteHost), written a batch
 * at a time, then the index a site filter reads it by (made once, after the rows are filled).
 */
import { siteHost } from './copy-row.js';
import type { SqlClient, SqlValue } from './sql-client.js';

/** Copies read and written per statement: bounded memory, few round trips. */
const BATCH = 1_000;

export async function fillCopyHosts(tx: SqlClient): Promise<void> {
  for (let after = ''; ;) {
    const rows = await tx.query<{ id: string; url: string }>(
      `SELECT id, url FROM article_copies WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) break;
    if (tx.dialect === 'postgres')
      await tx.query(
        `UPDATE article_copies c SET host = v.host FROM unnest($1::text[], $2::text[]) AS v(id, host) WHERE c.id = v.id`,
        [rows.map((r) => r.id), rows.map((r) => siteHost(r.url))] as unknown as SqlValue[],
      );
    else
      for (const r of rows)
        await tx.query('UPDATE article_copies SET host = $1 WHERE id = $2', [siteHost(r.url), r.id]);
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.id;
  }
  await tx.query('CREATE INDEX IF NOT EXISTS article_copies_host ON article_copies (host, article_id)');
}

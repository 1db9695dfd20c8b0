/**
 * Multi-row inserts, the cheapest way each engine takes them. PostgreSQL gets one array parameter
 * per column (`INSERT … SELECT * FROM unnest($1::text[], …)`): a statement of a few parameters
 * whatever the row count, where a VALUES list of thousands of placeholders costs the server a
 * parse and plan of each (a batch of 64 articles writes 2,048 story band rows). SQLite gets a
 * VALUES list (its parser is cheap, and it has no arrays), in chunks under its parameter limit.
 */
import { DIALECTS } from './dialect.js';
import type { SqlClient, SqlValue } from './sql-client.js';

/** Most parameters in one SQLite statement: under its limit (32,766). */
const MAX_SQLITE_PARAMS = 10_000;

/** The columns of Parley's tables that are not text, by name (an array parameter names its type). */
const PG_COLUMN_TYPES: Readonly<Record<string, string>> = { relevance: 'float8', mentions: 'int4' };

function pgType(column: string): string {
  return DIALECTS.postgres.searchColumns.includes(column) ? 'tsvector' : (PG_COLUMN_TYPES[column] ?? 'text');
}

/** Inserts rows (each the columns' values in order); `tail` follows the statement (an ON CONFLICT clause). */
export async function insertRows(
  tx: SqlClient,
  table: string,
  columns: readonly string[],
  rows: readonly SqlValue[][],
  tail = '',
): Promise<void> {
  if (rows.length === 0) return;
  if (tx.dialect === 'postgres') {
    const arrays = columns.map((_, c) => rows.map((r) => r[c] ?? null));
    const unnest = columns.map((col, i) => `$${i + 1}::${pgType(col)}[]`).join(', ');
    await tx.query(
      `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${unnest})${tail}`,
      arrays as unknown as SqlValue[],
    );
    return;
  }
  const perStatement = Math.floor(MAX_SQLITE_PARAMS / columns.length);
  for (let start = 0; start < rows.length; start += perStatement) {
    const part = rows.slice(start, start + perStatement);
    const width = columns.length;
    const sql = part
      .map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`)
      .join(', ');
    await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${sql}${tail}`, part.flat());
  }
}

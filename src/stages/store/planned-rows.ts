/**
 * PostgreSQL: the rows the planner expects a statement to return, read from its
 * `EXPLAIN (FORMAT JSON)` (the dialect's estimate statements); 0 when it gives none.
 */
import type { SqlClient, SqlValue } from './sql-client.js';

export async function plannedRows(db: SqlClient, explainSql: string, params: SqlValue[]): Promise<number> {
  const [row] = await db.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(explainSql, params);
  return Number(row?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
}

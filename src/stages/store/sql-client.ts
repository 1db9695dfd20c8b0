/**
 * The little that differs between SQLite and PostgreSQL, behind one interface: queries are written
 * once with `$1`-style placeholders and run on either.
 */
export type SqlValue = string | number | null;
export type SqlRow = Record<string, unknown>;

export interface SqlClient {
  readonly dialect: 'sqlite' | 'postgres';
  query<R extends SqlRow = SqlRow>(sql: string, params?: SqlValue[]): Promise<R[]>;
  /** Runs `fn` in a transaction: all its statements commit together or not at all. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

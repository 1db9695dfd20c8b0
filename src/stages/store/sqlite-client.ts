/**
 * SqlClient over better-sqlite3. The driver is synchronous and this process has one connection, so
 * transactions are serialised here: no other statement of this process can slip into one.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SqlClient, SqlRow, SqlValue } from './sql-client.js';

/** How long a writer waits for another process's lock before failing (WAL allows one writer). */
const BUSY_TIMEOUT_MS = 10_000;

const PLACEHOLDER = /\$(\d+)/g;

export class SqliteClient implements SqlClient {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private queue: Promise<unknown> = Promise.resolve();
  private inTransaction = false;

  /** Opens (creating if needed) the database file at `path`; `:memory:` works too. */
  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL syncs at checkpoints, not at every commit: a crashed process loses nothing
    // (the WAL is in the OS's hands), only a power cut can undo the last commits, and the event loop
    // is not held up by an fsync per article.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.db.pragma('foreign_keys = ON');
  }

  async query<R extends SqlRow = SqlRow>(sql: string, params: SqlValue[] = []): Promise<R[]> {
    if (!this.inTransaction) await this.queue;
    return this.run<R>(sql, params);
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.db.exec('BEGIN IMMEDIATE');
      this.inTransaction = true;
      try {
        const result = await fn(this);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        this.db.exec('ROLLBACK');
        throw err;
      } finally {
        this.inTransaction = false;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.queue;
    this.db.close();
  }

  private run<R>(sql: string, params: SqlValue[]): R[] {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql.replace(PLACEHOLDER, '@p$1'));
      this.statements.set(sql, stmt);
    }
    const bound = Object.fromEntries(params.map((v, i) => [`p${i + 1}`, v]));
    const args = params.length > 0 ? [bound] : [];
    return stmt.reader ? (stmt.all(...args) as R[]) : (stmt.run(...args), []);
  }
}

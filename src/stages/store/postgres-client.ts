/**
 * SqlClient over a pg Pool. `?schema=NAME` in the store URL puts Parley's tables in their own
 * schema (created if missing), so several Parleys or test runs can share one database.
 */
import pg from 'pg';
import type { SqlClient, SqlRow, SqlValue } from './sql-client.js';

/** Connections per process: store workers run a few jobs at once; more would only queue in PostgreSQL. */
const POOL_SIZE = 5;
/** Fail a connection attempt rather than hang a job when PostgreSQL is unreachable. */
const CONNECT_TIMEOUT_MS = 5_000;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/**
 * Settings of every session Parley opens. `jit=off`: PostgreSQL compiles a query whose estimated
 * cost passes jit_above_cost, and Parley's are short lookups whose estimates at a million rows (or
 * on a table never analyzed) pass it. Compiling took ~38 ms of a story lookup whose work took 4.
 */
const SESSION_SETTINGS = '-c jit=off';

type Queryable = Pick<pg.PoolClient, 'query'>;

class PgSession implements SqlClient {
  readonly dialect = 'postgres' as const;
  constructor(protected readonly db: Queryable) {}

  async query<R extends SqlRow = SqlRow>(sql: string, params: SqlValue[] = []): Promise<R[]> {
    const result = await this.db.query(sql, params);
    return result.rows as R[];
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return fn(this); // already inside one
  }

  async close(): Promise<void> {}
}

export class PostgresClient extends PgSession {
  private readonly pool: pg.Pool;
  private ready: Promise<void> | undefined;

  constructor(url: string) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
      throw new Error(`STORE_URL schema ${JSON.stringify(schema)} must be a lower-case SQL identifier`);
    }
    const pool = new pg.Pool({
      connectionString: parsed.href,
      max: POOL_SIZE,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      options: [SESSION_SETTINGS, ...(schema ? [`-c search_path=${schema}`] : [])].join(' '),
    });
    // An idle client losing its server must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    super(pool);
    this.pool = pool;
    if (schema) this.ready = this.createSchema(schema);
  }

  override async query<R extends SqlRow = SqlRow>(sql: string, params: SqlValue[] = []): Promise<R[]> {
    await this.ready;
    return super.query<R>(sql, params);
  }

  override async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    await this.ready;
    const client = await this.pool.connect();
    // A checked-out client whose server goes away emits 'error'; unheard, it would end the process.
    let broken: Error | undefined;
    const onError = (err: Error) => (broken = err);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await fn(new PgSession(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      broken ??= err instanceof Error ? err : undefined;
      throw err;
    } finally {
      client.off('error', onError);
      client.release(broken); // a client that failed is discarded, not reused
    }
  }

  override async close(): Promise<void> {
    await this.pool.end();
  }

  private async createSchema(schema: string): Promise<void> {
    try {
      await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (err) {
      // Two processes creating the schema at once: one wins, the other sees a duplicate; both are fine.
      if (['42P06', '23505'].includes((err as { code?: string }).code ?? '')) return;
      this.ready = undefined; // let the next call try again
      throw err;
    }
  }
}

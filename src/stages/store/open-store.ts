/** Opens the store a STORE_URL names: `sqlite:<path>` (default) or `postgres://…`. */
import type { ArticleStore } from './article-store.js';
import { PostgresClient } from './postgres-client.js';
import { SqlArticleStore } from './sql-article-store.js';
import type { SqlClient } from './sql-client.js';
import { SqliteClient } from './sqlite-client.js';

/** The database client of the store a STORE_URL names, without the store (no migration). */
export function storeClient(storeUrl: string): SqlClient {
  return storeUrl.startsWith('sqlite:')
    ? new SqliteClient(storeUrl.slice('sqlite:'.length))
    : new PostgresClient(storeUrl);
}

/**
 * Opens and migrates the store. `onBackgroundError` hears of work the store does after a write has
 * returned (PostgreSQL's phrase index, phrase-index.ts) failing; nothing is lost by it.
 */
export async function openStore(storeUrl: string, onBackgroundError?: (err: unknown) => void): Promise<ArticleStore> {
  const store = new SqlArticleStore(storeClient(storeUrl), onBackgroundError);
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}

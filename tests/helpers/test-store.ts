/**
 * A store of either kind in a fresh SQLite file or PostgreSQL schema, for tests that run on both
 * stores (`describe.each(STORE_KINDS)`). `close()` closes the store and removes its database.
 */
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { MIGRATIONS, migrate } from '../../src/stages/store/migrations.js';
import { openStore, storeClient } from '../../src/stages/store/open-store.js';
import type { SqlClient } from '../../src/stages/store/sql-client.js';
import { testStoreUrl, type StoreKind } from './test-services.js';

export interface TestStore {
  store: ArticleStore;
  url: string;
  close: () => Promise<void>;
}

export function openTestStore(kind: StoreKind): Promise<TestStore> {
  const { url, drop } = testStoreUrl(kind);
  return storeAt(url, drop);
}

/** The store at `url`, opened (migrated); `close()` also runs `drop`. */
async function storeAt(url: string, drop: () => Promise<void>): Promise<TestStore> {
  const store = await openStore(url);
  return {
    store,
    url,
    async close() {
      await store.close();
      await drop();
    },
  };
}

/**
 * A store of either kind as it stood before the migration whose description starts with
 * `description`: `db` writes rows the old way, then `bringForward()` opens it with every migration
 * (`close()` of what it returns removes the database).
 */
export async function openOlderStore(
  kind: StoreKind,
  description: string,
): Promise<{ db: SqlClient; bringForward: () => Promise<TestStore> }> {
  const { url, drop } = testStoreUrl(kind);
  const db = storeClient(url);
  const before = MIGRATIONS.findIndex((m) => m.description.startsWith(description));
  if (before < 1) throw new Error(`no migration after the first is described as "${description}…"`);
  await migrate(db, before);
  return {
    db,
    async bringForward() {
      await db.close();
      return storeAt(url, drop);
    },
  };
}

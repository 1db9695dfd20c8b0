/**
 * A store of either kind in a fresh SQLite file or PostgreSQL schema, for tests that run on both
 * stores (`describe.each(STORE_KINDS)`). `close()` closes the store and removes its database.
 */
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { openStore } from '../../src/stages/store/open-store.js';
import { testStoreUrl, type StoreKind } from './test-services.js';

export interface TestStore {
  store: ArticleStore;
  url: string;
  close: () => Promise<void>;
}

export async function openTestStore(kind: StoreKind): Promise<TestStore> {
  const { url, drop } = testStoreUrl(kind);
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

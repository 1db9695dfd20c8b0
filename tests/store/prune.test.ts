import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { openStore } from '../../src/stages/store/open-store.js';
import { startRuntime } from '../../src/runtime/runtime.js';
import { WorkerGroup } from '../../src/workers/worker-group.js';
import { runProgram } from '../helpers/run-cli.js';
import { STORE_KINDS, TEST_REDIS_URL, deleteRedisPrefix, testStoreUrl, uniqueName } from '../helpers/test-services.js';
import { until } from '../helpers/wait.js';
import { article } from './article-factory.js';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

/** Two skipped long ago, one skipped yesterday, and a stored article older than all of them. */
async function fill(store: ArticleStore): Promise<void> {
  await store.upsertArticle(article('kept-story', { storedAt: daysAgo(400), published: daysAgo(400) }));
  for (const [id, age] of [
    ['old1', 200],
    ['old2', 91],
    ['recent', 1],
  ] as const) {
    await store.recordSkipped({
      id,
      url: `https://example.org/${id}`,
      title: id,
      relevance: 0.1,
      skippedAt: daysAgo(age),
    });
  }
}

describe.each(STORE_KINDS)('%s store: pruning skipped articles', (kind) => {
  let store: ArticleStore;
  let url: string;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    const t = testStoreUrl(kind);
    ({ url, drop } = t);
    store = await openStore(url);
    await fill(store);
  });
  afterEach(async () => {
    await store.close();
    await drop();
  });

  it('prunes skipped records older than the cutoff, keeps newer ones and every stored article', async () => {
    expect(await store.pruneSkipped(daysAgo(90), { dryRun: true })).toBe(2);
    expect(await store.countArticles()).toEqual({ stored: 1, skipped: 3 });
    expect(await store.pruneSkipped(daysAgo(90))).toBe(2);
    expect(await store.countArticles()).toEqual({ stored: 1, skipped: 1 });
    expect(await store.status('old1')).toBeNull();
    expect(await store.status('recent')).toBe('skipped');
    expect(await store.status('kept-story')).toBe('stored');
  });

  it('npm run prune: --dry-run counts, without it deletes, and a bad age is refused by name', async () => {
    const env = { STORE_URL: url };
    const dry = await runProgram('cli/prune.ts', ['--skipped-older-than', '90d', '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/would prune 2 skipped articles/);
    expect(await store.countArticles()).toEqual({ stored: 1, skipped: 3 });

    const real = await runProgram('cli/prune.ts', ['--skipped-older-than', '90d'], env);
    expect(real.stdout).toMatch(/pruned 2 skipped articles/);
    expect(await store.countArticles()).toEqual({ stored: 1, skipped: 1 });

    const bad = await runProgram('cli/prune.ts', ['--skipped-older-than', 'ninety days'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--skipped-older-than must be an age such as 90d/);
    const none = await runProgram('cli/prune.ts', [], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/stored articles are never pruned/);
  }, 180_000); // four program starts

  it('with PRUNE_SKIPPED_AFTER, the store workers prune on their own schedule', async () => {
    const prefix = uniqueName();
    const rt = await startRuntime('prune-test', {
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      STORE_URL: url,
      PRUNE_SKIPPED_AFTER: '90d',
      LOG_LEVEL: 'silent',
    });
    const group = new WorkerGroup(rt, ['store']);
    try {
      await group.start();
      await until('old skipped records pruned', async () => (await store.countArticles()).skipped === 1, 20_000);
      expect(await store.status('recent')).toBe('skipped');
      expect(await store.status('kept-story')).toBe('stored');
    } finally {
      await group.stop();
      await rt.close();
      await deleteRedisPrefix(prefix);
    }
  });
});

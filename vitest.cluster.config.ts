import { defineConfig } from 'vitest/config';

/**
 * `npm run test:cluster`: the pipeline on a Redis Cluster the test starts itself (three masters),
 * 1,000 articles end to end. Minutes long, so it runs apart from `npm test`; `.ci/run` runs it.
 */
export default defineConfig({
  test: {
    include: ['tests/cluster/**/*.test.ts'],
    globalSetup: ['tests/helpers/build-dist.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    fileParallelism: false,
  },
});

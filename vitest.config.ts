import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The Redis Cluster run takes minutes: npm run test:cluster (vitest.cluster.config.ts), run by .ci/run.
    exclude: ['tests/cluster/**', 'node_modules/**'],
    // Tests that run npm scripts run the compiled code: dist/ is built first when src/ is newer.
    globalSetup: ['tests/helpers/build-dist.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests share one Redis and one PostgreSQL; each uses its own QUEUE_PREFIX / schema,
    // but running files one at a time keeps the 2-core machine from starving worker lock renewal.
    fileParallelism: false,
  },
});

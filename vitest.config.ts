import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * Two groups. Files that start BullMQ workers, Parley's processes, a browser or their own Redis —
 * recognised by importing bullmq, playwright-core, node:child_process or one of the helpers below — run one at a time, after the
 * rest: on a 2-core machine, running them side by side starves the workers' lock renewal. Every
 * other file (pure functions, the stores, local HTTP servers) runs in parallel first.
 */
const PROCESS_LEVEL =
  /from ['"](?:bullmq|playwright-core|node:child_process|[./]+helpers\/(?:pipeline-harness|worker-processes|run-cli|browser-pages|own-redis|tcp-proxy)\.js)['"]/;

const ALL = readdirSync('tests', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts') && !f.startsWith('cluster/'))
  .map((f) => `tests/${f}`);
const SERIAL = ALL.filter((f) => PROCESS_LEVEL.test(readFileSync(f, 'utf8')));

export default defineConfig({
  test: {
    // The Redis Cluster run takes minutes: npm run test:cluster (vitest.cluster.config.ts), run by .ci/run.
    exclude: ['tests/cluster/**', 'node_modules/**'],
    // Tests that run npm scripts run the compiled code: dist/ is built first when src/ is newer.
    globalSetup: ['tests/helpers/build-dist.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'parallel',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/cluster/**', 'node_modules/**', ...SERIAL],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'one-at-a-time',
          include: SERIAL,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { FAULT_FILES } from './vitest.faults.config.js';

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
  .map((f) => `tests/${f}`)
  .filter((f) => !FAULT_FILES.includes(f));
const SERIAL = ALL.filter((f) => PROCESS_LEVEL.test(readFileSync(f, 'utf8')));

/**
 * Files of the parallel group run side by side, at least two at a time. Vitest's default is one
 * fewer than the cores, which on the 2-core machines the suite runs on is one: the group ran one file
 * at a time. Its files start no process and hold no lock to renew, and many wait on PostgreSQL, Redis
 * or a local server, so two share two cores without starving each other.
 */
const PARALLEL_FILES = Math.max(2, availableParallelism());

export default defineConfig({
  test: {
    // The Redis Cluster run and the fault runs take minutes: npm run test:cluster and npm run test:faults
    // (vitest.cluster.config.ts, vitest.faults.config.ts), both run by .ci/run.
    exclude: ['tests/cluster/**', 'node_modules/**', ...FAULT_FILES],
    // Tests that run npm scripts run the compiled code: dist/ is built first when src/ is newer.
    globalSetup: ['tests/helpers/build-dist.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    /**
     * A worker process runs file after file and keeps the modules it has loaded (src/, bullmq, pg,
     * fastify, …); each test file itself is still loaded afresh. Vitest's default, a fresh process
     * per file, loaded them all again for each of the 133 files: in the parallel group that was 80 s
     * of import time summed over its files, 15 s without (the group's CPU time 76 s → 35 s). Safe
     * because no test mocks a module, stubs a global, fakes timers or changes process.env, and every
     * file removes the queues, stores, servers and processes it made.
     */
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'parallel',
          maxWorkers: PARALLEL_FILES,
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/cluster/**', 'node_modules/**', ...FAULT_FILES, ...SERIAL],
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

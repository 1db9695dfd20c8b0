import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the pipeline's delivery promises under faults with real worker processes —
 * workers SIGKILLed mid-run, Redis restarted mid-run, PostgreSQL unreachable for 20 seconds, 700
 * articles in all. Minutes long (mostly the outages themselves), so it runs apart from `npm test`;
 * `.ci/run` runs it after each `npm test`. Alone, as the one-at-a-time group of `npm test` runs: its
 * workers hold 2-second locks, which a second busy file on two cores could starve.
 */
export const FAULT_FILES = ['tests/faults/faults.test.ts'];

export default defineConfig({
  test: {
    include: FAULT_FILES,
    globalSetup: ['tests/helpers/build-dist.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    fileParallelism: false,
  },
});

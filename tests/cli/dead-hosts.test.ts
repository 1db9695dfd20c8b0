/**
 * Dead and mistyped hosts through the real pipeline with the default retry policy: each fails with
 * its own reason, well within two minutes, and `enqueue --wait` prints it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { articleId } from '../../src/shared/identity.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { runProgram } from '../helpers/run-cli.js';

/** The promise: a dead host's article has failed within two minutes with the default retry policy. */
const DEAD_HOST_BOUND_MS = 120_000;

describe('dead hosts', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it(
    'enqueue --wait says "connection refused" and "host not found" within two minutes',
    async () => {
      // The defaults: 5 attempts, backoff from 2 s (pipeline-harness shortens them for other tests).
      h = await startPipeline({ env: { JOB_ATTEMPTS: '5', JOB_BACKOFF_MS: '2000' } });
      const refused = 'http://127.0.0.1:9/dead.html'; // port 9 (discard): nothing listens
      const typo = 'http://exmaple.org/news';
      const started = Date.now();
      const r = await runProgram(
        'cli/enqueue.ts',
        ['--wait', '--timeout', String(DEAD_HOST_BOUND_MS / 1000), refused, typo],
        h.env,
        '',
        DEAD_HOST_BOUND_MS + 30_000,
      );
      const lines = r.stdout.trim().split('\n');
      expect(lines).toContainEqual(
        `failed   ${articleId(refused)}  ${refused}  fetch: connection refused: 127.0.0.1:9`,
      );
      expect(lines).toContainEqual(`failed   ${articleId(typo)}  ${typo}  fetch: host not found: exmaple.org`);
      expect(r.code).toBe(1);
      expect(Date.now() - started).toBeLessThan(DEAD_HOST_BOUND_MS);
      // Not found is permanent: one attempt. Refused is retried, a bounded number of times.
      expect((await h.rt.queues.queues.fetch.getJob(articleId(typo)))?.attemptsMade).toBe(1);
      expect((await h.rt.queues.queues.fetch.getJob(articleId(refused)))?.attemptsMade).toBe(5);
    },
    DEAD_HOST_BOUND_MS + 60_000,
  );
});

/** What bull-board shows of a job: named by its article, and a failed one's reason without a stack. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { articleId, canonicalUrl } from '../../src/shared/identity.js';
import { settle } from '../helpers/wait.js';

let server: FixtureServer;
let h: Harness;
beforeAll(async () => {
  server = await startFixtureServer({
    '/gone': { status: 410, body: 'gone' },
    '/broken': { status: 500, body: 'oops' },
  });
  h = await startPipeline();
});
afterAll(async () => {
  await h.stop();
  await server.close();
});

describe('jobs in bull-board', () => {
  it.each(['/gone', '/broken'])(
    'a failed fetch of %s is named by its URL and keeps the reason, not a stack',
    async (path) => {
      const url = server.url(path);
      const id = articleId(url);
      await h.rt.queues.submit({ id, url, canonicalUrl: canonicalUrl(url), origin: { kind: 'enqueue' } });
      expect(await settle(h.rt.queues, id)).toMatchObject({ state: 'failed', stage: 'fetch' });
      const job = (await h.rt.queues.queues.fetch.getJob(id))!;
      expect(job.name).toBe(url);
      expect(job.failedReason).toContain(url);
      expect(job.stacktrace).toEqual([]);
      expect(JSON.stringify(job.toJSON())).not.toMatch(/\.ts:\d+|node_modules|at async /);
    },
  );
});

/** Bulk queueing (`submitMany`, used by `enqueue --file` and big feeds) keeps `submit`'s rules, one existence check per article. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { articleId, canonicalUrl } from '../../src/shared/identity.js';
import { settle } from '../helpers/wait.js';

let server: FixtureServer;
let h: Harness;
beforeAll(async () => {
  server = await startFixtureServer({ '/gone': { status: 410, body: 'gone' } });
  // Only the fetch stage runs: what it hands on stays waiting in the clean queue.
  h = await startPipeline({ stages: ['fetch'], env: { JOB_ATTEMPTS: '1' } });
});
afterAll(async () => {
  await h.stop();
  await server.close();
});

const payload = (url: string) => ({
  id: articleId(url),
  url,
  canonicalUrl: canonicalUrl(url),
  origin: { kind: 'enqueue' },
});

describe('submitMany', () => {
  it('keeps an article in flight at any stage a no-op, and queues one id once per call', async () => {
    await h.rt.queues.queues.clean.add('held', { id: 'x' }, { jobId: articleId('https://bulk.example/held') });
    const results = await h.rt.queues.submitMany([
      payload('https://bulk.example/new'),
      payload('https://bulk.example/held'),
      payload('https://bulk.example/new'),
    ]);
    expect(results.map((r) => r.queued)).toEqual([true, false, false]);
    expect(await h.rt.queues.queues.fetch.getJobState(articleId('https://bulk.example/new'))).not.toBe('unknown');
    expect(await h.rt.queues.queues.fetch.getJobState(articleId('https://bulk.example/held'))).toBe('unknown');
  });

  it('queues anew an article whose earlier run failed', async () => {
    const url = server.url('/gone');
    const [first] = await h.rt.queues.submitMany([payload(url)]);
    expect(first!.queued).toBe(true);
    expect(await settle(h.rt.queues, articleId(url))).toMatchObject({ state: 'failed', stage: 'fetch' });
    const [again] = await h.rt.queues.submitMany([payload(url)]);
    expect(again!.queued).toBe(true);
    expect(await settle(h.rt.queues, articleId(url))).toMatchObject({ state: 'failed', stage: 'fetch' });
  });
});

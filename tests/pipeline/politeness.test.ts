/**
 * Per-host politeness in the running pipeline: jobs for a busy host wait their turn (delayed, no
 * attempt spent) instead of failing, and robots.txt is honoured with a readable reason.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { articleId, canonicalUrl } from '../../src/shared/identity.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { settle } from '../helpers/wait.js';

let server: FixtureServer;
beforeAll(async () => {
  const body = await readFile(new URL('../fixtures/pages/moscow-talks.html', import.meta.url), 'utf8');
  server = await startFixtureServer({
    '/talks': { headers: { 'content-type': 'text/html' }, body },
    '/private/talks': { headers: { 'content-type': 'text/html' }, body },
    '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: Parley\nDisallow: /private/\n' },
  });
});
afterAll(() => server.close());

const submit = (h: Harness, url: string) =>
  h.rt.queues.submit({ id: articleId(url), url, canonicalUrl: canonicalUrl(url), origin: { kind: 'enqueue' } });

describe('politeness', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('spaces requests to one host and delays the waiting jobs without spending attempts', async () => {
    // One attempt per job: if waiting for the host spent an attempt, three of the four would fail.
    h = await startPipeline({
      env: { FETCH_HOST_LIMITS: '', FETCH_HOST_INTERVAL_MS: '400', FETCH_CONCURRENCY: '8', JOB_ATTEMPTS: '1' },
    });
    const urls = [1, 2, 3, 4].map((n) => server.url(`/talks?p=${n}`));
    const ids = [];
    for (const u of urls) ids.push((await submit(h, u)).id);
    for (const id of ids) expect(await settle(h.rt.queues, id)).toMatchObject({ state: 'stored' });

    const times = server.requests
      .filter((r) => r.url.startsWith('/talks?p='))
      .map((r) => r.at)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(4);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(380);
  });

  it('fails a URL that robots.txt disallows for Parley at once, saying so', async () => {
    h = await startPipeline();
    const { id } = await submit(h, server.url('/private/talks'));
    const outcome = await settle(h.rt.queues, id);
    expect(outcome).toMatchObject({ state: 'failed', stage: 'fetch' });
    expect(outcome.state === 'failed' && outcome.reason).toMatch(/robots\.txt/);
    expect((await h.rt.queues.queues.fetch.getJob(id))?.attemptsMade).toBe(1);
  });
});

/** `enqueue --feed` waits for the feed host's turn (the per-host gate) instead of failing. */
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { runProgram } from '../helpers/run-cli.js';

let server: FixtureServer;
beforeAll(async () => {
  const rss = await readFile(new URL('../fixtures/feeds/wire.rss', import.meta.url), 'utf8');
  const atom = await readFile(new URL('../fixtures/feeds/agency.atom', import.meta.url), 'utf8');
  server = await startFixtureServer({
    '/wire.rss': { headers: { 'content-type': 'application/rss+xml' }, body: rss },
    '/agency.atom': { headers: { 'content-type': 'application/atom+xml' }, body: atom },
  });
});
afterAll(() => server.close());

describe('enqueue --feed', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('polls two feeds of one host in turn, the second after the host interval, both succeeding', async () => {
    // One request at a time to the fixture host, 2 s apart: the second feed's poll finds the host busy.
    h = await startPipeline({ stages: [], env: { FETCH_HOST_LIMITS: '127.0.0.1=1/2000' } });
    const r = await runProgram(
      'cli/enqueue.ts',
      ['--timeout', '30', '--feed', server.url('/wire.rss'), '--feed', server.url('/agency.atom')],
      h.env,
    );
    const feedLines = r.stdout.split('\n').filter((l) => l.startsWith('feed ') || l.startsWith('failed '));
    expect(feedLines, r.stdout + r.stderr).toEqual([
      expect.stringMatching(/^feed {5}\S+\/wire\.rss {2}polled: \d+ items/),
      expect.stringMatching(/^feed {5}\S+\/agency\.atom {2}polled: \d+ items/),
    ]);
    expect(r.code).toBe(0);
  }, 60_000);
});

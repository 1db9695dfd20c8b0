import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { articleId } from '../../src/shared/identity.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { runProgram } from '../helpers/run-cli.js';

let server: FixtureServer;
beforeAll(async () => {
  const html = { 'content-type': 'text/html; charset=utf-8' };
  const body = await readFile(new URL('../fixtures/pages/moscow-talks.html', import.meta.url), 'utf8');
  const local = await readFile(new URL('../fixtures/pages/local-news.html', import.meta.url), 'utf8');
  server = await startFixtureServer({
    '/talks': { headers: html, body },
    '/local': { headers: html, body: local },
    '/gone': { status: 410, body: 'gone' },
  });
});
afterAll(() => server.close());

describe('npm run enqueue', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('--wait queues the good URLs, rejects the bad ones with a reason, and reports each outcome', async () => {
    h = await startPipeline();
    const talks = server.url('/talks');
    const r = await runProgram(
      'cli/enqueue.ts',
      ['--wait', talks, 'not a url', 'ftp://example.org/x', server.url('/local'), server.url('/gone')],
      h.env,
    );
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines).toContainEqual(expect.stringMatching(/^rejected not a url\s+not a valid URL/));
    expect(lines).toContainEqual(expect.stringMatching(/^rejected ftp:\/\/example\.org\/x\s+unsupported scheme "ftp"/));
    expect(lines).toContainEqual(
      `stored   ${articleId(talks)}  ${talks}  Tillerson and Lavrov hold talks in Moscow on Syria`,
    );
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^skipped  ${articleId(server.url('/local'))} .*not relevant`)),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^failed   ${articleId(server.url('/gone'))} .*fetch: .*410`)),
    );
    expect(r.code).toBe(1);
  });

  it('reads URLs from a file (with comments) and from stdin, and exits 0 when all are stored', async () => {
    h = await startPipeline();
    const file = join(tmpdir(), `parley-urls-${process.pid}.txt`);
    await writeFile(file, `# today's reading\n${server.url('/talks')}  # the Moscow talks\n\n`);
    const r = await runProgram(
      'cli/enqueue.ts',
      ['--wait', '--file', file, '-'],
      h.env,
      `${server.url('/talks?utm_source=x')}\n`,
    );
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^stored /)]); // one article, spelled twice
    expect(r.code).toBe(0);
  });

  it('says in one line that Redis cannot be reached, instead of hanging', async () => {
    const started = Date.now();
    const r = await runProgram('cli/enqueue.ts', ['https://example.org/a'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^parley: cannot reach Redis at redis:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

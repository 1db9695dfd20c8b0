/**
 * Parley's CLIs in shell pipes: every line reaches a slow reader before the program exits, and a
 * reader that stops early (`| head`) ends the program quietly, without an EPIPE stack trace.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/stages/store/open-store.js';
import { TEST_REDIS_URL, deleteRedisPrefix, testStoreUrl, uniqueName } from '../helpers/test-services.js';
import { article } from '../store/article-factory.js';

const run = promisify(execFile);
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * `npm run -s <script> -- <args>` for a shell command line: through npm, as users run it (npm shares
 * the pipe with node and makes it non-blocking, which is when unflushed output is lost at exit).
 */
const program = (script: string, args: string): string => `npm run -s ${script} -- ${args}`;

/**
 * Runs a bash pipeline whose first command writes its stderr to `errFile`; returns the pipeline's
 * stdout, the first command's exit status and its stderr.
 */
async function pipeline(
  command: string,
  env: Record<string, string>,
  errFile: string,
): Promise<{ stdout: string; status: number; stderr: string }> {
  cleanups.push(() => rmSync(errFile, { force: true }));
  const script = `${command}; s=\${PIPESTATUS[0]}; cat "${errFile}" >&2; echo "status=$s"`;
  const { stdout, stderr } = await run('bash', ['-c', script], {
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const status = Number(/status=(\d+)\s*$/.exec(stdout)?.[1]);
  return { stdout: stdout.replace(/status=\d+\s*$/, ''), status, stderr };
}

describe('CLIs in pipes', () => {
  it('enqueue: every "queued" line reaches a reader that starts reading late', async () => {
    const prefix = `parley-${uniqueName()}`;
    cleanups.push(() => deleteRedisPrefix(prefix));
    const file = join(tmpdir(), `parley-pipe-${uniqueName()}.txt`);
    // 200 long URLs: ~300 KB of output, several times what a pipe holds.
    writeFileSync(
      file,
      Array.from({ length: 200 }, (_, i) => `https://example.org/pipes/${'a'.repeat(1_500)}/${i}`).join('\n'),
    );
    const done = `${file}.done`;
    cleanups.push(
      () => rmSync(file, { force: true }),
      () => rmSync(done, { force: true }),
    );
    // The reader starts when the program has exited (or after 15 s): whatever the program had not
    // written by its exit is lost, unless it waited for its output to drain before exiting.
    const reader = `(for i in $(seq 75); do [ -f "${done}" ] && break; sleep 0.2; done; grep -c '^queued ')`;
    const r = await pipeline(
      `{ ${program('enqueue', `--file "${file}"`)} 2>"${file}.err"; s=$?; touch "${done}"; exit $s; } | ${reader}`,
      { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn' },
      `${file}.err`,
    );
    expect(r.stdout.trim()).toBe('200');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);

  it('articles --json | head -2: two lines, exit 0, nothing on stderr', async () => {
    const store = testStoreUrl('sqlite');
    cleanups.push(() => store.drop());
    const opened = await openStore(store.url);
    // Distinct long texts (so none merge into one story): ~400 KB of JSON, far more than a pipe holds.
    await opened.upsertArticles(
      Array.from({ length: 60 }, (_, i) =>
        article(`pipes-${i}`, { text: Array.from({ length: 1_000 }, () => randomBytes(3).toString('hex')).join(' ') }),
      ),
    );
    await opened.close();
    const errFile = join(tmpdir(), `parley-pipe-${uniqueName()}.err`);
    const r = await pipeline(
      `${program('articles', '--json --limit 60')} 2>"${errFile}" | head -2`,
      { STORE_URL: store.url },
      errFile,
    );
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});

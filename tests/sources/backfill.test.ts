import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { articleId } from '../../src/shared/identity.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { runProgram } from '../helpers/run-cli.js';

describe('npm run backfill', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('queues a URL list behind live work, and a second run resumes where the first ended', async () => {
    h = await startPipeline({ stages: [] });
    const file = join(tmpdir(), `parley-backfill-${process.pid}.txt`);
    await writeFile(file, '# last month\nhttps://past.test/a\nhttps://past.test/b\nnot a url\n');
    const first = await runProgram('cli/backfill.ts', ['--urls', file], h.env);
    expect(first.stdout).toContain('backfill: 2 queued, 0 already known or in flight, 1 failed');
    const fetchQueue = Object.values(h.rt.queues.queues)[0]!;
    const job = await fetchQueue.getJob(articleId('https://past.test/a'));
    expect(job?.opts.priority).toBeGreaterThan(0);

    const again = await runProgram('cli/backfill.ts', ['--urls', file], h.env);
    expect(again.stderr).toContain('resuming at 3 of 3');
    expect(again.stdout).toContain('backfill: 0 queued');

    const bad = await runProgram('cli/backfill.ts', ['--urls', file, '--from', '2026-01-01'], h.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from and --to go with --sitemap');
    const help = await runProgram('cli/backfill.ts', ['--help'], h.env);
    for (const o of ['--urls', '--sitemap', '--from', '--to', '--gdelt', '--wait', '--timeout'])
      expect(help.stdout).toContain(o);
  }, 180_000);
});

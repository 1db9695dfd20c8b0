/**
 * A big URL file (issue 19): every good URL is queued exactly once, however often the file repeats
 * it and however it spells it; each bad line is named by its line number and costs nothing else; an
 * article already queued before the run is left as it is.
 */
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleId, canonicalUrl } from '../../src/shared/identity.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { runProgram } from '../helpers/run-cli.js';

/** Lines in the file: more than one bulk chunk many times over. */
const LINES = 20_000;
/** Every this-many lines is a bad one, of the kinds below in turn. */
const BAD_EVERY = 997;
const BAD_KINDS = [
  'not a url',
  'ftp://files.example/x',
  'https://big.example/a b',
  'https://user:secret@big.example/x',
];
/** Every this-many lines repeats an earlier article, spelled differently (a tracking parameter, a fragment). */
const REPEAT_EVERY = 101;

let h: Harness;
const file = join(tmpdir(), `parley-big-urls-${process.pid}.txt`);
beforeAll(async () => {
  // No workers: what is queued stays in the fetch queue, where the test counts it.
  h = await startPipeline({ stages: [] });
});
afterAll(async () => {
  await h.stop();
  await rm(file, { force: true });
});

describe('enqueue --file with a 20,000-line file', () => {
  it('queues each good URL once, names each bad line by its number, and leaves a queued article as it is', async () => {
    const lines: string[] = [];
    const bad = new Map<number, string>(); // line number in the file → line
    const good = new Set<string>(); // article ids
    const goodUrls: string[] = [];
    for (let n = 1; n <= LINES; n++) {
      if (n % BAD_EVERY === 0) {
        const line = BAD_KINDS[(n / BAD_EVERY) % BAD_KINDS.length]!;
        bad.set(lines.length + 1, line);
        lines.push(line);
      } else if (n % REPEAT_EVERY === 0) {
        const earlier = goodUrls[Math.floor(goodUrls.length / 2)]!; // often thousands of lines back
        lines.push(n % 2 ? `${earlier}?utm_source=feed` : `${earlier}#comments`);
      } else if (n % 500 === 0) {
        lines.push('# a comment line', '');
      } else {
        const url = `https://big.example/news/${n}`;
        good.add(articleId(url));
        goodUrls.push(url);
        lines.push(url);
      }
    }
    // An article queued before the run (still waiting to be fetched) is not queued a second time.
    const already = 'https://big.example/news/7';
    await h.rt.queues.submit({
      id: articleId(already),
      url: already,
      canonicalUrl: canonicalUrl(already),
      origin: { kind: 'enqueue' },
    });
    await writeFile(file, `${lines.join('\n')}\n`);

    const r = await runProgram('cli/enqueue.ts', ['--file', file], h.env, '', 240_000);

    const out = r.stdout.trim().split('\n');
    const rejected = out.filter((l) => l.startsWith('rejected '));
    expect(rejected).toHaveLength(bad.size);
    for (const [n] of bad) {
      expect(rejected).toContainEqual(expect.stringMatching(new RegExp(`\\(${file} line ${n}\\)$`)));
    }
    expect(r.stdout).not.toContain('secret');
    expect(out.filter((l) => l.startsWith('in flight'))).toEqual([expect.stringContaining(articleId(already))]);
    expect(out.filter((l) => l.startsWith('queued '))).toHaveLength(good.size - 1);
    // The fetch queue holds each good article exactly once, and nothing else.
    const waiting = await h.rt.redis.lrange(h.rt.queues.queues.fetch.toKey('wait'), 0, -1);
    expect(waiting).toHaveLength(good.size);
    expect(new Set(waiting)).toEqual(good);
    expect(r.code).toBe(1);
  }, 300_000);
});

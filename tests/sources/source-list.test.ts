import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedService } from '../../src/pipeline/feed-service.js';
import { loadSourceList, parseSourceList } from '../../src/stages/feeds/source-list.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { runProgram } from '../helpers/run-cli.js';

describe('the curated us-russia source list', () => {
  it('is valid, and covers official, wire, state media and press sources in English and Russian', async () => {
    const list = await loadSourceList('us-russia');
    expect(new Set(list.sources.map((s) => s.kind))).toEqual(new Set(['official', 'wire', 'state media', 'press']));
    expect(new Set(list.sources.map((s) => s.language))).toEqual(new Set(['en', 'ru']));
    const names = list.sources.map((s) => s.name).join('\n');
    for (const who of [
      'State',
      'White House',
      'Foreign Affairs',
      'Kremlin',
      'TASS',
      'RIA',
      'Interfax',
      'Reuters',
      'Associated Press',
      'Radio Free Europe',
    ])
      expect(names).toContain(who);
    expect(
      list.sources
        .filter((s) => s.name.startsWith('The Kremlin'))
        .map((s) => s.language)
        .sort(),
    ).toEqual(['en', 'ru']);
  });

  it('refuses a list with a bad entry, naming the entry and what is wrong', () => {
    const bad = `name: x\nsources:\n  - { name: A, url: https://a.example/rss, format: feed, language: en, kind: blog }\n  - { name: B, url: 'not a url', format: feed, language: en, kind: wire }\n`;
    expect(() => parseSourceList(bad, 'bad.yaml')).toThrow(
      /bad\.yaml is invalid: sources\.0\.kind: .*; sources\.1\.url: must be an absolute http\(s\) URL/,
    );
    const twice = `name: x\nsources:\n  - { name: A, url: https://a.example/rss, format: feed, language: en, kind: wire }\n  - { name: B, url: https://a.example/rss, format: feed, language: en, kind: wire }\n`;
    expect(() => parseSourceList(twice, 'twice.yaml')).toThrow(/lists the same URL twice/);
  });
});

describe('npm run feeds -- add --preset', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('registers every source of a list with its format and kind; a bad list registers nothing', async () => {
    h = await startPipeline({ stages: [] });
    // A list of its own, so no test reaches the real publishers.
    const file = join(tmpdir(), `parley-preset-${process.pid}.yaml`);
    await writeFile(
      file,
      `name: local\nsources:\n` +
        `  - { name: Ministry, url: https://ministry.test/rss, format: feed, language: ru, kind: official, every: 1h }\n` +
        `  - { name: Wire, url: https://wire.test/sitemap.xml, format: sitemap, language: en, kind: wire }\n`,
    );
    const r = await runProgram('cli/feeds.ts', ['add', '--preset', file], h.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 sources of local registered');
    const feeds = new FeedService(h.rt.redis, h.rt.config, h.rt.queues, h.rt.store);
    const listed = (await feeds.list()).map((f) => [f.url, f.kind, f.sourceKind, f.everyMs]).sort();
    expect(listed).toEqual([
      ['https://ministry.test/rss', 'feed', 'official', 3_600_000],
      ['https://wire.test/sitemap.xml', 'sitemap', 'wire', 15 * 60_000],
    ]);

    const bad = join(tmpdir(), `parley-preset-bad-${process.pid}.yaml`);
    await writeFile(
      bad,
      `name: bad\nsources:\n  - { name: X, url: https://x.test/rss, format: feed, language: en, kind: blog }\n`,
    );
    const refused = await runProgram('cli/feeds.ts', ['add', '--preset', bad], h.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/sources\.0\.kind/);
    expect((await feeds.list()).map((f) => f.url)).not.toContain('https://x.test/rss');
    const help = await runProgram('cli/feeds.ts', ['--help'], h.env);
    for (const option of ['--every', '--discover', '--sitemap', '--kind', '--preset', '--json'])
      expect(help.stdout).toContain(option);
  }, 180_000);
});

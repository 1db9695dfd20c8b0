import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/stages/feeds/duration.js';
import { loadFeedsFile } from '../../src/stages/feeds/feeds-file.js';
import { InvalidPayloadError } from '../../src/shared/errors/index.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1.5h', 5_400_000],
    ['2000', 2_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'soon', '15 minutes', '1x', 'm15', '-5m'])('rejects %j', (text) => {
    expect(() => parseDuration(text)).toThrow(RangeError);
  });

  it('formats back compactly', () => {
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(parseDuration('15m'))).toBe('15m');
  });
});

describe('loadFeedsFile', () => {
  const withFile = async (content: string, test: (path: string) => Promise<void>): Promise<void> => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-feeds-'));
    try {
      await writeFile(join(dir, 'feeds.json'), content);
      await test(join(dir, 'feeds.json'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  it('loads feeds with and without an interval', async () => {
    await withFile(
      JSON.stringify([
        { url: 'https://tass.com/rss/v2.xml', every: '30m' },
        { url: 'https://ria.ru/export/rss2/index.xml' },
      ]),
      async (path) => {
        expect(await loadFeedsFile(path)).toEqual([
          { url: 'https://tass.com/rss/v2.xml', everyMs: 1_800_000 },
          { url: 'https://ria.ru/export/rss2/index.xml', everyMs: 900_000 },
        ]);
      },
    );
  });

  it('names the entry and field that is wrong', async () => {
    await withFile(
      JSON.stringify([{ url: 'https://ok.example/rss' }, { url: 'ftp://bad.example/feed', every: '10s' }]),
      async (path) => {
        const error = await loadFeedsFile(path).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidPayloadError);
        expect((error as Error).message).toContain('[1].url');
        expect((error as Error).message).toContain('[1].every');
      },
    );
    await withFile('{ not json', async (path) => {
      await expect(loadFeedsFile(path)).rejects.toThrow(/not valid JSON/);
    });
  });
});

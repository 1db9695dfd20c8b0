import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { openTestStore } from '../helpers/test-store.js';
import { article } from './article-factory.js';
import { storyText, syndicatedCopy } from './story-pairs.js';

const WIRE = storyText('isot-true-2528');
const OTHER_REPORT = storyText('isot-true-2561'); // another Reuters article on the same House vote

describe.each(STORE_KINDS)('%s store: stories', (kind) => {
  let store: ArticleStore;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openTestStore(kind));
  });
  afterEach(() => close());

  it('stores a syndicated copy once, as one story with every URL and site', async () => {
    const first = await store.upsertArticle(
      article('wire', { text: WIRE, site: 'reuters.com', url: 'https://reuters.com/a' }),
    );
    const copy = await store.upsertArticle(
      article('copy', {
        text: syndicatedCopy(WIRE),
        site: 'courier.example',
        url: 'https://courier.example/b',
        storedAt: '2026-01-02T00:00:00.000Z',
      }),
    );
    expect(first).toEqual({ kind: 'new', storyId: 'wire' });
    expect(copy).toEqual({ kind: 'copy', storyId: 'wire' });
    expect(await store.countArticles()).toEqual({ stored: 1, skipped: 0 });
    expect(await store.status('copy')).toBe('stored');

    const story = await store.getArticle('copy');
    expect(story?.id).toBe('wire');
    expect(story?.text).toBe(WIRE);
    expect(story?.copies.map((c) => [c.url, c.site])).toEqual([
      ['https://reuters.com/a', 'reuters.com'],
      ['https://courier.example/b', 'courier.example'],
    ]);
    expect((await store.listArticles({ site: 'courier.example' })).map((a) => a.id)).toEqual(['wire']);
    expect((await store.stats()).copies).toBe(2);
  });

  it('delivering a copy again changes nothing', async () => {
    await store.upsertArticle(article('wire', { text: WIRE }));
    await store.upsertArticle(article('copy', { text: syndicatedCopy(WIRE) }));
    expect(await store.upsertArticle(article('copy', { text: syndicatedCopy(WIRE) }))).toEqual({
      kind: 'copy',
      storyId: 'wire',
    });
    expect((await store.getArticle('wire'))?.copies).toHaveLength(2);
  });

  it('two copies of one story stored at the same moment still make one story', async () => {
    const outcomes = await Promise.all([
      store.upsertArticle(article('one', { text: WIRE })),
      store.upsertArticle(article('two', { text: syndicatedCopy(WIRE) })),
      store.upsertArticle(article('three', { text: syndicatedCopy(WIRE, 1) })),
    ]);
    expect(outcomes.filter((o) => o.kind === 'new')).toHaveLength(1);
    expect(await store.countArticles()).toEqual({ stored: 1, skipped: 0 });
    expect((await store.stats()).copies).toBe(3);
  });

  it('keeps two different articles on the same event apart', async () => {
    await store.upsertArticle(article('vote', { text: WIRE }));
    expect(await store.upsertArticle(article('other', { text: OTHER_REPORT }))).toEqual({
      kind: 'new',
      storyId: 'other',
    });
    expect(await store.countArticles()).toEqual({ stored: 2, skipped: 0 });
  });

  it('a revised article updates its row and keeps the earlier version’s fingerprint and time', async () => {
    await store.upsertArticle(
      article('r', { title: 'First take', text: OTHER_REPORT, storedAt: '2026-01-01T00:00:00.000Z' }),
    );
    const revised = await store.upsertArticle(
      article('r', {
        title: 'Updated',
        text: `${OTHER_REPORT}\n\nThe Senate is expected to take up the bill next week.`,
        storedAt: '2026-01-01T06:00:00.000Z',
      }),
    );
    expect(revised).toEqual({ kind: 'revised', storyId: 'r' });
    const got = await store.getArticle('r');
    expect(got?.title).toBe('Updated');
    expect(got?.text).toMatch(/next week\.$/);
    expect(got?.versions).toEqual([
      {
        title: 'First take',
        fingerprint: expect.stringMatching(/^\d+:[0-9a-f]{512}$/),
        storedAt: '2026-01-01T00:00:00.000Z',
        replacedAt: '2026-01-01T06:00:00.000Z',
      },
    ]);
    expect((await store.listArticles({ q: 'Senate expected next week' })).map((a) => a.id)).toEqual(['r']);
    expect(await store.upsertArticle(article('r', { title: 'Updated', text: got!.text }))).toEqual({
      kind: 'unchanged',
      storyId: 'r',
    });
    expect((await store.getArticle('r'))?.versions).toHaveLength(1);
  });

  it('a copy later judged not relevant leaves the story and its other URLs', async () => {
    await store.upsertArticle(article('wire', { text: WIRE }));
    await store.upsertArticle(article('copy', { text: syndicatedCopy(WIRE) }));
    await store.recordSkipped({
      id: 'copy',
      url: 'https://example.org/copy',
      title: 'x',
      relevance: 0.1,
      skippedAt: '2026-01-03T00:00:00.000Z',
    });
    expect(await store.status('copy')).toBe('skipped');
    expect((await store.getArticle('wire'))?.copies.map((c) => c.id)).toEqual(['wire']);
  });
});

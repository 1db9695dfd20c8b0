import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SKIPPED_EXCERPT_CHARS, type ArticleStore } from '../../src/stages/store/article-store.js';
import { SCHEMA_VERSION } from '../../src/stages/store/migrations.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { openTestStore } from '../helpers/test-store.js';
import { article } from './article-factory.js';

describe.each(STORE_KINDS)('%s store', (kind) => {
  let store: ArticleStore;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openTestStore(kind));
  });
  afterEach(() => close());

  it('keeps every field of an article and gives it back', async () => {
    const a = article('a1', {
      origin: 'feed',
      feedUrl: 'https://example.org/feed.xml',
      sourceKind: 'wire',
      archivedFrom: 'https://web.archive.org/web/20170412000000id_/https://example.org/a1',
    });
    await store.upsertArticle(a);
    const got = await store.getArticle('a1');
    expect(got).toEqual({
      ...a,
      topics: ['meeting', 'syria'],
      copies: [{ id: 'a1', url: a.url, site: a.site, seenAt: a.storedAt }],
      snippet: null,
      versions: [],
    });
  });

  it('keeps the mark of a date read from the text, and no mark on a page date', async () => {
    await store.upsertArticle({ ...article('t1'), published: '2017-04-12', dateSource: 'text' });
    await store.upsertArticle(article('p1'));
    const fromText = await store.getArticle('t1');
    expect(fromText?.published).toBe('2017-04-12');
    expect(fromText?.dateSource).toBe('text');
    expect((await store.getArticle('p1'))?.dateSource).toBeUndefined();
  });

  it('upserts by id: storing the same article twice leaves one row with the newer content', async () => {
    await store.upsertArticle(article('a1'));
    await store.upsertArticle(article('a1', { title: 'Revised', topics: ['ukraine'] }));
    expect(await store.countArticles()).toEqual({ stored: 1, skipped: 0 });
    const got = await store.getArticle('a1');
    expect(got?.title).toBe('Revised');
    expect(got?.topics).toEqual(['ukraine']);
  });

  it('records skipped articles apart: not listed, but known', async () => {
    await store.recordSkipped({
      id: 's1',
      url: 'https://example.org/s1',
      title: 'Off topic',
      relevance: 0.1,
      skippedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(await store.status('s1')).toBe('skipped');
    expect(await store.status('nope')).toBeNull();
    expect(await store.listArticles()).toEqual([]);
    expect(await store.countArticles()).toEqual({ stored: 0, skipped: 1 });
  });

  it('says which of many ids it knows, stored or skipped, more than one statement could bind one by one', async () => {
    await store.upsertArticle(article('kept'));
    await store.recordSkipped({
      id: 'dropped',
      url: 'https://example.org/dropped',
      title: 'Off topic',
      relevance: 0.1,
      skippedAt: '2026-01-01T00:00:00.000Z',
    });
    // More ids than one statement could bind one parameter each (SQLite's 32,766 bound parameters).
    const unknown = Array.from({ length: 40_000 }, (_, n) => `unknown-${n}`);
    const asked = [...unknown.slice(0, 5), 'kept', ...unknown.slice(5), 'dropped'];
    expect(await store.knownIds(asked)).toEqual(new Set(['kept', 'dropped']));
    expect(await store.knownIds([])).toEqual(new Set());
  });

  it('keeps the start of a skipped article and why it was dropped', async () => {
    const evidence = [{ phrase: 'Moscow', where: 'body', rule: 'one side only', weight: 0.2 }];
    await store.recordSkipped({
      id: 's2',
      url: 'https://example.org/s2',
      title: 'Bike lanes',
      relevance: 0.02,
      skippedAt: '2026-01-01T00:00:00.000Z',
      excerpt: 'x'.repeat(5_000),
      evidence,
    });
    const s = await store.getSkipped('s2');
    expect(s).toMatchObject({ id: 's2', title: 'Bike lanes', relevance: 0.02, evidence });
    expect(s?.excerpt).toBe('x'.repeat(SKIPPED_EXCERPT_CHARS));
    expect(await store.getSkipped('nope')).toBeNull();
  });

  it('a later judgement replaces an earlier one (skipped ↔ stored)', async () => {
    await store.recordSkipped({
      id: 'x',
      url: 'https://example.org/x',
      title: 'x',
      relevance: 0.2,
      skippedAt: '2026-01-01T00:00:00.000Z',
    });
    await store.upsertArticle(article('x'));
    expect(await store.status('x')).toBe('stored');
    expect(await store.countArticles()).toEqual({ stored: 1, skipped: 0 });
  });

  it('lists newest first and filters by topic, entity and words', async () => {
    await store.upsertArticle(article('old', { published: '2013-05-07T00:00:00.000Z', topics: ['syria'] }));
    await store.upsertArticle(
      article('new', { published: '2017-04-12T00:00:00.000Z', topics: ['ukraine'], text: 'Chemical weapons talks' }),
    );
    await store.upsertArticle(
      article('mid', { published: '2015-05-12T00:00:00.000Z', topics: ['syria', 'iran'], entities: [] }),
    );
    expect((await store.listArticles()).map((a) => a.id)).toEqual(['new', 'mid', 'old']);
    expect((await store.listArticles({ topic: 'syria' })).map((a) => a.id)).toEqual(['mid', 'old']);
    expect((await store.listArticles({ q: 'CHEMICAL weapons' })).map((a) => a.id)).toEqual(['new']);
    expect((await store.listArticles({ entity: 'lavrov' })).map((a) => a.id)).toEqual(['new', 'old']);
    expect((await store.listArticles({ limit: 1, offset: 1 })).map((a) => a.id)).toEqual(['mid']);
  });

  it('takes search text as words: quotes, operators and LIKE wildcards are plain input', async () => {
    await store.upsertArticle(article('p', { text: 'Rates rose 50% overnight' }));
    for (const q of ['50%', 'NEAR(rose', '"unbalanced', 'rose*', 'title:rates', '-', 'AND OR NOT', "o'brien"]) {
      await expect(store.listArticles({ q })).resolves.toBeInstanceOf(Array);
    }
    expect((await store.listArticles({ q: 'rose 50%' })).map((a) => a.id)).toEqual(['p']);
  });

  it('migrating twice is harmless and records the schema version', async () => {
    await store.migrate();
    await store.migrate();
    await store.upsertArticle(article('m'));
    expect(await store.countArticles()).toEqual({ stored: 1, skipped: 0 });
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(1);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { CANDIDATES } from '../../src/stages/store/dialect.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { openTestStore } from '../helpers/test-store.js';
import { article } from './article-factory.js';

/** More articles holding "pipeline" than a search ranks one by one; every tenth has it in its title. */
const N = CANDIDATES + 100;
const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString();
const articles = Array.from({ length: N }, (_, i) =>
  article(`p${String(i).padStart(5, '0')}`, {
    title: i % 10 === 0 ? `Pipeline report ${i}` : `Energy report ${i}`,
    text: `The pipeline was discussed again, report number ${i}.`,
    published: day(i),
    storedAt: day(i),
    topics: [],
    entities: [],
  }),
);

describe.each(STORE_KINDS)('%s store: a word found in very many articles', (kind) => {
  let store: ArticleStore;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openTestStore(kind));
    await store.upsertArticles(articles); // stored in date order: newest stored last
  }, 120_000);
  afterEach(() => close());

  it('lists the articles with it in their title first, newest first, then the rest, newest first', async () => {
    const titled = articles
      .filter((_, i) => i % 10 === 0)
      .map((a) => a.id)
      .reverse();
    const rest = articles
      .filter((_, i) => i % 10 !== 0)
      .map((a) => a.id)
      .reverse();
    const page = await store.searchArticles({ q: 'pipeline', limit: 20 });
    expect(page.total).toBe(N);
    expect(page.articles.map((a) => a.id)).toEqual(titled.slice(0, 20));
    const across = await store.listArticles({ q: 'pipeline', limit: 20, offset: titled.length - 10 });
    expect(across.map((a) => a.id)).toEqual([...titled.slice(-10), ...rest.slice(0, 10)]);
    expect(across[15]!.snippet).toMatch(/\u0002pipeline\u0003/);
  });

  it('finds the one article holding a phrase of a common word and a rare one, with its total', async () => {
    const page = await store.searchArticles({ q: '"number 2050"' });
    expect({ total: page.total, ids: page.articles.map((a) => a.id) }).toEqual({ total: 1, ids: ['p02050'] });
  });
});

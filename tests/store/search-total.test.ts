import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { openTestStore } from '../helpers/test-store.js';
import { article } from './article-factory.js';

/** Three articles: "Lavrov" in two, "Kerry" in two, both (and "Lavrov met" as a phrase) in one. */
const ARTICLES = [
  article('both', { title: 'Talks in Geneva', text: 'Lavrov met Kerry in Geneva on Monday.', topics: ['syria'] }),
  article('lavrov', { title: 'Statement', text: 'Lavrov spoke to reporters about Iran.', topics: ['iran'] }),
  article('kerry', { title: 'Briefing', text: 'Kerry spoke to reporters about Syria.', topics: ['syria'] }),
];

describe.each(STORE_KINDS)('%s store: a search page counts its total', (kind) => {
  let store: ArticleStore;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openTestStore(kind));
    for (const a of ARTICLES) await store.upsertArticle(a);
  });
  afterEach(() => close());

  it('counts the articles with every word, within the other filters, as the page lists them', async () => {
    const totals = async (query: Parameters<ArticleStore['searchArticles']>[0]) => {
      const page = await store.searchArticles(query);
      return { total: page.total, ids: page.articles.map((a) => a.id).sort() };
    };
    expect(await totals({ q: 'lavrov' })).toEqual({ total: 2, ids: ['both', 'lavrov'] });
    expect(await totals({ q: 'lavrov kerry' })).toEqual({ total: 1, ids: ['both'] });
    expect(await totals({ q: '"lavrov met"' })).toEqual({ total: 1, ids: ['both'] });
    expect(await totals({ q: 'lavrov', topic: 'iran' })).toEqual({ total: 1, ids: ['lavrov'] });
    expect(await totals({ q: 'reporters', topic: 'syria', limit: 1 })).toEqual({ total: 1, ids: ['kerry'] });
  });
});

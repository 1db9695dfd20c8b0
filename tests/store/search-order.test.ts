import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { openTestStore } from '../helpers/test-store.js';
import { article } from './article-factory.js';

const day = (d: number) => `2017-03-${String(d).padStart(2, '0')}T00:00:00.000Z`;
const SAID = 'Sergei Lavrov said the talks would go on.';

/**
 * Stored oldest first (SQLite lists by the order articles were stored, PostgreSQL by date: the
 * same here). "oft" has the words five times but is older than "once", which has them once.
 */
const ARTICLES = [
  article('titled', { title: 'Sergei Lavrov in Geneva', text: 'Talks went on.', published: day(1) }),
  article('oft', { title: 'Talks', text: `${SAID} ${SAID} ${SAID} ${SAID} ${SAID}`, published: day(2) }),
  article('once', { title: 'Briefing', text: `Reporters heard it. ${SAID}`, published: day(3) }),
  article('apart', { title: 'Notes', text: 'Lavrov spoke; Sergei listened.', published: day(4) }),
];

const ids = (list: { id: string }[]) => list.map((a) => a.id);

describe.each(STORE_KINDS)('%s store: the order of a search with few matches', (kind) => {
  let store: ArticleStore;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openTestStore(kind));
    for (const a of ARTICLES) await store.upsertArticle(a);
  });
  afterEach(() => close());

  it('ranks by relevance: a title match first, and the words five times before a newer article with them once', async () => {
    const found = ids(await store.listArticles({ q: 'lavrov' }));
    expect(found[0]).toBe('titled');
    expect(found.indexOf('oft')).toBeLessThan(found.indexOf('once'));
    const phrase = await store.searchArticles({ q: '"sergei lavrov"' });
    expect(phrase.total).toBe(3);
    expect(ids(phrase.articles)).toEqual(['titled', 'oft', 'once']);
  });

  it('pages through the ranked matches with the total counted, with and without a date filter', async () => {
    const second = await store.searchArticles({ q: '"sergei lavrov"', limit: 1, offset: 1 });
    expect({ total: second.total, ids: ids(second.articles) }).toEqual({ total: 3, ids: ['oft'] });
    const last = await store.searchArticles({ q: '"sergei lavrov"', limit: 5, offset: 2 });
    expect({ total: last.total, ids: ids(last.articles) }).toEqual({ total: 3, ids: ['once'] });
    const filtered = await store.searchArticles({ q: 'lavrov', from: '2017-03-02', to: '2017-03-03' });
    expect({ total: filtered.total, ids: ids(filtered.articles) }).toEqual({ total: 2, ids: ['oft', 'once'] });
  });

  it('ranks a title match by the title an article has now, not the one it had', async () => {
    await store.upsertArticle({ ...ARTICLES[2]!, title: 'Lavrov speaks', storedAt: '2026-01-02T00:00:00.000Z' });
    expect(ids(await store.listArticles({ q: 'lavrov', limit: 2 })).sort()).toEqual(['once', 'titled']);
    await store.upsertArticle({ ...ARTICLES[0]!, title: 'Geneva', storedAt: '2026-01-02T00:00:00.000Z' });
    const found = ids(await store.listArticles({ q: 'lavrov' }));
    expect(found[0]).toBe('once');
    expect(found).not.toContain('titled');
  });
});

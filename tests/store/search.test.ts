import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../src/stages/store/dialect.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { openTestStore } from '../helpers/test-store.js';
import { article } from './article-factory.js';
import { storyText } from './story-pairs.js';

/** Real texts: first line is the title. */
function real(id: string, overrides: Parameters<typeof article>[1] = {}) {
  const [title = '', ...rest] = storyText(id).split('\n');
  return article(id, { title, text: rest.join('\n').trim(), ...overrides });
}

const ids = (list: { id: string }[]) => list.map((a) => a.id);

describe.each(STORE_KINDS)('%s store: search and filters', (kind) => {
  let store: ArticleStore;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openTestStore(kind));
    await store.upsertArticles([
      real('isot-true-16594', {
        site: 'reuters.com',
        published: '2017-10-24T00:00:00.000Z',
        topics: ['chemical-weapons', 'syria'],
      }),
      real('isot-true-15365', {
        site: 'reuters.com',
        published: '2017-11-02T00:00:00.000Z',
        topics: ['chemical-weapons', 'syria'],
      }),
      real('seed-004', { site: 'Russia Direct', published: '2017-04-12T00:00:00.000Z', topics: ['syria', 'meeting'] }),
      real('isot-true-2528', {
        site: 'reuters.com',
        published: '2017-07-25T00:00:00.000Z',
        topics: ['sanctions'],
        entities: [],
      }),
    ]);
  });
  afterEach(() => close());

  it('finds articles holding every word, the one with them in its title first', async () => {
    const found = await store.listArticles({ q: 'chemical weapons' });
    expect(ids(found).sort()).toEqual(['isot-true-15365', 'isot-true-16594', 'seed-004']);
    expect(found[0]!.title).toMatch(/chemical weapons/i);
    expect(ids(await store.listArticles({ q: 'chemical weapons sanctions bill' }))).toEqual([]);
  });

  it('weights the title above the body', async () => {
    const body = (id: string) => storyText(id).split('\n').slice(1).join('\n');
    await store.upsertArticles([
      article('in-title', {
        title: 'Moratorium on pipelines',
        text: `${body('isot-true-6457')} No moratorium.`,
        published: '2010-01-01T00:00:00.000Z',
      }),
      article('in-body', {
        title: 'Senate votes',
        text: `${body('isot-true-6518')} A moratorium on pipelines was discussed.`,
        published: '2018-01-01T00:00:00.000Z',
      }),
    ]);
    expect(ids(await store.listArticles({ q: 'moratorium pipelines' }))).toEqual(['in-title', 'in-body']);
  });

  it('matches other forms of a word and gives a snippet with the matches marked', async () => {
    const [hit] = await store.listArticles({ q: 'vetoed', topic: 'chemical-weapons', limit: 1 });
    expect(hit?.id).toBeDefined();
    expect(hit!.snippet).toMatch(new RegExp(`${HIGHLIGHT_START}veto\\w*${HIGHLIGHT_END}`, 'i'));
    expect(hit!.snippet!.length).toBeLessThan(hit!.text.length);
    expect((await store.listArticles({}))[0]!.snippet).toBeNull();
  });

  it('finds a quoted phrase only where the words stand together', async () => {
    expect(ids(await store.listArticles({ q: '"House of Representatives"' }))).toEqual(['isot-true-2528']);
  });

  it('filters by topic, entity, site and date range, and pages with a total', async () => {
    expect(ids(await store.listArticles({ topic: 'syria', site: 'REUTERS.COM' }))).toEqual([
      'isot-true-15365',
      'isot-true-16594',
    ]);
    expect(ids(await store.listArticles({ from: '2017-07-25', to: '2017-10-24' }))).toEqual([
      'isot-true-16594',
      'isot-true-2528',
    ]);
    expect(ids(await store.listArticles({ to: '2017-04-12' }))).toEqual(['seed-004']);
    expect(ids(await store.listArticles({ entity: 'lavrov', q: 'Syria' })).sort()).toEqual([
      'isot-true-15365',
      'isot-true-16594',
      'seed-004',
    ]);
    const page = await store.searchArticles({ topic: 'syria', limit: 2, offset: 2 });
    expect(page.total).toBe(3);
    expect(ids(page.articles)).toEqual(['seed-004']);
    expect((await store.searchArticles({ q: 'chemical weapons', limit: 1 })).total).toBe(3);
  });

  it('counts stories per topic and per day', async () => {
    const stats = await store.stats();
    expect(stats.topics).toEqual([
      { topic: 'syria', count: 3 },
      { topic: 'chemical-weapons', count: 2 },
      { topic: 'meeting', count: 1 },
      { topic: 'sanctions', count: 1 },
    ]);
    expect(stats.days[0]).toEqual({ day: '2017-11-02', count: 1 });
    expect(stats.days).toHaveLength(4);
  });
});

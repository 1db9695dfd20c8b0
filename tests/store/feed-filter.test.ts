import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArticleQuery } from '../../src/stages/store/article-query.js';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { openStore } from '../../src/stages/store/open-store.js';
import { STORE_KINDS, testStoreUrl } from '../helpers/test-services.js';
import { article } from './article-factory.js';

const ids = (list: { id: string }[]) => list.map((a) => a.id).sort();
const WIRE = 'https://wire.example/rss.xml';
const AGENCY = 'https://agency.example/news.atom';

describe.each(STORE_KINDS)('%s store: the feed an article came from, ?feed=', (kind) => {
  let store: ArticleStore;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    const t = testStoreUrl(kind);
    drop = t.drop;
    store = await openStore(t.url);
    await store.upsertArticles([
      article('w1', { origin: 'feed', feedUrl: WIRE, text: 'Lavrov met the Secretary of State in Geneva.' }),
      article('w2', { origin: 'feed', feedUrl: WIRE, text: 'Lavrov and the Secretary spoke by phone.' }),
      article('a1', { origin: 'feed', feedUrl: AGENCY, text: 'The talks in Moscow ended without a statement.' }),
      article('e1', { text: 'An article enqueued by hand about Lavrov.' }),
    ]);
  });
  afterEach(async () => {
    await store.close();
    await drop();
  });

  it('keeps the feed URL with each article and lists only the articles of the feed asked for', async () => {
    expect((await store.getArticle('w1'))?.feedUrl).toBe(WIRE);
    expect((await store.getArticle('e1'))?.feedUrl).toBeNull();
    expect(ids((await store.searchArticles(parseArticleQuery({ feed: WIRE }))).articles)).toEqual(['w1', 'w2']);
    expect(ids((await store.searchArticles(parseArticleQuery({ feed: AGENCY }))).articles)).toEqual(['a1']);
    expect((await store.searchArticles(parseArticleQuery({ feed: 'https://other.example/' }))).total).toBe(0);
  });
});

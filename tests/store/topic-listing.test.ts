/**
 * A listing with a topic walks the topic's own date index (article_topics.sort_at, migration 22):
 * it must list exactly what the articles' dates say, however the topic rows were written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { openOlderStore, openTestStore, type TestStore } from '../helpers/test-store.js';
import { article } from './article-factory.js';

const day = (n: number) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString();

describe.each(STORE_KINDS)('%s store: listings by topic', (kind) => {
  let t: TestStore | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function open(): Promise<ArticleStore> {
    t = await openTestStore(kind);
    return t.store;
  }

  it('lists a topic newest first by publication date, whether stored together or one by one', async () => {
    const s = await open();
    // Stored in an order unrelated to their dates; every third has the topic.
    const dates = [5, 17, 2, 11, 29, 8, 23, 14, 1, 20, 26, 9];
    const articles = dates.map((d, i) =>
      article(`t${i}`, { published: day(d), topics: i % 3 === 0 ? ['sanctions', 'syria'] : ['syria'] }),
    );
    await Promise.all(articles.slice(0, 6).map((a) => s.upsertArticle(a)));
    for (const a of articles.slice(6)) await s.upsertArticle(a);

    const withTopic = articles.filter((a) => a.topics.includes('sanctions'));
    const newestFirst = [...withTopic].sort((a, b) => b.published!.localeCompare(a.published!)).map((a) => a.id);
    expect((await s.listArticles({ topic: 'sanctions' })).map((a) => a.id)).toEqual(newestFirst);
    expect((await s.searchArticles({ topic: 'sanctions', limit: 2, offset: 1 })).articles.map((a) => a.id)).toEqual(
      newestFirst.slice(1, 3),
    );
    expect((await s.searchArticles({ topic: 'sanctions' })).total).toBe(withTopic.length);
  });

  it('moves a revised article in its topic listing when its date changes, and keeps date bounds', async () => {
    const s = await open();
    await s.upsertArticle(article('old', { published: day(1), topics: ['arms-control'] }));
    await s.upsertArticle(article('mid', { published: day(10), topics: ['arms-control'] }));
    expect((await s.listArticles({ topic: 'arms-control' })).map((a) => a.id)).toEqual(['mid', 'old']);

    await s.upsertArticle(article('old', { published: day(20), topics: ['arms-control'], text: 'A revised text.' }));
    expect((await s.listArticles({ topic: 'arms-control' })).map((a) => a.id)).toEqual(['old', 'mid']);
    const january = { topic: 'arms-control', from: day(5).slice(0, 10), to: day(15).slice(0, 10) };
    expect((await s.listArticles(january)).map((a) => a.id)).toEqual(['mid']);
    expect((await s.searchArticles(january)).total).toBe(1);
  });

  it('gives the topic rows of an older store their articles’ dates when it is brought forward', async () => {
    // The schema as it stood before topic rows had dates (migration 22).
    const older = await openOlderStore(kind, "topic rows carry their article's date");
    for (const [id, date] of [
      ['first', day(3)],
      ['second', day(9)],
      ['third', day(6)],
    ] as const) {
      await older.db.query(
        `INSERT INTO articles (id, url, canonical_url, title, body, relevance, evidence, origin, stored_at, sort_at)
         VALUES ($1, $2, $2, $1, 'Lavrov met Blinken.', 0.8, '{}', 'enqueue', '2026-01-01T00:00:00.000Z', $3)`,
        [id, `https://example.org/${id}`, date],
      );
      await older.db.query(`INSERT INTO article_topics (article_id, topic) VALUES ($1, 'meeting')`, [id]);
    }
    t = await older.bringForward();
    expect((await t.store.listArticles({ topic: 'meeting' })).map((a) => a.id)).toEqual(['second', 'third', 'first']);
  });
});

/**
 * `?site=` takes a site's name or its host (a URL will do): an article matches when one of its
 * copies has that site name or comes from that host (each copy keeps its URL's host, migration 25).
 * Listings and totals must agree, with or without a topic, and an older store must find its copies
 * by host once brought forward.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '../helpers/test-services.js';
import { openOlderStore, openTestStore, type TestStore } from '../helpers/test-store.js';
import { article } from './article-factory.js';

const day = (n: number) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString();
const ids = (list: { id: string }[]) => list.map((a) => a.id).sort();

const ARTICLES = [
  article('named', {
    site: 'Reuters',
    url: 'https://www.reuters.com/world/named',
    topics: ['sanctions'],
    published: day(1),
  }),
  article('ported', { site: null, url: 'https://Reuters.com:443/world/ported', topics: ['syria'], published: day(2) }),
  article('other', {
    site: 'Example News',
    url: 'https://news.example/other',
    topics: ['sanctions'],
    published: day(3),
  }),
  article('sub', { site: null, url: 'https://uk.reuters.com/sub', topics: ['sanctions'], published: day(4) }),
];

describe.each(STORE_KINDS)('%s store: site filter', (kind) => {
  let t: TestStore | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function stored() {
    t = await openTestStore(kind);
    await t.store.upsertArticles(ARTICLES);
    return t.store;
  }

  it('finds articles by the host of their URL, given as a host, with "www." or as a URL, not its subdomains', async () => {
    const s = await stored();
    for (const site of ['reuters.com', 'www.reuters.com', 'https://www.reuters.com/world/', 'REUTERS.COM'])
      expect(ids(await s.listArticles({ site })), site).toEqual(['named', 'ported']);
    expect(ids(await s.listArticles({ site: 'uk.reuters.com' }))).toEqual(['sub']);
  });

  it('finds articles by their site name, whatever their host', async () => {
    const s = await stored();
    expect(ids(await s.listArticles({ site: 'reuters' }))).toEqual(['named']);
    expect(ids(await s.listArticles({ site: 'example news' }))).toEqual(['other']);
  });

  it('counts what it lists, alone and with a topic', async () => {
    const s = await stored();
    const alone = await s.searchArticles({ site: 'reuters.com' });
    expect({ total: alone.total, ids: ids(alone.articles) }).toEqual({ total: 2, ids: ['named', 'ported'] });
    const withTopic = await s.searchArticles({ site: 'reuters.com', topic: 'sanctions' });
    expect({ total: withTopic.total, ids: ids(withTopic.articles) }).toEqual({ total: 1, ids: ['named'] });
    const byName = await s.searchArticles({ site: 'Example News', topic: 'sanctions' });
    expect({ total: byName.total, ids: ids(byName.articles) }).toEqual({ total: 1, ids: ['other'] });
  });

  it('finds a copy stored before copies kept their host, once the store is brought forward', async () => {
    const older = await openOlderStore(kind, "each copy keeps its URL's host");
    await older.db.query(
      `INSERT INTO articles (id, url, canonical_url, title, body, relevance, evidence, origin, stored_at, sort_at)
       VALUES ('old', 'https://www.tass.com/old', 'https://www.tass.com/old', 'Old', 'Lavrov met Blinken.', 0.8, '{}',
       'enqueue', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    );
    await older.db.query(
      `INSERT INTO article_copies (id, article_id, url, site, seen_at)
       VALUES ('old', 'old', 'https://www.tass.com/old', 'TASS', '2026-01-01T00:00:00.000Z')`,
    );
    t = await older.bringForward();
    expect(ids(await t.store.listArticles({ site: 'tass.com' }))).toEqual(['old']);
    expect((await t.store.searchArticles({ site: 'https://tass.com' })).total).toBe(1);
  });
});

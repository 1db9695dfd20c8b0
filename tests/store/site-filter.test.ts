/**
 * `?site=` takes a site's name or its host (a URL will do): an article matches when one of its
 * copies has that site name or comes from that host (each copy keeps its URL's host, migration 25).
 * Listings and totals must agree, with or without a topic, and an older store must find its copies
 * by host once brought forward.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { MIGRATIONS, migrate } from '../../src/stages/store/migrations.js';
import { openStore } from '../../src/stages/store/open-store.js';
import { PostgresClient } from '../../src/stages/store/postgres-client.js';
import type { SqlClient } from '../../src/stages/store/sql-client.js';
import { SqliteClient } from '../../src/stages/store/sqlite-client.js';
import { STORE_KINDS, testStoreUrl } from '../helpers/test-services.js';
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
  let store: ArticleStore | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await store?.close();
    await drop?.();
    store = undefined;
  });

  async function open(): Promise<ArticleStore> {
    const t = testStoreUrl(kind);
    drop = t.drop;
    store = await openStore(t.url);
    return store;
  }

  it('finds articles by the host of their URL, given as a host, with "www." or as a URL, not its subdomains', async () => {
    const s = await open();
    await s.upsertArticles(ARTICLES);
    for (const site of ['reuters.com', 'www.reuters.com', 'https://www.reuters.com/world/', 'REUTERS.COM'])
      expect(ids(await s.listArticles({ site })), site).toEqual(['named', 'ported']);
    expect(ids(await s.listArticles({ site: 'uk.reuters.com' }))).toEqual(['sub']);
  });

  it('finds articles by their site name, whatever their host', async () => {
    const s = await open();
    await s.upsertArticles(ARTICLES);
    expect(ids(await s.listArticles({ site: 'reuters' }))).toEqual(['named']);
    expect(ids(await s.listArticles({ site: 'example news' }))).toEqual(['other']);
  });

  it('counts what it lists, alone and with a topic', async () => {
    const s = await open();
    await s.upsertArticles(ARTICLES);
    const alone = await s.searchArticles({ site: 'reuters.com' });
    expect({ total: alone.total, ids: ids(alone.articles) }).toEqual({ total: 2, ids: ['named', 'ported'] });
    const withTopic = await s.searchArticles({ site: 'reuters.com', topic: 'sanctions' });
    expect({ total: withTopic.total, ids: ids(withTopic.articles) }).toEqual({ total: 1, ids: ['named'] });
    const byName = await s.searchArticles({ site: 'Example News', topic: 'sanctions' });
    expect({ total: byName.total, ids: ids(byName.articles) }).toEqual({ total: 1, ids: ['other'] });
  });

  it('finds a copy stored before copies kept their host, once the store is brought forward', async () => {
    const t = testStoreUrl(kind);
    drop = t.drop;
    const db: SqlClient = t.url.startsWith('sqlite:')
      ? new SqliteClient(t.url.slice('sqlite:'.length))
      : new PostgresClient(t.url);
    const before = MIGRATIONS.findIndex((m) => m.description.startsWith("each copy keeps its URL's host"));
    expect(before).toBeGreaterThan(0);
    await migrate(db, before);
    await db.query(
      `INSERT INTO articles (id, url, canonical_url, title, body, relevance, evidence, origin, stored_at, sort_at)
       VALUES ('old', 'https://www.tass.com/old', 'https://www.tass.com/old', 'Old', 'Lavrov met Blinken.', 0.8, '{}',
       'enqueue', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    );
    await db.query(
      `INSERT INTO article_copies (id, article_id, url, site, seen_at)
       VALUES ('old', 'old', 'https://www.tass.com/old', 'TASS', '2026-01-01T00:00:00.000Z')`,
    );
    await db.close();
    store = await openStore(t.url);
    expect(ids(await store.listArticles({ site: 'tass.com' }))).toEqual(['old']);
    expect((await store.searchArticles({ site: 'https://tass.com' })).total).toBe(1);
  });
});

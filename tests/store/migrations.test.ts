import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, migrate } from '../../src/stages/store/migrations.js';
import { openStore, storeClient } from '../../src/stages/store/open-store.js';
import type { SqlClient } from '../../src/stages/store/sql-client.js';
import { STORE_KINDS, testStoreUrl } from '../helpers/test-services.js';
import { storyText, syndicatedCopy } from './story-pairs.js';

const client = storeClient;

/** Rows as version 1 of the schema stored them, written with version 1's own columns. */
async function insertV1Article(db: SqlClient, id: string, title: string, body: string, topic: string): Promise<void> {
  await db.query(
    `INSERT INTO articles (id, url, canonical_url, title, body, relevance, evidence, origin, stored_at, sort_at, site)
     VALUES ($1, $2, $2, $3, $4, 0.8, '{"relevance":[],"topics":{}}', 'enqueue', '2026-01-01T00:00:00.000Z', '2017-07-25T00:00:00.000Z', 'reuters.com')`,
    [id, `https://example.org/${id}`, title, body],
  );
  await db.query('INSERT INTO article_topics (article_id, topic) VALUES ($1, $2)', [id, topic]);
  await db.query(
    `INSERT INTO article_entities (article_id, name, type, mentions) VALUES ($1, 'Donald Trump', 'person', 3)`,
    [id],
  );
}

describe.each(STORE_KINDS)('%s store: migrations', (kind) => {
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => drop?.());

  it('brings a version-1 store forward without losing rows, and makes them searchable and fingerprinted', async () => {
    const t = testStoreUrl(kind);
    drop = t.drop;
    const old = client(t.url);
    await migrate(old, 1);
    const [{ version } = { version: 0 }] = await old.query<{ version: number }>('SELECT version FROM schema_version');
    expect(Number(version)).toBe(1);
    const wire = storyText('isot-true-2528');
    await insertV1Article(old, 'old1', 'House approves new Russia sanctions', wire, 'sanctions');
    await insertV1Article(old, 'old2', 'Short note', 'Tillerson met Lavrov.', 'meeting');
    await old.query(
      `INSERT INTO skipped (id, url, title, relevance, skipped_at) VALUES ('s1', 'https://example.org/s1', 'Bikes', 0.1, '2026-01-01T00:00:00.000Z')`,
    );
    await old.close();

    const store = await openStore(t.url);
    try {
      expect(await store.countArticles()).toEqual({ stored: 2, skipped: 1 });
      const got = await store.getArticle('old1');
      expect(got).toMatchObject({
        title: 'House approves new Russia sanctions',
        text: wire,
        topics: ['sanctions'],
        site: 'reuters.com',
      });
      expect(got?.entities).toEqual([{ name: 'Donald Trump', type: 'person', mentions: 3 }]);
      expect(got?.copies.map((c) => c.url)).toEqual(['https://example.org/old1']);
      expect((await store.listArticles({ q: 'sanctions' })).map((a) => a.id)).toEqual(['old1']);
      expect((await store.listArticles({ q: 'Lavrov' })).map((a) => a.id)).toEqual(['old2']);
      expect(await store.status('s1')).toBe('skipped');
      // The old row got a fingerprint: a syndicated copy arriving now joins its story.
      const copy = {
        ...got!,
        id: 'copy1',
        url: 'https://example.org/copy1',
        text: syndicatedCopy(wire),
        versions: undefined,
      };
      expect(await store.upsertArticle(copy)).toEqual({ kind: 'copy', storyId: 'old1' });
    } finally {
      await store.close();
    }
    const check = client(t.url);
    const [{ version: now } = { version: 0 }] = await check.query<{ version: number }>(
      'SELECT version FROM schema_version',
    );
    expect(Number(now)).toBe(SCHEMA_VERSION);
    await check.close();
  });
});

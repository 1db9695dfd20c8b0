import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../src/stages/store/dialect.js';
import { migrate } from '../../src/stages/store/migrations.js';
import { openStore } from '../../src/stages/store/open-store.js';
import { PostgresClient } from '../../src/stages/store/postgres-client.js';
import type { SqlClient } from '../../src/stages/store/sql-client.js';
import { SqliteClient } from '../../src/stages/store/sqlite-client.js';
import { STORE_KINDS, testStoreUrl } from '../helpers/test-services.js';
import { openTestStore } from '../helpers/test-store.js';
import { article } from './article-factory.js';

const ids = (list: { id: string }[]) => list.map((a) => a.id).sort();

const SANCTIONS = article('ru-sanctions', {
  language: 'ru',
  title: 'Вашингтон ввёл новые санкции против России',
  text: 'Министерство финансов США объявило новые санкции против российских компаний. В Москве пообещали ответ.',
});
const LAVROV = article('ru-lavrov', {
  language: 'ru',
  title: 'Лавров провёл переговоры с госсекретарём',
  text: 'Министр иностранных дел России Сергей Лавров обсудил с американской стороной положение в Сирии.',
});
const LAVROV_DATIVE = article('ru-lavrov-dative', {
  language: 'ru',
  title: 'Госсекретарь позвонил министру',
  text: 'Госсекретарь США позвонил Сергею Лаврову и предложил встретиться в Женеве на следующей неделе.',
});
const ENGLISH = article('en-sanctions', {
  language: 'en',
  title: 'Treasury announces new sanctions on Russian firms',
  text: 'The Treasury Department announced new sanctions on Russian companies on Tuesday. Moscow promised a response.',
});

describe.each(STORE_KINDS)('%s store: search in Russian', (kind) => {
  let store: ArticleStore;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openTestStore(kind));
    await store.upsertArticles([SANCTIONS, LAVROV, LAVROV_DATIVE, ENGLISH]);
  });
  afterEach(() => close());

  it('finds a Russian word in another case: "санкциях" finds "санкции"', async () => {
    expect(ids(await store.listArticles({ q: 'санкциях' }))).toEqual(['ru-sanctions']);
  });

  it('finds every form of a surname from any other: "Лаврову" finds "Лавров", "Лавров" finds "Лаврову"', async () => {
    expect(ids(await store.listArticles({ q: 'Лаврову' }))).toEqual(['ru-lavrov', 'ru-lavrov-dative']);
    expect(ids(await store.listArticles({ q: 'Лавров' }))).toEqual(['ru-lavrov', 'ru-lavrov-dative']);
    expect((await store.searchArticles({ q: 'лаврова' })).total).toBe(2);
  });

  it('needs every Russian word, as it needs every English one', async () => {
    expect(ids(await store.listArticles({ q: 'Лавров Женеве' }))).toEqual(['ru-lavrov-dative']);
    expect(ids(await store.listArticles({ q: 'Лавров санкциях' }))).toEqual([]);
  });

  it('a query in Latin letters still finds English articles, and only them', async () => {
    expect(ids(await store.listArticles({ q: 'sanction' }))).toEqual(['en-sanctions']);
    expect(ids(await store.listArticles({ q: 'Treasury companies' }))).toEqual(['en-sanctions']);
  });

  it('marks the matched Russian words in the snippet, as written in the text', async () => {
    const [hit] = await store.listArticles({ q: 'санкциях' });
    expect(hit!.snippet).toContain(`${HIGHLIGHT_START}санкции${HIGHLIGHT_END}`);
    const [dative] = await store.listArticles({ q: 'Лавров Женеве' });
    expect(dative!.snippet).toContain(`${HIGHLIGHT_START}Лаврову${HIGHLIGHT_END}`);
    expect(dative!.snippet).toContain(`${HIGHLIGHT_START}Женеве${HIGHLIGHT_END}`);
  });
});

describe.each(STORE_KINDS)('%s store: Russian articles stored before the upgrade', (kind) => {
  it('are found by their stems once the store is migrated', async () => {
    const t = testStoreUrl(kind);
    const url = t.url;
    const raw: SqlClient = kind === 'sqlite' ? new SqliteClient(url.slice('sqlite:'.length)) : new PostgresClient(url);
    try {
      await migrate(raw, 3);
      await raw.query(
        `INSERT INTO articles (id, url, canonical_url, title, body, relevance, evidence, origin, stored_at, sort_at, language)
         VALUES ($1, $2, $2, $3, $4, 0.9, '{}', 'enqueue', $5, $5, 'ru')`,
        ['old-ru', 'https://example.org/old-ru', SANCTIONS.title, SANCTIONS.text, '2020-01-01T00:00:00.000Z'],
      );
      await raw.query(
        `INSERT INTO article_copies (id, article_id, url, site, seen_at) VALUES ('old-ru', 'old-ru', 'https://example.org/old-ru', NULL, '2020-01-01')`,
      );
      const store = await openStore(url);
      expect(ids(await store.listArticles({ q: 'санкциях' }))).toEqual(['old-ru']);
      await store.close();
    } finally {
      await raw.close();
      await t.drop();
    }
  });
});

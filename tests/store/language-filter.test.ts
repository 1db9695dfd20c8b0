import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArticleQuery, InvalidQueryError } from '../../src/stages/store/article-query.js';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { openTestStore } from '../helpers/test-store.js';
import { article } from './article-factory.js';

const ids = (list: { id: string }[]) => list.map((a) => a.id).sort();

describe.each(STORE_KINDS)('%s store: --lang / ?lang=', (kind) => {
  let store: ArticleStore;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openTestStore(kind));
    await store.upsertArticles([
      article('en1', { language: 'en', text: 'Tillerson and Lavrov met in Moscow to discuss Syria.' }),
      article('ru1', { language: 'ru', text: 'Лавров и Тиллерсон провели переговоры в Москве о Сирии.' }),
      article('ru2', { language: 'ru-RU', text: 'Путин принял Тиллерсона в Кремле после переговоров с Лавровым.' }),
      article('xx1', { language: null, text: 'An article whose language was never recorded, about Kerry.' }),
    ]);
  });
  afterEach(() => close());

  it('lists only the articles in the language asked for, a regional tag counting as its language', async () => {
    expect(ids((await store.searchArticles(parseArticleQuery({ lang: 'ru' }))).articles)).toEqual(['ru1', 'ru2']);
    expect(ids((await store.searchArticles(parseArticleQuery({ lang: 'EN' }))).articles)).toEqual(['en1']);
  });

  it('combines the language with a search', async () => {
    const found = await store.searchArticles(parseArticleQuery({ lang: 'ru', q: 'переговоры' }));
    expect(ids(found.articles)).toEqual(['ru1', 'ru2']);
  });
});

describe('the language filter as typed', () => {
  it('refuses what is not a language code, naming the parameter', () => {
    expect(() => parseArticleQuery({ lang: 'russian' })).toThrow(InvalidQueryError);
    expect(() => parseArticleQuery({ lang: 'russian' })).toThrow(/lang must be a language code/);
  });
});

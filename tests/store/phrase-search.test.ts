import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { openTestStore } from '../helpers/test-store.js';
import { article } from './article-factory.js';

const ids = (list: { id: string }[]) => list.map((a) => a.id).sort();

const TOGETHER = article('together', {
  title: 'Talks in Geneva',
  text: 'Diplomats said the end of the war in Syria was not yet in sight after two days of talks.',
});
const APART = article('apart', {
  title: 'Ceasefire holds',
  text: 'The war went on through the winter; its end, officials said, would come only with a settlement.',
});
const ACROSS = article('across', {
  title: 'Lavrov arrives in Moscow',
  text: 'Talks with the Secretary of State begin on Monday and are expected to last two days.',
});
const RU_TOGETHER = article('ru-together', {
  language: 'ru',
  title: 'Вашингтон готовит меры',
  text: 'США объявили новые санкции против российских банков.',
});
const RU_APART = article('ru-apart', {
  language: 'ru',
  title: 'Санкции и ответ',
  text: 'Санкции уже действуют, а новые переговоры назначены на весну.',
});

describe.each(STORE_KINDS)('%s store: phrase search', (kind) => {
  let store: ArticleStore;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openTestStore(kind));
    await store.upsertArticles([TOGETHER, APART, ACROSS, RU_TOGETHER, RU_APART]);
  });
  afterEach(() => close());

  it('finds a phrase with small words in it only where its words stand in that order', async () => {
    expect(ids(await store.listArticles({ q: '"end of the war"' }))).toEqual(['together']);
    expect(ids(await store.listArticles({ q: 'end war' }))).toEqual(['apart', 'together']);
  });

  it('does not join the last word of the title and the first of the text into a phrase', async () => {
    expect(ids(await store.listArticles({ q: '"Moscow talks"' }))).toEqual([]);
    expect(ids(await store.listArticles({ q: '"arrives in Moscow"' }))).toEqual(['across']);
  });

  it('finds a Russian phrase in another case where its words stand together, and counts it', async () => {
    expect(ids(await store.listArticles({ q: '"новых санкций"' }))).toEqual(['ru-together']);
    expect(ids(await store.listArticles({ q: 'новых санкций' }))).toEqual(['ru-apart', 'ru-together']);
    expect((await store.searchArticles({ q: '"новых санкций"' })).total).toBe(1);
  });
});

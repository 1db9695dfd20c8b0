import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArticleQuery, InvalidQueryError } from '../../src/stages/store/article-query.js';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { openTestStore } from '../helpers/test-store.js';
import { article } from './article-factory.js';

const ids = (list: { id: string }[]) => list.map((a) => a.id).sort();

describe.each(STORE_KINDS)('%s store: --kind / ?kind=', (kind) => {
  let store: ArticleStore;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openTestStore(kind));
    await store.upsertArticles([
      article('off1', { sourceKind: 'official', text: 'The Secretary of State met Foreign Minister Lavrov.' }),
      article('wire1', {
        sourceKind: 'wire',
        text: 'Lavrov and the Secretary of State met in Geneva, officials said.',
      }),
      article('sm1', {
        sourceKind: 'state media',
        text: 'Lavrov told reporters the talks with Washington were useful.',
      }),
      article('none1', { text: 'An enqueued article about Lavrov with no source kind.' }),
    ]);
  });
  afterEach(() => close());

  it('stores the kind of source with each article and lists only the kind asked for', async () => {
    expect(ids((await store.searchArticles(parseArticleQuery({ kind: 'official' }))).articles)).toEqual(['off1']);
    expect(ids((await store.searchArticles(parseArticleQuery({ kind: 'State Media' }))).articles)).toEqual(['sm1']);
    const all = (await store.searchArticles(parseArticleQuery({}))).articles;
    expect(Object.fromEntries(all.map((a) => [a.id, a.sourceKind]))).toEqual({
      off1: 'official',
      wire1: 'wire',
      sm1: 'state media',
      none1: null,
    });
  });
});

describe('the kind filter as typed', () => {
  it('refuses a kind that is not one of the four, naming the parameter and the valid ones', () => {
    expect(() => parseArticleQuery({ kind: 'blog' })).toThrow(InvalidQueryError);
    expect(() => parseArticleQuery({ kind: 'blog' })).toThrow(/kind must be one of official, wire, state media, press/);
  });
});

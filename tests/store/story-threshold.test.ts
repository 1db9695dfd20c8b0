import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import { SAME_STORY_CONTAINMENT } from '../../src/stages/store/fingerprint.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { openTestStore } from '../helpers/test-store.js';
import { article } from './article-factory.js';
import { exactShare, pairAt } from './threshold-pairs.js';

/** True containments around the 0.55 rule, where a 64-hash estimate errs by ±0.06 or more. */
const LEVELS = [0.5, 0.54, 0.56, 0.6];
const SEEDS = [11, 23, 37, 41];

interface Pair {
  name: string;
  share: number;
  original: string;
  edited: string;
}

const PAIRS: Pair[] = LEVELS.flatMap((level) =>
  SEEDS.map((seed) => {
    const [original, edited] = pairAt(level, seed * 1000 + level * 100);
    return { name: `${level}/${seed}`, share: exactShare(original, edited), original, edited };
  }),
);

/** What a reader expects of each pair: one story at or above the rule, two below it. */
const expected = (pairs: Pair[]) => pairs.map((p) => ({ pair: p.name, oneStory: p.share >= SAME_STORY_CONTAINMENT }));

describe('generated threshold pairs', () => {
  it('have the containment they were made for, on both sides of the rule', () => {
    for (const p of PAIRS) expect(Math.abs(p.share - Number(p.name.split('/')[0]))).toBeLessThan(0.005);
    expect(PAIRS.filter((p) => p.share >= SAME_STORY_CONTAINMENT)).toHaveLength(PAIRS.length / 2);
  });
});

describe.each(STORE_KINDS)('%s store: story merges at the threshold', (kind) => {
  let store: ArticleStore;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openTestStore(kind));
  });
  afterEach(() => close());

  it('merges pairs sharing 56–60 % of their word sequences and keeps pairs at 50–54 % apart, stored one at a time', async () => {
    const got = [];
    for (const p of PAIRS) {
      await store.upsertArticle(article(`one-${p.name}-a`, { text: p.original }));
      const outcome = await store.upsertArticle(article(`one-${p.name}-b`, { text: p.edited }));
      got.push({ pair: p.name, oneStory: outcome.kind === 'copy' && outcome.storyId === `one-${p.name}-a` });
    }
    expect(got).toEqual(expected(PAIRS));
  });

  it('decides the same when both texts arrive in one batch', async () => {
    const outcomes = await store.upsertArticles(
      PAIRS.flatMap((p) => [
        article(`batch-${p.name}-a`, { text: p.original }),
        article(`batch-${p.name}-b`, { text: p.edited }),
      ]),
    );
    const got = PAIRS.map((p, i) => ({
      pair: p.name,
      oneStory: outcomes[2 * i + 1]?.kind === 'copy' && outcomes[2 * i + 1]?.storyId === `batch-${p.name}-a`,
    }));
    expect(got).toEqual(expected(PAIRS));
  });

  it('decides the same for an article stored right after it was skipped, in one commit', async () => {
    const got = [];
    for (const p of PAIRS) {
      await store.upsertArticle(article(`skip-${p.name}-a`, { text: p.original }));
      // Written while another write runs, the skip and the store share the next transaction.
      const id = `skip-${p.name}-b`;
      const [, , outcome] = await Promise.all([
        store.upsertArticle(article(`skip-${p.name}-filler`, { text: 'Lavrov and Tillerson met in Moscow.' })),
        store.recordSkipped({
          id,
          url: `https://example.org/${id}`,
          title: 'x',
          relevance: 0.1,
          skippedAt: '2026-01-01T00:00:00.000Z',
        }),
        store.upsertArticle(article(id, { text: p.edited })),
      ]);
      got.push({ pair: p.name, oneStory: outcome.kind === 'copy' && outcome.storyId === `skip-${p.name}-a` });
    }
    expect(got).toEqual(expected(PAIRS));
  });

  it('keeps a page below the threshold an article of its own, found by its own title', async () => {
    const below = PAIRS.filter((p) => p.share < SAME_STORY_CONTAINMENT);
    for (const p of below) {
      await store.upsertArticle(article(`title-${p.name}-a`, { text: p.original }));
      await store.upsertArticle(article(`title-${p.name}-b`, { title: 'Zanzibar quorum walkout', text: p.edited }));
    }
    const found = (await store.listArticles({ q: 'Zanzibar quorum walkout', limit: 100 })).map((a) => a.id);
    expect(found.sort()).toEqual(below.map((p) => `title-${p.name}-b`).sort());
  });
});

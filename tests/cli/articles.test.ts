import { afterEach, describe, expect, it } from 'vitest';
import { submitSeeds } from '../../src/pipeline/submit-seeds.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { runProgram } from '../helpers/run-cli.js';
import { settle } from '../helpers/wait.js';
import { openStore } from '../../src/stages/store/open-store.js';
import { testStoreUrl } from '../helpers/test-services.js';
import { article } from '../store/article-factory.js';

describe('npm run articles', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('lists stored articles newest first, filters by topic and words, and prints every field with --json', async () => {
    h = await startPipeline();
    for (const r of await submitSeeds(h.rt.queues)) await settle(h.rt.queues, r.id);

    const all = await runProgram('cli/articles.ts', ['--json'], h.env);
    expect(all.code).toBe(0);
    const rows = all.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(5);
    for (const key of [
      'id',
      'url',
      'canonicalUrl',
      'title',
      'byline',
      'published',
      'site',
      'language',
      'text',
      'topics',
      'relevance',
      'evidence',
      'entities',
      'cleanedAt',
      'classifiedAt',
      'storedAt',
    ]) {
      expect(rows[0]).toHaveProperty(key);
    }
    // Undated seeds sort by when they were stored (now), before the one dated 2017 by its page and
    // the one whose text dates it to 2013.
    expect(rows.slice(-2).map((r) => [r.published, r.dateSource])).toEqual([
      ['2017-04-12T00:00:00.000Z', undefined],
      ['2013-05-07', 'text'],
    ]);
    expect(rows.slice(0, -2).every((r) => r.published === null)).toBe(true);

    const chem = await runProgram('cli/articles.ts', ['--json', '--topic', 'chemical-weapons'], h.env);
    const chemRows = chem.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { topics: string[] });
    const tagged = rows.filter((r) => (r.topics as string[]).includes('chemical-weapons'));
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.length).toBeLessThan(rows.length);
    expect(chemRows.map((r) => (r as unknown as { id: string }).id)).toEqual(tagged.map((r) => r.id));

    const text = await runProgram('cli/articles.ts', ['--q', 'Tillerson', '--limit', '1'], h.env);
    expect(text.stdout).toMatch(/Russia and US take non-confrontational stance on Syria at Moscow talks/);
  });

  it('lists only the articles a feed brought with --feed URL', async () => {
    const wire = 'https://wire.example/rss.xml';
    const t = testStoreUrl('sqlite');
    const store = await openStore(t.url);
    try {
      await store.upsertArticles([
        article('w1', { origin: 'feed', feedUrl: wire, text: 'Lavrov met the Secretary of State in Geneva.' }),
        article('o1', { origin: 'feed', feedUrl: 'https://other.example/feed', text: 'Talks in Moscow.' }),
        article('e1', { text: 'An article enqueued by hand about Lavrov.' }),
      ]);
      const r = await runProgram('cli/articles.ts', ['--json', '--feed', wire], { STORE_URL: t.url });
      expect(r.code).toBe(0);
      const rows = r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { id: string; feedUrl: string });
      expect(rows.map((row) => [row.id, row.feedUrl])).toEqual([['w1', wire]]);
    } finally {
      await store.close();
      await t.drop();
    }
  });

  it('rejects a bad --limit with the usage', async () => {
    const r = await runProgram('cli/articles.ts', ['--limit', 'lots'], { STORE_URL: 'sqlite::memory:' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--limit must be a whole number/);
  });
});

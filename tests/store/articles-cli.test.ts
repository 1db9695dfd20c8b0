import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/stages/store/open-store.js';
import { runProgram } from '../helpers/run-cli.js';
import { testStoreUrl } from '../helpers/test-services.js';
import { article } from './article-factory.js';
import { storyText } from './story-pairs.js';

function real(id: string, overrides: Parameters<typeof article>[1] = {}) {
  const [title = '', ...rest] = storyText(id).split('\n');
  return article(id, { title, text: rest.join('\n').trim(), ...overrides });
}

describe('npm run articles: search', () => {
  const t = testStoreUrl('sqlite');
  const env = { STORE_URL: t.url };

  beforeAll(async () => {
    const store = await openStore(t.url);
    await store.upsertArticles([
      real('isot-true-16594', {
        site: 'reuters.com',
        published: '2017-10-24T00:00:00.000Z',
        topics: ['chemical-weapons'],
      }),
      real('seed-004', { site: 'Russia Direct', published: '2017-04-12T00:00:00.000Z', topics: ['syria'] }),
      real('isot-true-2528', { site: 'reuters.com', published: '2017-07-25T00:00:00.000Z', topics: ['sanctions'] }),
    ]);
    await store.close();
  });
  afterAll(() => t.drop());

  it('ranks by relevance and shows a snippet with the matched words marked', async () => {
    const r = await runProgram('cli/articles.ts', ['--q', 'chemical weapons'], env);
    expect(r.code).toBe(0);
    const titles = r.stdout.split('\n').filter((l) => /^\d{4}-\d{2}-\d{2} /.test(l));
    expect(titles).toHaveLength(2);
    expect(titles[0]).toMatch(/U\.S\. condemns Russia veto of probe into Syria chemical weapons use/);
    expect(r.stdout).toMatch(/«chemical» «weapons»/i);
  });

  it('filters by site and date range, and pages', async () => {
    const bySite = await runProgram(
      'cli/articles.ts',
      ['--site', 'reuters.com', '--from', '2017-07-01', '--to', '2017-07-31'],
      env,
    );
    expect(bySite.stdout).toMatch(/House approves new Russia sanctions/);
    expect(bySite.stdout).not.toMatch(/chemical weapons use/);
    const page = await runProgram('cli/articles.ts', ['--limit', '1'], env);
    expect(page.stderr).toMatch(/1–1 of 3; --offset 1 for more/);
  });

  it('rejects a date that is not one, naming the flag', async () => {
    const r = await runProgram('cli/articles.ts', ['--from', 'last tuesday'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from must be a date/);
  });
});

/**
 * The pipeline end to end: real workers on the real Redis, with each store.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { submitSeeds } from '../../src/pipeline/submit-seeds.js';
import { articleId, canonicalUrl, seedArticleId } from '../../src/shared/identity.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { seedTopicsFromGuidelines } from '../helpers/shared-data.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { settle } from '../helpers/wait.js';

const page = (name: string) => readFile(new URL(`../fixtures/pages/${name}`, import.meta.url), 'utf8');

function submitUrl(h: Harness, url: string) {
  return h.rt.queues.submit({
    id: articleId(url),
    url,
    canonicalUrl: canonicalUrl(url),
    origin: { kind: 'enqueue' },
    handled: {},
  });
}

let server: FixtureServer;
let flaky = 0;
beforeAll(async () => {
  const html = { 'content-type': 'text/html; charset=utf-8' };
  server = await startFixtureServer({
    '/moscow-talks': { headers: html, body: await page('moscow-talks.html') },
    '/local-news': { headers: html, body: await page('local-news.html') },
    '/gone': { status: 404, headers: html, body: '<h1>Not found</h1>' },
    '/flaky': () => (++flaky <= 2 ? { status: 503, body: 'busy' } : { headers: html, body: '<h1>x</h1>' }),
  });
  server.route('/flaky', () => (++flaky <= 2 ? { status: 503, body: 'busy' } : { headers: html, body: pageCache }));
});
let pageCache = '';
beforeAll(async () => {
  pageCache = await page('moscow-talks.html');
});
afterAll(() => server.close());

describe.each(STORE_KINDS)('pipeline with the %s store', (kind) => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('stores the five seed documents clean and tagged with their topics', async () => {
    h = await startPipeline({ store: kind });
    const results = await submitSeeds(h.rt.queues);
    expect(results).toHaveLength(5);
    for (const r of results) expect(await settle(h.rt.queues, r.id)).toMatchObject({ state: 'stored' });

    const store = await h.rt.store();
    const expectedTopics = seedTopicsFromGuidelines();
    expect(expectedTopics.size).toBe(5);
    for (const [name, topics] of expectedTopics) {
      const a = await store.getArticle(seedArticleId(name));
      expect(a, name).not.toBeNull();
      expect(a!.topics, name).toEqual(topics);
      const expectedText = await readFile(new URL(`../fixtures/seeds/${name}.expected.txt`, import.meta.url), 'utf8');
      expect(a!.text.trim(), name).toBe(expectedText.trim());
      expect(a!.origin).toBe('seed');
      expect(a!.cleanedAt && a!.classifiedAt && a!.storedAt, name).toBeTruthy();
    }
    // Seeds have no page date: the one whose lead states a full date gets it, marked as read from the text.
    const dated = await store.getArticle(seedArticleId('000_1d922c602dfb9d37'));
    expect(dated).toMatchObject({ published: '2013-05-07', dateSource: 'text' });
    const undated = await store.getArticle(seedArticleId('002_32088a41b8296cee'));
    expect(undated?.published ?? null).toBeNull();
    expect(undated?.dateSource).toBeUndefined();
  });

  it('fetches a page from a web server and stores it with its metadata', async () => {
    h = await startPipeline({ store: kind });
    const url = server.url('/moscow-talks?utm_source=rss');
    const { id } = await submitUrl(h, url);
    expect(await settle(h.rt.queues, id)).toMatchObject({ state: 'stored' });
    const a = await (await h.rt.store()).getArticle(id);
    expect(a?.title).toBe('Tillerson and Lavrov hold talks in Moscow on Syria');
    expect(a?.canonicalUrl).toBe(server.url('/moscow-talks'));
    expect(a?.text).toContain('Tillerson met Russian Foreign Minister Sergei Lavrov in Moscow');
    expect(a?.text).not.toContain('Privacy');
    expect(a?.topics).toContain('syria');
    expect(a?.fetchedAt).toBeTruthy();
    // The outcome stays in Redis a while, but not the article: that is the store's.
    const job = await h.rt.queues.queues.store.getJob(id);
    for (let i = 0; i < 50 && (await h.rt.queues.queues.store.getJob(id))?.data.text !== undefined; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await h.rt.queues.queues.store.getJob(id))?.data).toEqual({
      id,
      url: job?.data.url,
      handled: job?.data.handled,
    });
  });

  it('stores an article once however often and however spelled it is enqueued', async () => {
    h = await startPipeline({ store: kind });
    const first = await submitUrl(h, server.url('/moscow-talks'));
    const again = await submitUrl(h, server.url('/moscow-talks?utm_campaign=x#top'));
    expect(again).toMatchObject({ id: first.id, queued: false });
    expect(await settle(h.rt.queues, first.id)).toMatchObject({ state: 'stored' });
    expect(await (await h.rt.store()).countArticles()).toEqual({ stored: 1, skipped: 0 });
  });

  it('records an article that is not about US–Russia diplomacy as skipped, not listed', async () => {
    h = await startPipeline({ store: kind });
    const { id } = await submitUrl(h, server.url('/local-news'));
    expect(await settle(h.rt.queues, id)).toMatchObject({ state: 'skipped' });
    const store = await h.rt.store();
    expect(await store.status(id)).toBe('skipped');
    expect(await store.listArticles()).toEqual([]);
  });
});

describe('failures', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('fails a 404 at once with its reason, and the next article still goes through', async () => {
    h = await startPipeline({ env: { FETCH_CONCURRENCY: '1' } });
    const gone = await submitUrl(h, server.url('/gone'));
    const good = await submitUrl(h, server.url('/moscow-talks'));
    const outcome = await settle(h.rt.queues, gone.id);
    expect(outcome).toMatchObject({ state: 'failed', stage: 'fetch' });
    expect(outcome.state === 'failed' && outcome.reason).toMatch(/404/);
    const job = await h.rt.queues.queues.fetch.getJob(gone.id);
    expect(job?.attemptsMade).toBe(1); // permanent: not retried
    expect(await settle(h.rt.queues, good.id)).toMatchObject({ state: 'stored' });
  });

  it('retries a transient 503 with backoff until the page comes', async () => {
    h = await startPipeline();
    flaky = 0;
    const { id } = await submitUrl(h, server.url('/flaky'));
    expect(await settle(h.rt.queues, id)).toMatchObject({ state: 'stored' });
    expect(flaky).toBe(3);
  });

  it('fails a job whose payload breaks the queue contract at once, naming the field', async () => {
    h = await startPipeline();
    const raw = new Queue('clean', { connection: h.rt.redis, prefix: h.env.QUEUE_PREFIX });
    await raw.add(
      'clean',
      { id: 'not-an-id', url: 'seed:x', canonicalUrl: 'seed:x', origin: { kind: 'seed' }, text: 'x' },
      { jobId: 'bad1', attempts: 5 },
    );
    const deadline = Date.now() + 10_000;
    let state = '';
    while (Date.now() < deadline && (state = await raw.getJobState('bad1')) !== 'failed')
      await new Promise((r) => setTimeout(r, 50));
    const job = await raw.getJob('bad1');
    expect(state).toBe('failed');
    expect(job?.failedReason).toMatch(/^invalid clean payload: id: must be a 20-character hex article id/);
    expect(job?.attemptsMade).toBe(1);
    await raw.close();
  });

  it('refuses a bad payload when it is added, naming the field', async () => {
    h = await startPipeline();
    await expect(
      h.rt.queues.submit({
        id: articleId('https://example.org/a'),
        url: 'ftp://example.org/a',
        canonicalUrl: 'x',
        origin: { kind: 'enqueue' },
      }),
    ).rejects.toThrow(/invalid fetch payload: url: must be an absolute http\(s\) URL/);
  });
});

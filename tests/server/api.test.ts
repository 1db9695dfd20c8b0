import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleId, canonicalUrl } from '../../src/shared/identity.js';
import { WorkerGroup } from '../../src/workers/worker-group.js';
import { TEST_REDIS_URL } from '../helpers/test-services.js';
import { until } from '../helpers/wait.js';
import { startDashboard, type DashboardFixture } from './dashboard-fixture.js';

describe('JSON API, /metrics and /healthz', () => {
  let f: DashboardFixture;
  beforeAll(async () => {
    f = await startDashboard();
  });
  afterAll(async () => f?.stop());

  const get = async (url: string) => {
    const r = await f.app.inject({ method: 'GET', url });
    return { status: r.statusCode, body: r.json<Record<string, any>>(), headers: r.headers };
  };

  it('/api/articles takes the CLI’s filters and pages with a total', async () => {
    const all = await get('/api/articles');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(4);
    expect(all.body.articles.map((a: { id: string }) => a.id)).toEqual([
      'isot-true-16594',
      'isot-true-2528',
      'seed-004',
      'xss',
    ]);

    const search = await get('/api/articles?q=chemical+weapons');
    expect(search.body.articles[0].id).toBe('isot-true-16594');
    expect(search.body.articles[0].snippet).toMatch(/<mark>chemical<\/mark> <mark>weapons<\/mark>/i);

    const filtered = await get('/api/articles?topic=sanctions&site=reuters.com&from=2017-07-01&to=2017-07-31');
    expect(filtered.body.articles.map((a: { id: string }) => a.id)).toEqual(['isot-true-2528']);
    expect((await get('/api/articles?entity=lavrov&topic=syria')).body.total).toBe(2);

    const page = await get('/api/articles?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 4, limit: 1, offset: 1 });
    expect(page.body.articles.map((a: { id: string }) => a.id)).toEqual(['isot-true-2528']);
  });

  it('escapes article text inside the snippet HTML', async () => {
    const r = await get('/api/articles?q=bold+claim');
    expect(r.body.articles[0].snippet).toContain('&#60;b&#62;<mark>bold</mark>&#60;/b&#62;');
  });

  it('answers 400 naming a bad filter, 404 for an unknown article', async () => {
    const bad = await get('/api/articles?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^limit must be a whole number/);
    expect((await get('/api/articles?from=yesterday')).body.error).toMatch(/from must be a date/);
    const long = await get(`/api/articles?q=${'a'.repeat(501)}`);
    expect(long.status).toBe(400);
    expect(long.body.error).toMatch(/^q must NOT have more than 500 characters/);
    const missing = await get('/api/articles/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/nope/);
  });

  it('/api/articles/:id gives the story with its copies, evidence and versions', async () => {
    const r = await get('/api/articles/isot-true-16594');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 'isot-true-16594', topics: ['chemical-weapons', 'syria'], versions: [] });
    expect(r.body.copies).toEqual([
      expect.objectContaining({ url: 'https://news.example/isot-true-16594', site: 'reuters.com' }),
    ]);
    expect(r.body.evidence.topics['chemical-weapons'][0].phrase).toBe('chemical weapons');
  });

  it('/api/stats counts jobs per stage, stories per topic and per day', async () => {
    await f.rt.queues.queues.fetch.add('fetch', { id: 'x' }, { jobId: 'stats-1' });
    const r = await get('/api/stats');
    expect(Object.keys(r.body.stages)).toEqual(['fetch', 'clean', 'classify', 'store']);
    expect(r.body.stages.fetch.waiting).toBe(1);
    expect(r.body.stages.store.waiting).toBe(0);
    expect(r.body.articles).toEqual({ stored: 4, copies: 4, skipped: 0 });
    expect(r.body.topics).toContainEqual({ topic: 'sanctions', count: 2 });
    expect(r.body.days).toContainEqual({ day: '2017-10-24', count: 1 });
    await f.rt.queues.queues.fetch.remove('stats-1');
  });

  it('/metrics gives queue depths, failures, stage durations and article counts in Prometheus format', async () => {
    const { queues } = f.rt.queues;
    await queues.clean.add('clean', { id: 'm' }, { jobId: 'metrics-1' });
    await queues.classify.add('classify', { id: 'm' }, { jobId: 'metrics-2', attempts: 1 });
    const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const worker = new Worker(
      'classify',
      async () =>
        new Promise((r) => setTimeout(r, 30)).then(() => {
          throw new Error('boom');
        }),
      {
        connection,
        prefix: f.env.QUEUE_PREFIX,
      },
    );
    await new Promise<void>((resolve) => worker.on('failed', () => resolve()));
    await worker.close();
    await connection.quit();

    // A real store worker ends one job; its duration reaches /metrics through the worker's histogram.
    const group = new WorkerGroup(f.rt, ['store']);
    await group.start();
    const url = 'https://news.example/metrics-article';
    const submitted = {
      id: articleId(url),
      url,
      canonicalUrl: canonicalUrl(url),
      origin: { kind: 'enqueue' },
      handled: {},
      title: 'Talks on the metrics',
      text: 'Nothing about diplomacy here.',
      classification: { relevance: 0.1, relevant: false, topics: [], evidence: {}, entities: [] },
    };
    await queues.store.add('store', submitted, { jobId: submitted.id });
    const text = await until('the store duration on /metrics', async () => {
      const body = (await f.app.inject({ method: 'GET', url: '/metrics' })).body;
      return /^parley_stage_duration_seconds_count\{stage="store",result="done"\} 1$/m.test(body) && body;
    });
    await group.stop();

    const r = await f.app.inject({ method: 'GET', url: '/metrics' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(text).toMatch(/^parley_queue_jobs\{queue="clean",state="waiting"\} 1$/m);
    expect(text).toMatch(/^parley_queue_failed_jobs\{queue="classify"\} 1$/m);
    expect(text).toMatch(/^parley_articles\{state="stored"\} 4$/m);
    expect(text).toMatch(/^# TYPE parley_stage_duration_seconds histogram$/m);
    expect(text).toMatch(/^parley_stage_duration_seconds_bucket\{le="\+Inf",stage="store",result="done"\} 1$/m);
    const sum = /^parley_stage_duration_seconds_sum\{stage="store",result="done"\} ([\d.e-]+)$/m.exec(text);
    expect(Number(sum?.[1])).toBeGreaterThan(0);
  });

  it('/healthz answers 200 when Redis and the store answer', async () => {
    const r = await get('/healthz');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, down: [] });
  });
});

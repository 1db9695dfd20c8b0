/**
 * Hostile input through the real pipeline (issue 7): every case of tests/fixtures/hostile/cases.json
 * is served by a local server and sent in — enqueued, polled as a feed, added raw to a queue, or
 * given to `npm run enqueue` — mixed with good articles. Each must end as its case says (stored,
 * skipped, or failed at its stage with a reason a person understands), every good article must be
 * stored, and the workers must still be running at the end.
 *
 * Two pipelines: one with FETCH_ALLOW_PRIVATE (the fixture server is on 127.0.0.1), one without it,
 * where loopback, private, link-local … URLs must be refused before any connection is made.
 */
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleOutcome } from '../../src/pipeline/pipeline-queues.js';
import { FeedService, type FeedPollReport } from '../../src/pipeline/feed-service.js';
import { DeferError } from '../../src/shared/errors/index.js';
import { articleId, canonicalUrl } from '../../src/shared/identity.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { runProgram, type CliResult } from '../helpers/run-cli.js';
import { settle } from '../helpers/wait.js';
import {
  fixtureText,
  generatedPayload,
  loadCases,
  prepareBombs,
  routeFor,
  type HostileCase,
} from './hostile-routes.js';

/** HOSTILE_CASES=name,name runs only those cases (to look into one). */
const ONLY = process.env.HOSTILE_CASES?.split(',');
/** Fetch timeout for the feeds this test polls in its own process (see where it is used). */
const FEED_POLL_TIMEOUT_MS = 30_000;
const CASES = loadCases().filter((c) => !ONLY || ONLY.includes(c.name));
const GOOD_PAGE = readFileSync(new URL('../fixtures/pages/moscow-talks.html', import.meta.url), 'utf8');
const GOOD_PHRASE = 'Tillerson met Russian Foreign Minister Sergei Lavrov in Moscow';
/** A good article goes in after every this many hostile cases. */
const GOOD_EVERY = 8;
/** The slowest case retries a 3 s body timeout once; everything settles well within this. */
const SETTLE_MS = 40_000;
/** C0 controls other than tab and line breaks, and DEL: never part of article text. */
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** What became of one case, as the checks need it. */
interface Observed {
  id?: string;
  outcome?: ArticleOutcome;
  attempts?: number;
  text?: string;
  poll?: FeedPollReport;
  pollError?: string;
  cli?: CliResult;
  requests?: number;
  queuedOutcomes?: ArticleOutcome[];
}

let server: FixtureServer;
let unreachable: FixtureServer;
let h: Harness;
let hp: Harness;
const observed = new Map<string, Observed>();
const goodIds: string[] = [];
let started = 0;

const pathOf = (c: HostileCase): string => c.path ?? `/case/${c.name}`;

function submitUrl(harness: Harness, url: string): Promise<string> {
  const id = articleId(url);
  return harness.rt.queues
    .submit({ id, url, canonicalUrl: canonicalUrl(url), origin: { kind: 'enqueue' }, handled: {} })
    .then(() => id);
}

/** The article's text where the pipeline left it: the story for a stored one, the excerpt kept for a skipped one. */
async function textOf(harness: Harness, id: string, outcome: ArticleOutcome): Promise<string | undefined> {
  if (outcome.state === 'stored') return (await (await harness.rt.store()).getArticle(id))?.text;
  if (outcome.state === 'skipped') return (await (await harness.rt.store()).getSkipped(id))?.excerpt ?? undefined;
  return undefined;
}

async function attemptsOf(harness: Harness, id: string, outcome: ArticleOutcome): Promise<number | undefined> {
  return outcome.state === 'failed'
    ? (await harness.rt.queues.queues[outcome.stage].getJob(id))?.attemptsMade
    : undefined;
}

async function follow(harness: Harness, id: string): Promise<Observed> {
  const outcome = await settle(harness.rt.queues, id, SETTLE_MS);
  return { id, outcome, attempts: await attemptsOf(harness, id, outcome), text: await textOf(harness, id, outcome) };
}

/** Polls a feed; while its host is busy (a DeferError), waits as the feed worker would, without counting a failure. */
async function pollAsTheWorkerDoes(feeds: FeedService, url: string): Promise<FeedPollReport> {
  for (;;) {
    try {
      return await feeds.poll(url);
    } catch (err) {
      if (!(err instanceof DeferError)) throw err;
      await new Promise((r) => setTimeout(r, err.retryAfterMs));
    }
  }
}

async function runCase(c: HostileCase, feeds: FeedService, rawQueues: Record<string, Queue>): Promise<Observed> {
  switch (c.enter) {
    case 'url':
      return follow(h, await submitUrl(h, c.url ?? server.url(pathOf(c))));
    case 'private-url':
      return follow(hp, await submitUrl(hp, c.url!.replace('{port}', String(unreachable.port))));
    case 'raw': {
      const id = `raw-${c.name}`;
      const data = c.raw!.generate ? generatedPayload(c.raw!.generate) : c.raw!.payload;
      // Three attempts offered: a payload that breaks the contract must not use more than one.
      await rawQueues[c.raw!.queue]!.add(c.raw!.queue, data, { jobId: id, attempts: 3 });
      return follow(h, id);
    }
    case 'feed': {
      const url = server.url(pathOf(c));
      await feeds.registry.add(url);
      try {
        const t0 = Date.now();
        const poll = await pollAsTheWorkerDoes(feeds, url);
        if (process.env.HOSTILE_TIMING) console.log(c.name, 'poll ms', Date.now() - t0);
        const queuedOutcomes = await Promise.all(
          poll.queued.filter((q) => !q.url.includes('/archive?')).map((q) => settle(h.rt.queues, q.id, SETTLE_MS)),
        );
        // Of a big feed's gone archive, the last few items stand for the rest (the oldest failed jobs
        // of 10,000 may already be trimmed from the fetch queue's failed list).
        const archive = poll.queued.filter((q) => q.url.includes('/archive?')).slice(-3);
        queuedOutcomes.push(...(await Promise.all(archive.map((q) => settle(h.rt.queues, q.id, SETTLE_MS)))));
        return { poll, queuedOutcomes };
      } catch (err) {
        const record = await feeds.registry.get(url);
        return { pollError: `${(err as Error).message} | registry: ${record?.lastError ?? ''}` };
      }
    }
    case 'cli': {
      const args = c.args!.map((a) => (a === '@overlong-url' ? `http://example.org/${'a'.repeat(5_000)}` : a));
      return { cli: await runProgram('cli/enqueue.ts', args, h.env) };
    }
  }
}

beforeAll(async () => {
  prepareBombs();
  started = Date.now();
  server = await startFixtureServer({
    '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /private-area/\n' },
  });
  unreachable = await startFixtureServer({
    '/good/private': { headers: { 'content-type': 'text/html' }, body: GOOD_PAGE },
  });
  const goodPaths = [
    '/good/cross-host',
    '/good/feed-relative-link',
    '/good/feed-oversized-item',
    '/good/feed-10000',
    '/good/last',
    ...Array.from({ length: 12 }, (_, i) => `/good/${i}`),
  ];
  goodPaths.push('/good/feed-malformed', '/good/feed-truncated');
  for (const p of goodPaths)
    server.route(p, { headers: { 'content-type': 'text/html; charset=utf-8' }, body: GOOD_PAGE });
  server.route('/archive', { status: 410, body: '' });
  server.route('/page/ru-untitled', {
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: fixtureText('ru-untitled.html'),
  });
  for (const c of CASES) if (c.serve) server.route(pathOf(c), routeFor(c, server, pathOf(c)));

  // Long enough for a bomb to be refused by size on a busy machine, short enough for the endless drip.
  const quick = { FETCH_TIMEOUT_MS: '6000', JOB_ATTEMPTS: '2', JOB_BACKOFF_MS: '50', FETCH_CONCURRENCY: '16' };
  // The main run stores in PostgreSQL, the stricter store (it refuses NUL characters, for one).
  h = await startPipeline({ store: 'postgres', env: quick });
  hp = await startPipeline({ env: { ...quick, FETCH_ALLOW_PRIVATE: '0' } });
  // Feeds are polled here, in the test's own process, while it also queues the 10,000-item feed's
  // items: a longer fetch timeout keeps that busy event loop from turning a size refusal into a timeout.
  const feedConfig = { ...h.rt.config, fetch: { ...h.rt.config.fetch, timeoutMs: FEED_POLL_TIMEOUT_MS } };
  const feeds = new FeedService(h.rt.redis, feedConfig, h.rt.queues, h.rt.store);
  const rawQueues = Object.fromEntries(
    (['fetch', 'clean', 'classify', 'store'] as const).map((s) => [
      s,
      new Queue(s, { connection: h.rt.redis, prefix: h.env.QUEUE_PREFIX }),
    ]),
  );

  // Hostile cases and good articles go in together, in corpus order.
  const running: Promise<unknown>[] = [];
  let good = 0;
  for (const [i, c] of CASES.entries()) {
    if (i % GOOD_EVERY === 0) {
      const id = await submitUrl(h, server.url(`/good/${good++}`));
      goodIds.push(id);
    }
    running.push(
      runCase(c, feeds, rawQueues).then(
        (o) => observed.set(c.name, o),
        (err: unknown) => observed.set(c.name, { pollError: String(err) }),
      ),
    );
  }
  // A good article that needs only the clean stage onwards, for the pipeline that may not fetch from here.
  const privateGood = articleId('https://example.org/private-run-good');
  await hp.rt.queues.submit({
    id: privateGood,
    url: 'https://example.org/private-run-good',
    canonicalUrl: 'https://example.org/private-run-good',
    origin: { kind: 'enqueue' },
    handled: {},
    html: GOOD_PAGE,
  });
  await Promise.all(running);
  observed.set('(private-run good)', await follow(hp, privateGood));
  await Promise.all(Object.values(rawQueues).map((q) => q.close()));
}, 120_000);

afterAll(async () => {
  await h?.stop();
  await hp?.stop();
  await server?.close();
  await unreachable?.close();
  console.log(`hostile corpus: ${CASES.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (process.env.HOSTILE_REPORT) {
    for (const c of CASES) {
      const o = observed.get(c.name);
      const what = o?.outcome
        ? `${o.outcome.state}${o.outcome.state === 'failed' ? ` at ${o.outcome.stage}: ${o.outcome.reason}` : ''}`
        : o?.poll
          ? `polled ${o.poll.totalItems} items, ${o.poll.queued.length} queued`
          : (o?.pollError ?? o?.cli?.stdout.trim().replaceAll('\n', ' / '));
      console.log(`| ${c.name} | ${c.enter} | ${what?.slice(0, 160)} |`);
    }
  }
});

describe('hostile input', () => {
  it('has at least 40 cases, each with its expected outcome', () => {
    expect(loadCases().length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it("gives each URL case an article of its own, so one case never clears another's outcome", () => {
    const urls = CASES.filter((c) => c.enter === 'private-url' && c.url).map((c) => c.url!.replace('{port}', '1'));
    expect(new Set(urls.map((u) => articleId(u))).size).toBe(urls.length);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const o = observed.get(c.name);
    const e = c.expect;
    expect(o, c.about).toBeDefined();
    const context = `${c.name}: ${c.about}\n${JSON.stringify({ ...o, text: o?.text?.slice(0, 300), cli: o?.cli && { ...o.cli } }, null, 1).slice(0, 2_000)}`;
    if (e.outcome === 'rejected') {
      const lines = o!.cli!.stdout.trim().split('\n');
      expect(o!.cli!.code, context).toBe(1);
      expect(lines, context).toHaveLength(e.reasons!.length);
      lines.forEach((line, i) => expect(line, context).toMatch(new RegExp(`^rejected .*  ${e.reasons![i]}`)));
      for (const secret of e.notContains ?? []) expect(o!.cli!.stdout + o!.cli!.stderr, context).not.toContain(secret);
      return;
    }
    if (c.enter === 'feed') {
      if (e.outcome === 'failed') {
        expect(o!.pollError, context).toMatch(new RegExp(e.reason!));
        return;
      }
      expect(o!.poll, context).toMatchObject({ outcome: 'polled', totalItems: e.items });
      expect(o!.poll!.queued, context).toHaveLength(e.queued!);
      for (const q of o!.queuedOutcomes!) expect(q.state, context).not.toBe('pending');
      const good = o!.queuedOutcomes!.filter((q) => q.state === 'stored' || q.state === 'skipped');
      expect(good.length, context).toBeGreaterThan(0);
      if (e.itemTitle) expect(good[0], context).toMatchObject({ title: e.itemTitle });
      for (const q of o!.queuedOutcomes!.filter((x) => x.state === 'failed')) {
        expect(q.state === 'failed' && q.reason, context).toMatch(/answered 410 Gone/);
      }
      return;
    }
    const outcome = o!.outcome!;
    expect(outcome.state, context).toBe(e.outcome);
    if (outcome.state === 'failed') {
      expect(outcome.stage, context).toBe(e.stage);
      expect(outcome.reason, context).toMatch(new RegExp(e.reason!));
    }
    if (e.attempts !== undefined) expect(o!.attempts, context).toBe(e.attempts);
    if (e.requests !== undefined)
      expect(
        server.requests.filter((r) => r.url.startsWith(pathOf(c))),
        context,
      ).toHaveLength(e.requests);
    if (e.title !== undefined)
      expect(outcome.state !== 'failed' && outcome.state !== 'pending' && outcome.title, context).toBe(e.title);
    for (const phrase of e.contains ?? []) expect(o!.text, context).toContain(phrase);
    for (const phrase of e.notContains ?? []) expect(o!.text, context).not.toContain(phrase);
    if (e.notContainsControl) {
      expect(o!.text, context).not.toMatch(CONTROL_CHARS);
      expect(outcome.state !== 'failed' && outcome.state !== 'pending' && outcome.title, context).not.toMatch(
        CONTROL_CHARS,
      );
    }
  });

  it('stores every good article that went in among the hostile ones', async () => {
    expect(goodIds.length).toBeGreaterThanOrEqual(ONLY ? 1 : 5);
    for (const id of goodIds) {
      expect(await settle(h.rt.queues, id, SETTLE_MS)).toMatchObject({ state: 'stored' });
      expect((await (await h.rt.store()).getArticle(id))?.text).toContain(GOOD_PHRASE);
    }
    expect(observed.get('(private-run good)')?.outcome).toMatchObject({ state: 'stored' });
  });

  it('never connects to a refused address', () => {
    expect(unreachable.requests).toEqual([]);
  });

  it('keeps its workers running: a good article sent after all the hostile ones is stored', async () => {
    for (const w of [...h.group.workers, ...hp.group.workers]) expect(w.isRunning(), w.name).toBe(true);
    const id = await submitUrl(h, server.url('/good/last'));
    expect(await settle(h.rt.queues, id, SETTLE_MS)).toMatchObject({ state: 'stored' });
  });
});

/**
 * Watches delivered through the real workers (store stage + watch workers), real Redis, a real
 * SQLite store, a real local HTTP receiver and a real SMTP server.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'bullmq';
import { addWatch, type WatchContext } from '../../src/jobs/watch-jobs.js';
import { digestSchedulerId } from '../../src/pipeline/alert-queues.js';
import { nextDigestAt, parseDigest, type DigestSpec } from '../../src/stages/watch/digest.js';
import { createAlertWorkers } from '../../src/workers/alert-workers.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { until } from '../helpers/wait.js';
import { Receiver, classified, storyText } from './watch-fixtures.js';

let h: Harness;
let workers: Worker[];
let ctx: WatchContext;
const receiver = new Receiver();
const mails: ParsedMail[] = [];
let smtp: SMTPServer;
/** The clock the watch workers read: the real one unless a test sets it. */
let fakeNow: Date | undefined;

beforeAll(async () => {
  await receiver.up();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((m) => mails.push(m))
        .then(() => done(), done);
    },
  });
  await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', ok));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  h = await startPipeline({
    stages: ['store'],
    env: {
      WATCH_BACKOFF_MS: '300',
      WATCH_MAX_BACKOFF_MS: '3000',
      WATCH_ATTEMPTS: '40',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      DASHBOARD_URL: 'https://parley.example.org',
    },
  });
  const alerts = createAlertWorkers({
    config: h.rt.config,
    connection: h.rt.redis,
    log: h.rt.log,
    alerts: h.rt.queues.alerts,
    store: h.rt.store,
    now: () => fakeNow ?? new Date(),
  });
  workers = alerts.workers;
  for (const w of workers) void w.run();
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  ctx = { config: h.rt.config, store: h.rt.store, now: () => fakeNow ?? new Date() };
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await h.stop();
  await receiver.down();
  await new Promise((ok) => smtp.close(() => ok(undefined)));
});

async function store(url: string, text: string, over: Parameters<typeof classified>[2] = {}) {
  const p = classified(url, text, over);
  await h.rt.queues.queues.store.add(url, p, { jobId: p.id });
  await until(`${url} stored`, async () => (await h.rt.queues.queues.store.getJobState(p.id)) === 'completed');
  return p.id;
}

/** Waits until the match queue is empty (every stored article matched). */
async function matched() {
  await until('matching done', async () => {
    const c = await h.rt.queues.alerts.match.getJobCounts('waiting', 'active', 'delayed');
    return (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0;
  });
}

/**
 * How long the receiver stays down: the backoff (300 ms doubling) reaches its 3 s cap after four
 * retries (4.5 s), so 10 s of outage also spans retries at the cap, well within the 40 attempts.
 */
const OUTAGE_MS = 10_000;

const verify = (body: string, secret: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('watches deliver through the workers', () => {
  it('a story published by three sites alerts once, signed and keyed; Slack gets {text, blocks}', async () => {
    const hook = await addWatch(
      {
        name: 'syria-lavrov',
        filter: { topics: ['syria'], entities: ['Lavrov'] },
        delivery: { kind: 'webhook', url: receiver.url('/three') },
      },
      ctx,
    );
    await addWatch(
      { name: 'slack-syria', filter: { topics: ['syria'] }, delivery: { kind: 'slack', url: receiver.url('/slack') } },
      ctx,
    );
    const text = storyText(1);
    const first = await store('https://one.example/story', text);
    await store('https://two.example/wire/story', text);
    await store('https://three.example/news/story', text);
    await matched();
    await until('the alert', async () => receiver.on('/three').length >= 1 && receiver.on('/slack').length >= 1);
    await new Promise((r) => setTimeout(r, 1_500)); // time for a wrong second alert to arrive
    const got = receiver.on('/three');
    expect(got).toHaveLength(1);
    const body = JSON.parse(got[0]!.body) as {
      delivery: string;
      watch: string;
      articles: { id: string; link: string }[];
    };
    expect(got[0]!.headers['x-parley-delivery']).toBe(body.delivery);
    expect(got[0]!.headers['x-parley-signature']).toBe(verify(got[0]!.body, hook.secret));
    expect(body.watch).toBe('syria-lavrov');
    expect(body.articles.map((a) => a.id)).toEqual([first]);
    expect(body.articles[0]!.link).toBe(`https://parley.example.org/articles/${first}`);
    const slack = receiver.on('/slack');
    expect(slack).toHaveLength(1);
    const s = JSON.parse(slack[0]!.body) as { text: string; blocks: { type: string }[] };
    expect(s.text).toContain('slack-syria');
    expect(s.blocks.map((b) => b.type)).toEqual(['header', 'section']);
    await (await h.rt.store()).watches.remove('slack-syria');
  }, 60_000);

  it('a receiver down for 10 s (past the backoff cap) gets every delivery once by key when it returns; meanwhile it shows as failing', async () => {
    await addWatch(
      { name: 'outage', filter: { topics: ['ukraine'] }, delivery: { kind: 'webhook', url: receiver.url('/outage') } },
      ctx,
    );
    const downAt = Date.now();
    await receiver.down();
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push(await store(`https://down${i}.example/a`, storyText(100 + i), { topics: ['ukraine'] }));
    await matched();
    const failing = await until('the watch marked failing', async () => {
      const w = await (await h.rt.store()).watches.get('outage');
      return w?.failingSince ? w : undefined;
    });
    expect(failing.failures).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, Math.max(0, downAt + OUTAGE_MS - Date.now())));
    await receiver.up();
    await until(
      'every delivery after the outage',
      async () => new Set(receiver.on('/outage').map((r) => r.headers['x-parley-delivery'])).size === 3,
      30_000,
    );
    await new Promise((r) => setTimeout(r, 1_500));
    const keys = receiver.on('/outage').map((r) => String(r.headers['x-parley-delivery']));
    const stories = receiver
      .on('/outage')
      .map((r) => (JSON.parse(r.body) as { articles: { id: string }[] }).articles[0]!.id);
    expect(new Set(keys).size).toBe(3);
    expect(new Set(stories)).toEqual(new Set(ids));
    const w = await (await h.rt.store()).watches.get('outage');
    expect(w).toMatchObject({ failures: 0, failingSince: null });
  }, 120_000);

  it('a daily digest gathers what matched before its time, at 08:00 in its zone (fake clock)', async () => {
    const spec = parseDigest('daily@08:00/Europe/Berlin') as DigestSpec;
    const w = await addWatch(
      {
        name: 'morning',
        filter: { topics: ['sanctions'] },
        delivery: { kind: 'webhook', url: receiver.url('/digest') },
        mode: 'daily@08:00/Europe/Berlin',
      },
      ctx,
    );
    await h.rt.queues.alerts.schedule(w);
    const scheduler = await h.rt.queues.alerts.digest.getJobScheduler(digestSchedulerId('morning'));
    expect(scheduler?.next).toBe(nextDigestAt(spec, new Date()).getTime());

    fakeNow = new Date('2026-03-10T05:00:00Z');
    const a = await store('https://d1.example/a', storyText(200), { topics: ['sanctions'] });
    await matched();
    fakeNow = nextDigestAt(spec, fakeNow); // 08:00 in Berlin: 07:00 UTC in March
    expect(fakeNow.toISOString()).toBe('2026-03-10T07:00:00.000Z');
    await h.rt.queues.alerts.digest.add('morning', { watch: 'morning' }); // what the scheduler adds at that time
    await until('the first digest', async () => receiver.on('/digest').length === 1);
    fakeNow = new Date('2026-03-10T07:30:00Z');
    const b = await store('https://d2.example/b', storyText(201), { topics: ['sanctions'] });
    const c = await store('https://d3.example/c', storyText(202), { topics: ['sanctions'] });
    await matched();
    expect(receiver.on('/digest')).toHaveLength(1); // nothing between digests
    fakeNow = nextDigestAt(spec, fakeNow);
    expect(fakeNow.toISOString()).toBe('2026-03-11T07:00:00.000Z');
    await h.rt.queues.alerts.digest.add('morning', { watch: 'morning' });
    await until('the second digest', async () => receiver.on('/digest').length === 2);
    fakeNow = undefined;
    const digests = receiver
      .on('/digest')
      .map((r) => JSON.parse(r.body) as { kind: string; sentAt: string; articles: { id: string }[] });
    expect(digests.map((d) => d.kind)).toEqual(['digest', 'digest']);
    expect(digests.map((d) => d.sentAt)).toEqual(['2026-03-10T07:00:00.000Z', '2026-03-11T07:00:00.000Z']);
    expect(digests[0]!.articles.map((x) => x.id)).toEqual([a]);
    expect(new Set(digests[1]!.articles.map((x) => x.id))).toEqual(new Set([b, c]));
  }, 60_000);

  it('email goes through a real SMTP server with plain-text and HTML parts linking to the dashboard', async () => {
    await addWatch(
      { name: 'mail', filter: { topics: ['iran'] }, delivery: { kind: 'email', to: 'analyst@example.org' } },
      ctx,
    );
    const id = await store('https://mail.example/iran', storyText(300), {
      topics: ['iran'],
      title: 'Iran talks <resume>',
    });
    await until('the email', async () => mails.length === 1);
    const m = mails[0]!;
    expect(m.to && !Array.isArray(m.to) ? m.to.text : '').toBe('analyst@example.org');
    expect(m.subject).toBe('Parley watch mail: Iran talks <resume>');
    expect(m.text).toContain(`https://parley.example.org/articles/${id}`);
    expect(m.html).toContain(`href="https://parley.example.org/articles/${id}"`);
    expect(m.html).toContain('Iran talks &lt;resume&gt;');
    expect(m.headers.get('x-parley-delivery')).toMatch(/^a-[0-9a-f]{32}$/);
  }, 60_000);
});

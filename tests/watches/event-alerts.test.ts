/**
 * Watches hear of timeline entries through the real workers: the store stage merges an article's
 * events, the pipeline queues matching for each entry created or moved to a new status, and the
 * watch workers deliver it to a real local receiver, a real SMTP server and a digest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'bullmq';
import { addWatch, type WatchContext } from '../../src/jobs/watch-jobs.js';
import type { DiplomaticEvent } from '../../src/stages/events/types.js';
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
const DASHBOARD = 'https://parley.example.org';

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
  h = await startPipeline({
    stages: ['store'],
    env: {
      WATCH_BACKOFF_MS: '200',
      WATCH_MAX_BACKOFF_MS: '1000',
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      DASHBOARD_URL: DASHBOARD,
    },
  });
  workers = createAlertWorkers({
    config: h.rt.config,
    connection: h.rt.redis,
    log: h.rt.log,
    alerts: h.rt.queues.alerts,
    store: h.rt.store,
  }).workers;
  for (const w of workers) void w.run();
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  ctx = { config: h.rt.config, store: h.rt.store, now: () => new Date() };
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await h.stop();
  await receiver.down();
  await new Promise((ok) => smtp.close(() => ok(undefined)));
});

function talks(status: DiplomaticEvent['status'], over: Partial<DiplomaticEvent> = {}): DiplomaticEvent {
  return {
    type: 'meeting',
    status,
    us: ['Antony Blinken'],
    ru: ['Sergei Lavrov'],
    initiator: null,
    place: 'Geneva',
    date: '2026-12-03',
    evidence: `Blinken and Lavrov meeting in Geneva (${status}).`,
    ...over,
  };
}

/** Stores an article reporting `events` and waits until its watches are matched. */
async function store(url: string, seed: number, events: DiplomaticEvent[]) {
  const p = { ...classified(url, storyText(seed)), classification: { ...classified(url, '').classification, events } };
  const job = await h.rt.queues.queues.store.add(url, p);
  await until(`${url} stored`, async () => (await h.rt.queues.queues.store.getJobState(job.id!)) === 'completed');
  await until('matching done', async () => {
    const c = await h.rt.queues.alerts.match.getJobCounts('waiting', 'active', 'delayed');
    return (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0;
  });
  return p.id;
}

interface EventBody {
  kind: string;
  delivery: string;
  events: {
    id: string;
    type: string;
    status: string;
    us: string[];
    ru: string[];
    place: string | null;
    date: string | null;
    link: string;
    reports: { url: string; title: string; site: string | null; link: string }[];
  }[];
}

const bodies = (path: string) => receiver.on(path).map((r) => JSON.parse(r.body) as EventBody);
const eventAlerts = (path: string) => bodies(path).filter((b) => b.kind === 'event');
const settle = () => new Promise((r) => setTimeout(r, 1_500)); // time for a wrong extra alert to arrive

describe('watches hear of timeline entries', () => {
  it('alert once when an entry appears and once per status it moves to; a new report of it does not alert', async () => {
    await addWatch(
      {
        name: 'lavrov-meetings',
        filter: { events: ['meeting'], people: ['Lavrov'] },
        delivery: { kind: 'webhook', url: receiver.url('/meetings') },
      },
      ctx,
    );
    await addWatch(
      {
        name: 'slack-meetings',
        filter: { events: ['meeting'] },
        delivery: { kind: 'slack', url: receiver.url('/slack') },
      },
      ctx,
    );
    await addWatch(
      {
        name: 'mail-meetings',
        filter: { people: ['Blinken'] },
        delivery: { kind: 'email', to: 'analyst@example.org' },
      },
      ctx,
    );
    await addWatch(
      { name: 'calls', filter: { events: ['call'] }, delivery: { kind: 'webhook', url: receiver.url('/calls') } },
      ctx,
    );
    await addWatch(
      { name: 'topic-only', filter: { topics: ['syria'] }, delivery: { kind: 'webhook', url: receiver.url('/topic') } },
      ctx,
    );
    await addWatch(
      {
        name: 'meetings-digest',
        filter: { events: ['meeting'] },
        delivery: { kind: 'webhook', url: receiver.url('/digest') },
        mode: 'hourly',
      },
      ctx,
    );

    const a = await store('https://wire.example/plans', 1, [talks('planned')]);
    await until('the planned alert', async () => eventAlerts('/meetings').length === 1);
    const [planned] = eventAlerts('/meetings');
    const entry = planned!.events[0]!;
    expect(planned!.events).toHaveLength(1);
    expect(entry).toMatchObject({
      type: 'meeting',
      status: 'planned',
      us: ['Antony Blinken'],
      ru: ['Sergei Lavrov'],
      place: 'Geneva',
      date: '2026-12-03',
      link: `${DASHBOARD}/events/${entry.id}`,
    });
    expect(entry.reports).toEqual([
      {
        url: 'https://wire.example/plans',
        title: 'Lavrov and Tillerson talk Syria (wire.example)',
        site: 'wire.example',
        link: `${DASHBOARD}/articles/${a}`,
      },
    ]);

    await store('https://paper.example/plans-too', 2, [talks('planned')]); // the same entry, the same status
    const b = await store('https://agency.example/held', 3, [talks('held')]);
    await until('the held alert', async () => eventAlerts('/meetings').length === 2);
    await store('https://agency.example/held', 3, [talks('held')]); // the same article again
    await settle();

    const alerts = eventAlerts('/meetings');
    expect(alerts.map((x) => [x.events[0]!.id, x.events[0]!.status])).toEqual([
      [entry.id, 'planned'],
      [entry.id, 'held'],
    ]);
    expect(new Set(alerts.map((x) => x.delivery)).size).toBe(2);
    const held = alerts[1]!.events[0]!;
    expect(held.reports).toHaveLength(3);
    expect(held.reports.map((r) => r.link)).toContain(`${DASHBOARD}/articles/${b}`);
    expect(
      receiver
        .on('/meetings')
        .filter((r) => (JSON.parse(r.body) as EventBody).kind === 'event')
        .map((r) => r.headers['x-parley-delivery']),
    ).toEqual(alerts.map((x) => x.delivery));

    // Slack: the entry as a linked section; email: the entry with its dashboard link in both parts.
    await until('the Slack alerts', async () => receiver.on('/slack').length >= 2);
    const slack = receiver
      .on('/slack')
      .map((r) => JSON.parse(r.body) as { text: string; blocks: { text?: { text: string } }[] });
    const slackEvents = slack.filter((s) => s.text.includes('meeting ('));
    expect(slackEvents.map((s) => s.text)).toEqual([
      'Parley watch slack-meetings: meeting (planned) 2026-12-03: Antony Blinken – Sergei Lavrov, Geneva',
      'Parley watch slack-meetings: meeting (held) 2026-12-03: Antony Blinken – Sergei Lavrov, Geneva',
    ]);
    expect(slackEvents[0]!.blocks[1]!.text!.text).toContain(`<${DASHBOARD}/events/${entry.id}|`);
    await until('the event emails', async () => mails.filter((m) => m.subject?.includes('meeting (')).length === 2);
    const mail = mails.find((m) => m.subject?.includes('meeting (held)'))!;
    expect(mail.text).toContain(`On the dashboard: ${DASHBOARD}/events/${entry.id}`);
    expect(mail.html).toContain(`href="${DASHBOARD}/events/${entry.id}"`);

    // A watch of another event type, and one of topics alone, hear of no entry.
    expect(receiver.on('/calls')).toEqual([]);
    expect(bodies('/topic').length).toBeGreaterThan(0);
    expect(eventAlerts('/topic')).toEqual([]);

    // A digest gathers the entry in each status it reached.
    await h.rt.queues.alerts.digest.add('meetings-digest', { watch: 'meetings-digest' });
    await until('the digest', async () => receiver.on('/digest').length === 1);
    const [digest] = bodies('/digest');
    expect(digest!.kind).toBe('digest');
    expect(digest!.events.map((e) => [e.id, e.status])).toEqual([
      [entry.id, 'planned'],
      [entry.id, 'held'],
    ]);
  }, 120_000);

  it('a call between other people reaches the calls watch only', async () => {
    await store('https://wire.example/call', 4, [
      talks('held', { type: 'call', us: ['Jake Sullivan'], ru: ['Yuri Ushakov'], place: null }),
    ]);
    await until('the call alert', async () => eventAlerts('/calls').length === 1);
    await settle();
    expect(eventAlerts('/calls')[0]!.events[0]).toMatchObject({ type: 'call', us: ['Jake Sullivan'] });
    expect(eventAlerts('/meetings')).toHaveLength(2);
  }, 60_000);
});

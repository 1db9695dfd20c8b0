/**
 * The watch queues' processing, as plain functions (the workers in workers/alert-workers.ts run them):
 * match a stored article against every watch, gather a digest, and send one delivery. Nothing here
 * knows BullMQ; what to queue next is returned to the caller.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../shared/config.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { compileWatch, matchingWatches } from '../stages/watch/match.js';
import { EXCERPT_CHARS, type AlertItem, type AlertMessage } from '../stages/watch/messages.js';
import { send, type SendSettings } from '../stages/watch/send.js';
import { loadTaxonomy } from '../stages/classify/taxonomy.js';
import { hearsArticles, validateWatch, type Watch, type WatchRules } from '../stages/watch/watch-spec.js';
import { eventItemsOf } from './watch-event-jobs.js';
import type { DeliveryJob, WatchContext } from './watch-context.js';

export type { DeliveryJob, WatchContext } from './watch-context.js';

/** Failures in a row after which a watch shows as failing: one blip is not a failing receiver. */
export const FAILING_AFTER = 3;

/** What a match job takes: an article the store just stored, and the story it belongs to. */
export interface MatchInput {
  articleId: string;
  storyId: string;
}

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);

/** The idempotency key of a story's alert to a watch: the same on every retry and every copy. */
export const alertDeliveryId = (watch: string, storyId: string) => `a-${hash(watch, storyId)}`;

/** A new watch's signing secret. */
export const newSecret = () => randomBytes(32).toString('hex');

/** What a new watch is checked against: the taxonomy's topics and the fetch address policy. */
export function watchRules(config: Config): WatchRules {
  return {
    topics: loadTaxonomy().topics.map((t) => t.id),
    addresses: { allowPrivate: config.fetch.allowPrivate, allowLinkLocal: config.fetch.allowLinkLocal },
  };
}

export function sendSettings(config: Config): SendSettings {
  return {
    addresses: { allowPrivate: config.fetch.allowPrivate, allowLinkLocal: config.fetch.allowLinkLocal },
    timeoutMs: config.fetch.timeoutMs,
    userAgent: config.fetch.userAgent,
    ...(config.watches.smtpUrl ? { smtpUrl: config.watches.smtpUrl } : {}),
    mailFrom: config.watches.mailFrom,
  };
}

/**
 * Matches a stored article (with its story's sites and its events) against every watch and records
 * each first match of the story; gives the immediate deliveries to queue. A story already alerted
 * (a copy, a revision, a retried job) records nothing, but an undelivered alert is given again so a
 * crash between recording and queueing loses nothing (the queue drops a job id it holds).
 */
export async function matchArticle(input: MatchInput, ctx: WatchContext): Promise<DeliveryJob[]> {
  const store = await ctx.store();
  const watches = (await store.watches.list()).filter(hearsArticles);
  if (watches.length === 0) return [];
  const story = await store.getArticle(input.storyId);
  if (!story) return [];
  const events = await store.events.eventsOfArticle(input.articleId);
  const matched = matchingWatches(
    {
      ...story,
      eventTypes: events.map((e) => e.type),
      people: events.flatMap((e) => [...e.us, ...e.ru]),
      sites: story.copies.map((c) => c.site),
    },
    watches.map((w) => compileWatch(w.name, w.filter)),
  );
  const at = ctx.now().toISOString();
  const out: DeliveryJob[] = [];
  for (const name of matched) {
    const w = watches.find((x) => x.name === name)!;
    const deliveryId = w.mode === 'immediate' ? alertDeliveryId(name, story.id) : null;
    await store.watches.recordMatch(name, story.id, input.articleId, at, deliveryId);
    const row = await store.watches.alert(name, story.id);
    if (row?.delivery_id && !row.delivered_at && w.mode === 'immediate')
      out.push({ deliveryId: row.delivery_id, watch: name });
  }
  return out;
}

/** Gathers a digest watch's alerts matched up to now into one delivery; null when there are none. */
export async function gatherDigest(watch: string, ctx: WatchContext): Promise<DeliveryJob | null> {
  const store = await ctx.store();
  const now = ctx.now().toISOString();
  const deliveryId = `d-${hash(watch, now)}`;
  const n = await store.watches.assignDigest(watch, deliveryId, now);
  return n > 0 ? { deliveryId, watch } : null;
}

async function itemsOf(store: ArticleStore, ids: { story_id: string; article_id: string }[], base: string) {
  const items: AlertItem[] = [];
  for (const r of ids) {
    const a = await store.getArticle(r.story_id);
    if (!a) continue;
    const events = await store.events.eventsOfArticle(r.article_id);
    items.push({
      id: a.id,
      title: a.title,
      url: a.url,
      site: a.site,
      published: a.published,
      topics: a.topics,
      excerpt: a.text.slice(0, EXCERPT_CHARS),
      link: `${base}/articles/${encodeURIComponent(a.id)}`,
      events: events.map((e) => ({
        id: e.id,
        type: e.type,
        status: e.status,
        us: e.us,
        ru: e.ru,
        date: e.date,
        place: e.place,
      })),
    });
  }
  return items;
}

export type DeliveryOutcome = 'sent' | 'already delivered' | 'nothing to send' | 'no such watch';

/**
 * Sends one delivery. Throws when the receiver does not take it (the watch counts the failure and
 * shows as failing from FAILING_AFTER in a row); a success clears that.
 */
export async function deliver(job: DeliveryJob, ctx: WatchContext): Promise<DeliveryOutcome> {
  const store = await ctx.store();
  const watch = await store.watches.get(job.watch);
  if (!watch) return 'no such watch';
  if (job.notice) {
    const m: AlertMessage = {
      deliveryId: job.deliveryId,
      watch: watch.name,
      kind: 'source-health',
      items: [],
      notice: job.notice,
      sentAt: ctx.now().toISOString(),
    };
    await sendAndRecord(watch, m, ctx);
    return 'sent';
  }
  const rows = await store.watches.delivery(job.deliveryId);
  const eventRows = await store.watches.eventDelivery(job.deliveryId);
  if (rows.length + eventRows.length === 0) return 'nothing to send';
  if ([...rows, ...eventRows].every((r) => r.delivered_at)) return 'already delivered';
  const base = ctx.config.watches.dashboardUrl;
  const message: AlertMessage = {
    deliveryId: job.deliveryId,
    watch: watch.name,
    kind: job.deliveryId.startsWith('d-') ? 'digest' : job.deliveryId.startsWith('e-') ? 'event' : 'alert',
    items: await itemsOf(store, rows, base),
    events: await eventItemsOf(store, eventRows, base),
    sentAt: ctx.now().toISOString(),
  };
  await sendAndRecord(watch, message, ctx);
  return 'sent';
}

async function sendAndRecord(watch: Watch, message: AlertMessage, ctx: WatchContext): Promise<void> {
  const store = await ctx.store();
  try {
    await send(watch.delivery, message, watch.secret, sendSettings(ctx.config));
  } catch (err) {
    await store.watches.failed(watch.name, (err as Error).message, ctx.now().toISOString(), FAILING_AFTER);
    throw err;
  }
  await store.watches.delivered(watch.name, message.deliveryId, ctx.now().toISOString());
}

/** `watches test NAME`: sends the newest stored story the watch matches (or none) as a test delivery, now. */
export async function testDelivery(name: string, ctx: WatchContext): Promise<AlertMessage> {
  const store = await ctx.store();
  const watch = await store.watches.get(name);
  if (!watch) throw new Error(`no watch named ${JSON.stringify(name)}`);
  const [newest] = await store.listArticles({
    limit: 1,
    ...(watch.filter.topics[0] ? { topic: watch.filter.topics[0] } : {}),
  });
  const message: AlertMessage = {
    deliveryId: `t-${hash(name, ctx.now().toISOString())}`,
    watch: name,
    kind: 'test',
    items: newest
      ? await itemsOf(store, [{ story_id: newest.id, article_id: newest.id }], ctx.config.watches.dashboardUrl)
      : [],
    sentAt: ctx.now().toISOString(),
  };
  await sendAndRecord(watch, message, ctx);
  return message;
}

/** Validates and stores a new watch; gives it with its secret. Throws WatchError for a bad one. */
export async function addWatch(input: unknown, ctx: WatchContext): Promise<Watch> {
  const spec = validateWatch(input, watchRules(ctx.config));
  const store = await ctx.store();
  const secret = newSecret();
  if (!(await store.watches.add(spec, secret, ctx.now().toISOString()))) {
    throw new WatchNameTaken(spec.name);
  }
  return (await store.watches.get(spec.name))!;
}

export class WatchNameTaken extends Error {
  override name = 'WatchNameTaken';
  constructor(name: string) {
    super(`name: a watch named ${JSON.stringify(name)} exists already (remove it first)`);
  }
}

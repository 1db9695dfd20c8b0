/**
 * Watches and the timeline: a timeline entry that was created or changed status is matched against
 * the watches that name event types or people, once per entry and status (a new report of the same
 * entry in the same status alerts no one again). What the entry is matched on: its type and people,
 * and the articles that report it (their topics, other entities, words, languages, relevance, sites).
 */
import { createHash } from 'node:crypto';
import type { ArticleStore, StoredArticle } from '../stages/store/article-store.js';
import type { TimelineEntry } from '../stages/store/event-queries.js';
import type { EventAlertRow } from '../stages/store/watch-store.js';
import { compileWatch, hearsEvents, matchingWatches, type WatchedArticle } from '../stages/watch/match.js';
import type { AlertEventItem } from '../stages/watch/messages.js';
import type { DeliveryJob, WatchContext } from './watch-context.js';

/** What an event match job takes: an entry and the status it was created in or moved to. */
export interface EventMatchInput {
  eventId: string;
  status: string;
}

/** Reporting articles read to match an entry: enough to know its topics and sites, bounded for a big one. */
const MAX_REPORTING_ARTICLES = 50;

/** The idempotency key of an entry's alert in one status to a watch (prefix `e-`). */
export const eventDeliveryId = (watch: string, eventId: string, status: string) =>
  `e-${createHash('sha256').update(`${watch}\n${eventId}\n${status}`).digest('hex').slice(0, 32)}`;

/** The entry as matching reads it, with the articles that report it. */
export function watchedEntry(entry: TimelineEntry, articles: readonly StoredArticle[]): WatchedArticle {
  return {
    title: [entry.type, entry.place ?? ''].join(' '),
    text: entry.reports.map((r) => `${r.title}\n${r.evidence}`).join('\n'),
    topics: [...new Set(articles.flatMap((a) => a.topics))],
    // People filters read the entry's own people; the articles add the other names (places, bodies).
    entities: articles.flatMap((a) => a.entities.filter((e) => e.type !== 'person')),
    eventTypes: [entry.type],
    people: [...entry.us, ...entry.ru],
    language: null,
    languages: articles.map((a) => a.language),
    relevance: Math.max(0, ...articles.map((a) => a.relevance)),
    sites: [...entry.reports.map((r) => r.site), ...articles.map((a) => a.site)],
  };
}

async function reportingArticles(store: ArticleStore, entry: TimelineEntry): Promise<StoredArticle[]> {
  const ids = [...new Set(entry.reports.map((r) => r.articleId))].slice(0, MAX_REPORTING_ARTICLES);
  const out: StoredArticle[] = [];
  for (const id of ids) {
    const a = await store.getArticle(id);
    if (a) out.push(a);
  }
  return out;
}

/**
 * Matches a timeline entry in the status it was created in or moved to against the watches that
 * hear of entries, records each first match, and gives the immediate deliveries to queue. An entry
 * gone, or already in another status (whose own job follows), gives nothing.
 */
export async function matchEvent(input: EventMatchInput, ctx: WatchContext): Promise<DeliveryJob[]> {
  const store = await ctx.store();
  const watches = (await store.watches.list()).filter((w) => hearsEvents(w.filter));
  if (watches.length === 0) return [];
  const entry = await store.events.getEvent(input.eventId);
  if (!entry || entry.status !== input.status) return [];
  const matched = matchingWatches(
    watchedEntry(entry, await reportingArticles(store, entry)),
    watches.map((w) => compileWatch(w.name, w.filter)),
  );
  const at = ctx.now().toISOString();
  const out: DeliveryJob[] = [];
  for (const name of matched) {
    const w = watches.find((x) => x.name === name)!;
    const immediate = w.mode === 'immediate';
    await store.watches.recordEventMatch(
      name,
      entry.id,
      entry.status,
      at,
      immediate ? eventDeliveryId(name, entry.id, entry.status) : null,
    );
    const row = await store.watches.eventAlert(name, entry.id, entry.status);
    if (immediate && row?.delivery_id && !row.delivered_at) out.push({ deliveryId: row.delivery_id, watch: name });
  }
  return out;
}

/** The entries a delivery carries, each in the status it alerted on, with its reports and links. */
export async function eventItemsOf(
  store: ArticleStore,
  rows: readonly EventAlertRow[],
  base: string,
): Promise<AlertEventItem[]> {
  const items: AlertEventItem[] = [];
  for (const r of rows) {
    const e = await store.events.getEvent(r.event_id);
    if (!e) continue;
    items.push({
      id: e.id,
      type: e.type,
      status: r.status,
      us: e.us,
      ru: e.ru,
      date: e.date,
      place: e.place,
      link: `${base}/events/${encodeURIComponent(e.id)}`,
      reports: e.reports.map((x) => ({
        title: x.title,
        url: x.url,
        site: x.site,
        link: `${base}/articles/${encodeURIComponent(x.articleId)}`,
      })),
    });
  }
  return items;
}

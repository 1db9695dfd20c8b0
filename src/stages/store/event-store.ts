/**
 * The store's side of events: each article's reports (event_reports), merged into timeline entries
 * (events) by the rule of stages/events/merge.ts, whatever the site or language. Runs inside the
 * transaction that stores the article, after the story lock (dialect.storyLock on PostgreSQL,
 * IMMEDIATE transactions on SQLite), so concurrent store workers merge each report exactly once.
 */
import { createHash } from 'node:crypto';
import { peopleOverlap, preciseDate, sameEvent, STATE_NAMES, unionPeople } from '../events/merge.js';
import type { DiplomaticEvent, EventStatus, EventType } from '../events/types.js';
import type { SqlClient } from './sql-client.js';

/** Where and when an article reported its events. */
export interface ReportSource {
  articleId: string;
  url: string;
  title: string;
  site: string | null;
  seenAt: string;
}

export interface ReportRow {
  article_id: string;
  seq: number;
  event_id: string;
  url: string;
  title: string;
  site: string | null;
  report: string;
  first_seen: string;
  [key: string]: unknown;
}

interface EntryRow {
  id: string;
  type: EventType;
  us: string;
  ru: string;
  place: string | null;
  date: string | null;
  [key: string]: unknown;
}

const parse = (s: string) => JSON.parse(s) as string[];
const key = (e: DiplomaticEvent) => JSON.stringify(e);

/**
 * Whether a report joins an entry across articles: the merge rule, and — when a date is missing on
 * either side — a named person shared on each side, so two undated "US sanctions on Russia" in
 * unrelated articles do not become one entry.
 */
export function joinsEntry(
  report: DiplomaticEvent,
  entry: Pick<DiplomaticEvent, 'type' | 'us' | 'ru' | 'date' | 'place'>,
): boolean {
  if (!sameEvent(report, entry)) return false;
  if (report.date && entry.date) return true;
  const named = (a: string[], b: string[]) =>
    a.some((n) => !STATE_NAMES.has(n)) && b.some((n) => !STATE_NAMES.has(n)) && peopleOverlap(a, b);
  return named(report.us, entry.us) && named(report.ru, entry.ru);
}

/** A timeline entry that storing an article created, or whose status it changed. */
export interface EntryChange {
  eventId: string;
  status: EventStatus;
  created: boolean;
}

/** The status of each entry an article's reports touch, before it changed them (null: no entry yet). */
class StatusBefore {
  readonly seen = new Map<string, EventStatus | null>();
  constructor(private readonly tx: SqlClient) {}

  async note(eventId: string): Promise<void> {
    if (this.seen.has(eventId)) return;
    const [row] = await this.tx.query<{ status: EventStatus }>('SELECT status FROM events WHERE id = $1', [eventId]);
    this.seen.set(eventId, row?.status ?? null);
  }

  /** The entries that exist now and were created or changed status since they were noted. */
  async changes(): Promise<EntryChange[]> {
    const out: EntryChange[] = [];
    for (const [eventId, before] of this.seen) {
      const [row] = await this.tx.query<{ status: EventStatus }>('SELECT status FROM events WHERE id = $1', [eventId]);
      if (row && row.status !== before) out.push({ eventId, status: row.status, created: before === null });
    }
    return out;
  }
}

/**
 * Replaces an article's reports with `events` and re-merges the entries they touch; gives the entries
 * it created or whose status changed (what watches hear of).
 */
export async function storeReports(
  tx: SqlClient,
  source: ReportSource,
  events: readonly DiplomaticEvent[],
): Promise<EntryChange[]> {
  const old = await tx.query<ReportRow>('SELECT * FROM event_reports WHERE article_id = $1 ORDER BY seq', [
    source.articleId,
  ]);
  if (old.length === events.length && old.every((r, i) => r.report === key(events[i]!) && r.site === source.site))
    return [];
  const firstSeen = new Map(old.map((r) => [r.report, r.first_seen]));
  const touched = new Set(old.map((r) => r.event_id));
  const before = new StatusBefore(tx);
  for (const id of touched) await before.note(id);
  await tx.query('DELETE FROM event_reports WHERE article_id = $1', [source.articleId]);
  for (const id of touched) await refreshEntry(tx, id);
  for (const [seq, e] of events.entries()) {
    const seen = firstSeen.get(key(e)) ?? source.seenAt;
    const candidates = await candidatesFor(tx, e);
    const match = candidates
      .map((c) => ({ id: c.id, type: c.type, us: parse(c.us), ru: parse(c.ru), place: c.place, date: c.date }))
      .filter((c) => joinsEntry(e, c))
      .sort((a, b) => score(e, b) - score(e, a) || a.id.localeCompare(b.id))[0];
    const eventId = match?.id ?? entryId(source.articleId, seq, e);
    await before.note(eventId);
    if (!match) {
      await tx.query(
        `INSERT INTO events (id, type, status, us, ru, initiator, place, date, sort_date, first_seen, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
        [
          eventId,
          e.type,
          e.status,
          JSON.stringify(e.us),
          JSON.stringify(e.ru),
          e.initiator,
          e.place,
          e.date,
          sortDate(e.date, seen),
          seen,
        ],
      );
    }
    await tx.query(
      `INSERT INTO event_reports (article_id, seq, event_id, url, title, site, report, evidence, first_seen)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [source.articleId, seq, eventId, source.url, source.title, source.site, key(e), e.evidence, seen],
    );
    await refreshEntry(tx, eventId);
  }
  return before.changes();
}

const DAY_MS = 86_400_000;

/**
 * Entries a report may join, found by index: of its type, and either dated near its date or
 * sharing one of its named people (the only way an undated report joins; see joinsEntry).
 */
async function candidatesFor(tx: SqlClient, e: DiplomaticEvent): Promise<EntryRow[]> {
  const named = [...e.us, ...e.ru].filter((n) => !STATE_NAMES.has(n));
  const params: (string | null)[] = [e.type];
  const or: string[] = [];
  if (named.length) {
    const list = named.map((n) => {
      params.push(n);
      return `$${params.length}`;
    });
    or.push(`id IN (SELECT event_id FROM event_people WHERE name IN (${list.join(', ')}))`);
  }
  if (e.date) {
    const day = e.date.length === 10 ? Date.parse(e.date) : null;
    const lo = day === null ? e.date : new Date(day - DAY_MS).toISOString().slice(0, 7);
    const hi = day === null ? `${e.date}-99` : `${new Date(day + DAY_MS).toISOString().slice(0, 10)}`;
    params.push(lo, hi);
    or.push(`(date >= $${params.length - 1} AND date <= $${params.length})`);
  }
  if (or.length === 0) return [];
  return tx.query<EntryRow>(
    `SELECT id, type, us, ru, place, date FROM events WHERE type = $1 AND (${or.join(' OR ')})`,
    params,
  );
}

/** Drops an article's reports (it was judged not relevant after all) and re-merges their entries. */
export async function dropReports(tx: SqlClient, articleId: string): Promise<void> {
  const old = await tx.query<{ event_id: string }>(
    'SELECT DISTINCT event_id FROM event_reports WHERE article_id = $1',
    [articleId],
  );
  if (old.length === 0) return;
  await tx.query('DELETE FROM event_reports WHERE article_id = $1', [articleId]);
  for (const r of old) await refreshEntry(tx, r.event_id);
}

/** How well a report fits an entry: an exact date and shared named people count. */
function score(e: DiplomaticEvent, c: Pick<DiplomaticEvent, 'us' | 'ru' | 'date' | 'place'>): number {
  const shared = (a: string[], b: string[]) => a.filter((n) => !STATE_NAMES.has(n) && b.includes(n)).length;
  return (
    (e.date && e.date === c.date ? 4 : 0) +
    (e.place && e.place === c.place ? 2 : 0) +
    shared(e.us, c.us) +
    shared(e.ru, c.ru)
  );
}

function entryId(articleId: string, seq: number, e: DiplomaticEvent): string {
  return `ev${createHash('sha1')
    .update(`${articleId}\n${seq}\n${key(e)}`)
    .digest('hex')
    .slice(0, 18)}`;
}

/** The day an entry sorts and filters by: its date (a month as its first day), else when first seen. */
export function sortDate(date: string | null, firstSeen: string): string {
  if (date?.length === 10) return date;
  if (date?.length === 7) return `${date}-01`;
  return firstSeen.slice(0, 10);
}

/**
 * An entry is what its reports say together: held once any report says it happened, else
 * cancelled once any says it was called off, else planned; the people of all reports; the most
 * precise date; the place most reports give; first seen = the earliest report.
 */
export async function refreshEntry(tx: SqlClient, eventId: string): Promise<void> {
  const rows = await tx.query<ReportRow>(
    'SELECT * FROM event_reports WHERE event_id = $1 ORDER BY first_seen, article_id, seq',
    [eventId],
  );
  if (rows.length === 0) {
    await tx.query('DELETE FROM events WHERE id = $1', [eventId]);
    return;
  }
  const reports = rows.map((r) => JSON.parse(r.report) as DiplomaticEvent);
  const statuses = new Set<EventStatus>(reports.map((r) => r.status));
  const status: EventStatus = statuses.has('held') ? 'held' : statuses.has('cancelled') ? 'cancelled' : 'planned';
  let us: string[] = [];
  let ru: string[] = [];
  let date: string | null = null;
  const places = new Map<string, number>();
  for (const r of reports) {
    us = unionPeople(us, r.us);
    ru = unionPeople(ru, r.ru);
    date = preciseDate(date, r.date);
    if (r.place) places.set(r.place, (places.get(r.place) ?? 0) + 1);
  }
  const place = [...places.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const initiator = reports.find((r) => r.initiator)?.initiator ?? null;
  const firstSeen = rows[0]!.first_seen;
  const updated = rows
    .map((r) => r.first_seen)
    .sort()
    .at(-1)!;
  await tx.query(
    `UPDATE events SET status = $2, us = $3, ru = $4, initiator = $5, place = $6, date = $7, sort_date = $8,
       first_seen = $9, updated_at = $10 WHERE id = $1`,
    [
      eventId,
      status,
      JSON.stringify(us),
      JSON.stringify(ru),
      initiator,
      place,
      date,
      sortDate(date, firstSeen),
      firstSeen,
      updated,
    ],
  );
  await tx.query('DELETE FROM event_people WHERE event_id = $1', [eventId]);
  const people = [...us.map((n) => ['us', n] as const), ...ru.map((n) => ['ru', n] as const)];
  await tx.query(
    `INSERT INTO event_people (event_id, side, name) VALUES ${people.map((_, i) => `($1, $${i * 2 + 2}, $${i * 2 + 3})`).join(', ')}`,
    [eventId, ...people.flat()],
  );
}

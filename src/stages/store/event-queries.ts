/**
 * Reading the timeline: filtered pages of entries with their reports, one entry, an article's
 * entries, upcoming planned entries, and the counts the charts need (per month by type, the most
 * frequent US–Russia people pairs). One set of queries for SQLite and PostgreSQL.
 */
import type { DiplomaticEvent, EventStatus, EventType } from '../events/types.js';
import { STATE_NAMES } from '../events/merge.js';
import type { SqlClient, SqlValue } from './sql-client.js';

/** Filters of a timeline listing; dates compare with the entry's date (a month as its first day). */
export interface EventQuery {
  type?: EventType;
  /** Part of a person's name on either side, case-insensitive ("lavrov"). */
  actor?: string;
  /** YYYY-MM-DD (or YYYY-MM), inclusive. */
  from?: string;
  to?: string;
  status?: EventStatus;
  /** A site one of its reports came from. */
  site?: string;
  limit?: number;
  offset?: number;
}

/** One article's report of an entry. */
export interface EventReport {
  articleId: string;
  url: string;
  title: string;
  site: string | null;
  evidence: string;
  firstSeen: string;
  /** What this report said (its own status, date and place). */
  status: EventStatus;
  date: string | null;
  place: string | null;
}

/** A timeline entry: one real-world event (an event's fields, merged over its reports) and every report of it. */
export interface TimelineEntry extends Omit<DiplomaticEvent, 'evidence'> {
  id: string;
  firstSeen: string;
  updatedAt: string;
  reports: EventReport[];
}

export interface EventPage {
  total: number;
  events: TimelineEntry[];
}

export const DEFAULT_EVENT_LIMIT = 50;
export const MAX_EVENT_LIMIT = 1_000;

interface EventRow {
  id: string;
  type: EventType;
  status: EventStatus;
  us: string;
  ru: string;
  initiator: 'us' | 'ru' | null;
  place: string | null;
  date: string | null;
  first_seen: string;
  updated_at: string;
  [key: string]: unknown;
}

const COLUMNS = 'e.id, e.type, e.status, e.us, e.ru, e.initiator, e.place, e.date, e.first_seen, e.updated_at';

function filters(q: EventQuery): { where: string; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const p = (v: SqlValue) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.type) where.push(`e.type = ${p(q.type)}`);
  if (q.status) where.push(`e.status = ${p(q.status)}`);
  if (q.actor) {
    const like = p(`%${q.actor.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(
      `EXISTS (SELECT 1 FROM event_people x WHERE x.event_id = e.id AND LOWER(x.name) LIKE ${like} ESCAPE '\\')`,
    );
  }
  if (q.site)
    where.push(
      `EXISTS (SELECT 1 FROM event_reports r WHERE r.event_id = e.id AND LOWER(r.site) = ${p(q.site.toLowerCase())})`,
    );
  if (q.from) where.push(`e.sort_date >= ${p(q.from.length === 7 ? `${q.from}-01` : q.from.slice(0, 10))}`);
  if (q.to) where.push(`e.sort_date <= ${p(q.to.length === 7 ? `${q.to}-31` : q.to.slice(0, 10))}`);
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** Reads the timeline. */
export class EventQueries {
  constructor(private readonly db: SqlClient) {}

  /** A page of entries, newest first, and how many match. */
  async listEvents(q: EventQuery = {}): Promise<EventPage> {
    const { where, params } = filters(q);
    const limit = Math.min(Math.max(1, q.limit ?? DEFAULT_EVENT_LIMIT), MAX_EVENT_LIMIT);
    const offset = Math.max(0, q.offset ?? 0);
    const [rows, [count]] = await Promise.all([
      this.db.query<EventRow>(
        `SELECT ${COLUMNS} FROM events e ${where} ORDER BY e.sort_date DESC, e.id LIMIT ${limit} OFFSET ${offset}`,
        params,
      ),
      this.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM events e ${where}`, params),
    ]);
    return { total: Number(count?.n ?? 0), events: await this.withReports(rows) };
  }

  async getEvent(id: string): Promise<TimelineEntry | null> {
    const rows = await this.db.query<EventRow>(`SELECT ${COLUMNS} FROM events e WHERE e.id = $1`, [id]);
    return (await this.withReports(rows))[0] ?? null;
  }

  /** The entries an article (any URL of its story) reports, newest first. */
  async eventsOfArticle(articleId: string): Promise<TimelineEntry[]> {
    const rows = await this.db.query<EventRow>(
      `SELECT ${COLUMNS} FROM events e WHERE e.id IN (SELECT r.event_id FROM event_reports r WHERE r.article_id = $1
         OR r.article_id IN (SELECT c.id FROM article_copies c WHERE c.article_id = $1)) ORDER BY e.sort_date DESC, e.id`,
      [articleId],
    );
    return this.withReports(rows);
  }

  /** Planned entries on or after `today` (YYYY-MM-DD; a month-only date counts from its first day), soonest first. */
  async upcomingEvents(today: string, limit = DEFAULT_EVENT_LIMIT): Promise<TimelineEntry[]> {
    const rows = await this.db.query<EventRow>(
      `SELECT ${COLUMNS} FROM events e WHERE e.status = 'planned' AND e.sort_date >= $1 ORDER BY e.sort_date, e.id LIMIT ${Math.min(limit, MAX_EVENT_LIMIT)}`,
      [today.slice(0, 7) + '-01'],
    );
    return this.withReports(rows);
  }

  /** Entries grouped by month (YYYY-MM of their date, else of first seen), newest month first. */
  async timelineByMonth(q: EventQuery = {}): Promise<{ month: string; events: TimelineEntry[] }[]> {
    const { events } = await this.listEvents(q);
    const months = new Map<string, TimelineEntry[]>();
    for (const e of events) {
      const month = (e.date ?? e.firstSeen).slice(0, 7);
      months.set(month, [...(months.get(month) ?? []), e]);
    }
    return [...months.entries()].map(([month, list]) => ({ month, events: list }));
  }

  /** How many entries per month and type, oldest month first (for a chart). */
  async eventsPerMonth(
    q: Pick<EventQuery, 'from' | 'to'> = {},
  ): Promise<{ month: string; type: EventType; count: number }[]> {
    const { where, params } = filters(q);
    const rows = await this.db.query<{ month: string; type: EventType; n: number | string }>(
      `SELECT SUBSTR(e.sort_date, 1, 7) AS month, e.type, COUNT(*) AS n FROM events e ${where}
       GROUP BY SUBSTR(e.sort_date, 1, 7), e.type ORDER BY month, e.type`,
      params,
    );
    return rows.map((r) => ({ month: r.month, type: r.type, count: Number(r.n) }));
  }

  /** The US–Russia pairs of named people who share the most entries. */
  async topPairs(limit = 10): Promise<{ us: string; ru: string; count: number }[]> {
    const states = [...STATE_NAMES];
    const list = states.map((_, i) => `$${i + 1}`).join(', ');
    const rows = await this.db.query<{ us: string; ru: string; n: number | string }>(
      `SELECT u.name AS us, r.name AS ru, COUNT(*) AS n FROM event_people u
       JOIN event_people r ON r.event_id = u.event_id AND r.side = 'ru'
       WHERE u.side = 'us' AND u.name NOT IN (${list}) AND r.name NOT IN (${list})
       GROUP BY u.name, r.name ORDER BY COUNT(*) DESC, u.name, r.name LIMIT ${Math.min(Math.max(1, limit), 100)}`,
      states,
    );
    return rows.map((r) => ({ us: r.us, ru: r.ru, count: Number(r.n) }));
  }

  private async withReports(rows: EventRow[]): Promise<TimelineEntry[]> {
    if (rows.length === 0) return [];
    const reports = await this.db.query<{
      event_id: string;
      article_id: string;
      url: string;
      title: string;
      site: string | null;
      evidence: string;
      first_seen: string;
      report: string;
    }>(
      `SELECT event_id, article_id, url, title, site, evidence, first_seen, report FROM event_reports
       WHERE event_id IN (${rows.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY first_seen, article_id, seq`,
      rows.map((r) => r.id),
    );
    const byEvent = new Map<string, EventReport[]>();
    for (const r of reports) {
      const said = JSON.parse(r.report) as DiplomaticEvent;
      const list = byEvent.get(r.event_id) ?? [];
      list.push({
        articleId: r.article_id,
        url: r.url,
        title: r.title,
        site: r.site,
        evidence: r.evidence,
        firstSeen: r.first_seen,
        status: said.status,
        date: said.date,
        place: said.place,
      });
      byEvent.set(r.event_id, list);
    }
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      status: r.status,
      us: JSON.parse(r.us) as string[],
      ru: JSON.parse(r.ru) as string[],
      initiator: r.initiator,
      place: r.place,
      date: r.date,
      firstSeen: r.first_seen,
      updatedAt: r.updated_at,
      reports: byEvent.get(r.id) ?? [],
    }));
  }
}

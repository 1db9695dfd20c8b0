/**
 * The counts Parley's charts and the stats page read: articles per week by topic, and stories per
 * day by publication date and, apart, by the day they were stored. Each query reads a bounded
 * window through an index (see the "chart counts" migration), and the topic chart reads counts
 * kept per day (chart-counts.ts), so it does not grow with the articles its weeks hold.
 */
import { SOURCE_KINDS } from '../../shared/contracts.js';
import { TOPIC_DAYS_SQL } from './chart-counts.js';
import type { SqlClient } from './sql-client.js';

/** Counts of one week (its Monday, YYYY-MM-DD) per topic. */
export interface TopicWeek {
  week: string;
  topic: string;
  count: number;
}

/** Articles of one week (its Monday) from one kind of source; `kind` null: no kind given. */
export interface KindWeek {
  week: string;
  kind: string | null;
  count: number;
}

/**
 * Articles per day and source kind in [$1, $2): each half seeks the (source_kind, sort_at) index
 * and reads only it (a covering index on SQLite, an index-only scan on PostgreSQL), kind by kind.
 */
export const KIND_DAYS_SQL = `SELECT source_kind AS kind, SUBSTR(sort_at, 1, 10) AS day, COUNT(*) AS n FROM articles
  WHERE source_kind IN (${SOURCE_KINDS.map((_, i) => `$${i + 3}`).join(', ')}) AND sort_at >= $1 AND sort_at < $2
  GROUP BY source_kind, SUBSTR(sort_at, 1, 10)
UNION ALL
SELECT NULL AS kind, SUBSTR(sort_at, 1, 10) AS day, COUNT(*) AS n FROM articles
  WHERE source_kind IS NULL AND sort_at >= $1 AND sort_at < $2
  GROUP BY SUBSTR(sort_at, 1, 10)`;

export interface DayCount {
  day: string;
  count: number;
}

const DAY_MS = 86_400_000;

/** The Monday (UTC) of the week holding `day` (YYYY-MM-DD). */
export function mondayOf(day: string): string {
  const t = Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(t - weekday * DAY_MS).toISOString().slice(0, 10);
}

/** `day` moved by `days` (YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Dates in the future beyond this are not the end of a chart's window: a page that claims to be
 * published years ahead should not push every real week off the chart.
 */
const FUTURE_SLACK_DAYS = 1;

export class ChartQueries {
  constructor(private readonly db: SqlClient) {}

  /** The chart's window: the `weeks` Mondays ending with the newest article's week, or [] when none. */
  private async weekWindow(weeks: number, today: string): Promise<string[]> {
    const limit = addDays(today, FUTURE_SLACK_DAYS) + 'T';
    const [newest] = await this.db.query<{ at: string | null }>(
      'SELECT MAX(sort_at) AS at FROM articles WHERE sort_at < $1',
      [limit],
    );
    if (!newest?.at) return [];
    const first = addDays(mondayOf(newest.at), -7 * (weeks - 1));
    return Array.from({ length: weeks }, (_, i) => addDays(first, 7 * i));
  }

  /**
   * Articles per week and kind of source (official, wire, …; null for none given) over the same
   * window as articlesPerWeek, oldest week first. Each article counts once.
   */
  async articlesPerWeekByKind(weeks: number, today: string): Promise<{ weeks: string[]; counts: KindWeek[] }> {
    const all = await this.weekWindow(weeks, today);
    if (all.length === 0) return { weeks: [], counts: [] };
    const rows = await this.db.query<{ kind: string | null; day: string; n: number | string }>(KIND_DAYS_SQL, [
      all[0]!,
      addDays(all.at(-1)!, 7),
      ...SOURCE_KINDS,
    ]);
    const byKey = new Map<string, KindWeek>();
    for (const r of rows) {
      const week = mondayOf(r.day);
      const key = `${week} ${r.kind ?? ''}`;
      const entry = byKey.get(key) ?? { week, kind: r.kind ?? null, count: 0 };
      entry.count += Number(r.n);
      byKey.set(key, entry);
    }
    const counts = [...byKey.values()].sort(
      (a, b) => a.week.localeCompare(b.week) || (a.kind ?? '').localeCompare(b.kind ?? ''),
    );
    return { weeks: all, counts };
  }

  /**
   * Articles per week and topic for the `weeks` weeks that end with the newest article dated up to
   * `today` (published, else stored), oldest week first. Weeks start on Monday (UTC).
   */
  async articlesPerWeek(weeks: number, today: string): Promise<{ weeks: string[]; counts: TopicWeek[] }> {
    const all = await this.weekWindow(weeks, today);
    if (all.length === 0) return { weeks: [], counts: [] };
    const [first, last] = [all[0]!, all.at(-1)!];
    // Counted per day as articles are written (chart-counts.ts), summed by week here.
    const rows = await this.db.query<{ day: string; topic: string; n: number | string }>(TOPIC_DAYS_SQL, [
      first,
      addDays(last, 7),
    ]);
    const byKey = new Map<string, TopicWeek>();
    for (const r of rows) {
      const week = mondayOf(r.day);
      const key = `${week} ${r.topic}`;
      const entry = byKey.get(key) ?? { week, topic: r.topic, count: 0 };
      entry.count += Number(r.n);
      byKey.set(key, entry);
    }
    const counts = [...byKey.values()].sort((a, b) => a.week.localeCompare(b.week) || a.topic.localeCompare(b.topic));
    return { weeks: all, counts };
  }

  /**
   * The months (YYYY-MM) of the oldest timeline entry and of the newest dated up to a year after
   * `today` (planned events lie ahead), or null when there is none.
   */
  async eventMonths(today: string): Promise<{ first: string; last: string } | null> {
    const [row] = await this.db.query<{ first: string | null; last: string | null }>(
      'SELECT MIN(sort_date) AS first, MAX(sort_date) AS last FROM events WHERE sort_date <= $1',
      [addDays(today, 366)],
    );
    return row?.first && row.last ? { first: row.first.slice(0, 7), last: row.last.slice(0, 7) } : null;
  }

  /** Stories per publication day, for the `days` days ending at the newest publication day up to `today`; newest first. */
  publishedPerDay(days: number, today: string): Promise<DayCount[]> {
    return this.perDay('published_at', days, today);
  }

  /** Stories per day they were stored (first stored, whatever their publication date), newest first. */
  storedPerDay(days: number, today: string): Promise<DayCount[]> {
    return this.perDay('stored_at', days, today);
  }

  private async perDay(column: 'published_at' | 'stored_at', days: number, today: string): Promise<DayCount[]> {
    const limit = addDays(today, FUTURE_SLACK_DAYS) + 'T';
    const [newest] = await this.db.query<{ at: string | null }>(
      `SELECT MAX(${column}) AS at FROM articles WHERE ${column} < $1`,
      [limit],
    );
    if (!newest?.at) return [];
    const from = addDays(newest.at, -(days - 1));
    const rows = await this.db.query<{ day: string; n: number | string }>(
      `SELECT SUBSTR(${column}, 1, 10) AS day, COUNT(*) AS n FROM articles
       WHERE ${column} >= $1 AND ${column} < $2 GROUP BY SUBSTR(${column}, 1, 10) ORDER BY day DESC`,
      [from, addDays(newest.at, 1)],
    );
    return rows.map((r) => ({ day: r.day, count: Number(r.n) }));
  }
}

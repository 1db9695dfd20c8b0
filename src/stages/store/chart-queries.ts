/**
 * The counts Parley's charts and the stats page read: articles per week by topic, and stories per
 * day by publication date and, apart, by the day they were stored. Each query reads a bounded
 * window through an index (see the "chart counts" migration), so it stays fast at any store size.
 */
import type { SqlClient } from './sql-client.js';

/** Counts of one week (its Monday, YYYY-MM-DD) per topic. */
export interface TopicWeek {
  week: string;
  topic: string;
  count: number;
}

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

  /**
   * Articles per week and topic for the `weeks` weeks that end with the newest article dated up to
   * `today` (published, else stored), oldest week first. Weeks start on Monday (UTC).
   */
  async articlesPerWeek(weeks: number, today: string): Promise<{ weeks: string[]; counts: TopicWeek[] }> {
    const limit = addDays(today, FUTURE_SLACK_DAYS) + 'T';
    const [newest] = await this.db.query<{ at: string | null }>(
      'SELECT MAX(sort_at) AS at FROM articles WHERE sort_at < $1',
      [limit],
    );
    if (!newest?.at) return { weeks: [], counts: [] };
    const last = mondayOf(newest.at);
    const first = addDays(last, -7 * (weeks - 1));
    const all = Array.from({ length: weeks }, (_, i) => addDays(first, 7 * i));
    // Grouped by day in SQL (the same text functions on both databases), by week here.
    const rows = await this.db.query<{ day: string; topic: string; n: number | string }>(
      `SELECT SUBSTR(a.sort_at, 1, 10) AS day, t.topic, COUNT(*) AS n FROM articles a
       JOIN article_topics t ON t.article_id = a.id
       WHERE a.sort_at >= $1 AND a.sort_at < $2 GROUP BY SUBSTR(a.sort_at, 1, 10), t.topic`,
      [first, addDays(last, 7)],
    );
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

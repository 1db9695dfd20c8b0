/**
 * Each chart with its query: what /events and /stats show, and what `npm run bench -- store` times.
 */
import type { ArticleStore } from '../../stages/store/article-store.js';
import type { EventQuery } from '../../stages/store/event-queries.js';
import type { SafeHtml } from '../html.js';
import { articlesPerWeekChart, eventsPerMonthChart, topPairsChart } from './charts.js';
import { articlesPerWeekByKindChart } from './kind-chart.js';

/** Weeks on the topic chart: half a year, enough to see a story rise and fade. */
export const CHART_WEEKS = 26;
/**
 * Most months on the events chart when no date filter is given: ten years, so every month from the
 * first entry to the last shows (an older start is cut), and a bar stays wide enough to read.
 */
export const CHART_MONTHS = 120;
/** Pairs on the people chart. */
export const CHART_PAIRS = 10;

const today = () => new Date().toISOString().slice(0, 10);

/** Months from `from` to `to` (YYYY-MM), both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while ((y < ty || (y === ty && m <= tm)) && out.length < 1_200) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return out;
}

function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - (n - 1);
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export async function topicsChart(store: ArticleStore, weeks = CHART_WEEKS): Promise<SafeHtml> {
  const data = await store.charts.articlesPerWeek(weeks, today());
  return articlesPerWeekChart(data.weeks, data.counts);
}

export async function kindsChart(store: ArticleStore, weeks = CHART_WEEKS): Promise<SafeHtml> {
  const data = await store.charts.articlesPerWeekByKind(weeks, today());
  return articlesPerWeekByKindChart(data.weeks, data.counts);
}

/**
 * Events per month in the filter's from/to (months), else from the first entry's month to the
 * newest's (at most a year ahead: planned events), at most CHART_MONTHS.
 */
export async function eventsChart(store: ArticleStore, q: Pick<EventQuery, 'from' | 'to'> = {}): Promise<SafeHtml> {
  const span = q.from && q.to ? null : await store.charts.eventMonths(today());
  const to = q.to?.slice(0, 7) ?? span?.last;
  const from = q.from?.slice(0, 7) ?? span?.first;
  if (!to || !from) return eventsPerMonthChart([], []);
  const earliest = monthsBefore(to, CHART_MONTHS);
  const start = from < earliest ? earliest : from;
  const months = monthsBetween(start, to);
  // Only the months shown are counted: the query reads a window of at most CHART_MONTHS.
  const counts = await store.events.eventsPerMonth({ from: `${start}-01`, to: `${to}-31` });
  return eventsPerMonthChart(months, counts);
}

export async function pairsChart(store: ArticleStore, limit = CHART_PAIRS): Promise<SafeHtml> {
  return topPairsChart(await store.events.topPairs(limit));
}

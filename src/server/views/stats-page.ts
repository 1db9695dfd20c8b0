/** The /stats page: the charts, the counts, and stories per day by publication and by storage date. */
import type { DayCount } from '../../stages/store/chart-queries.js';
import type { StoreStats } from '../../stages/store/article-store.js';
import { html, layout, type SafeHtml } from '../html.js';

export interface StatsView {
  stats: StoreStats;
  charts: SafeHtml[];
  published: DayCount[];
  stored: DayCount[];
  /** Jobs per state of each stage's queue. */
  queues: Record<string, Record<string, number>>;
}

function dayTable(caption: string, days: DayCount[]): SafeHtml {
  if (days.length === 0)
    return html`<table class="days"><caption>${caption}</caption><tbody><tr><td class="muted">none yet</td></tr></tbody></table>`;
  return html`<table class="days"><caption>${caption}</caption><thead><tr><th scope="col">Day</th><th scope="col">Stories</th></tr></thead><tbody>${days.map(
    (d) => html`<tr><td class="date">${d.day}</td><td class="num">${d.count}</td></tr>`,
  )}</tbody></table>`;
}

export function renderStats(v: StatsView, days: number): SafeHtml {
  const states = [...new Set(Object.values(v.queues).flatMap((c) => Object.keys(c)))];
  const queues = html`<table class="queues"><caption>Jobs in each stage's queue</caption><thead><tr><th scope="col">Stage</th>${states.map((s) => html`<th scope="col">${s}</th>`)}</tr></thead>
<tbody>${Object.entries(v.queues).map(([stage, c]) => html`<tr><th scope="row">${stage}</th>${states.map((s) => html`<td class="num">${c[s] ?? 0}</td>`)}</tr>`)}</tbody></table>`;
  return layout(
    'Parley — stats',
    html`<main class="stats-page"><h1>Stats</h1>
<p>${v.stats.stored} stories stored (${v.stats.copies} URLs), ${v.stats.skipped} articles skipped as not relevant. <a href="/api/stats">as JSON</a></p>
<section class="charts" aria-label="Charts">${v.charts}</section>
<h2>Stories per day</h2>
<p class="muted">The ${days} days up to the newest story in each count. By publication date: the date the page gives (stories without one are left out). By storage date: the day Parley first stored the story.</p>
<div class="day-tables">${dayTable('By publication date', v.published)}${dayTable('By storage date', v.stored)}</div>
<h2>Queues</h2><div class="table-box" tabindex="0" role="group" aria-label="Jobs in each stage's queue">${queues}</div></main>`,
  );
}

/** /status: the pipeline at a glance, reloaded by a meta refresh (no script). */
import { QUEUES_BASE } from './paths.js';
import { html, layout, type SafeHtml } from '../html.js';
import type { StatusData } from '../status-data.js';
import { barChart } from './bar-chart.js';
import { readableDate, relativeTime } from './dates.js';

/**
 * Reload intervals a person can choose. The page never reloads unless asked: a timed reload that
 * was not chosen disorients screen-reader users (WCAG 2.2.1), so it is a link, not the default.
 */
export const REFRESH_CHOICES = [15, 60] as const;

const up = (ok: boolean) => (ok ? html`<span class="ok">up</span>` : html`<span class="bad">down</span>`);

export function renderStatus(d: StatusData, refreshSeconds?: number): SafeHtml {
  const rows = d.stages.map((s) => {
    const done = s.perMinute.reduce((a, b) => a + b, 0);
    const chart = barChart(s.perMinute, {
      label: `${s.stage}: ${done} done in the last hour`,
      barTitle: (v, i) => `${v} done ${s.perMinute.length - 1 - i} min ago`,
    });
    return html`<tr><th scope="row"><a href="${QUEUES_BASE}/queue/${s.stage}">${s.stage}</a></th>
<td class="num">${s.waiting}</td><td class="num">${s.active}</td>
<td class="num">${s.held}</td><td class="num">${s.retrying}</td>
<td class="num${s.failed ? ' bad' : ''}">${s.failed ? html`<a href="${QUEUES_BASE}/queue/${s.stage}?status=failed">${s.failed}</a>` : '0'}</td>
<td class="num">${done}</td><td>${chart}</td></tr>`;
  });
  const failures = d.failures.length
    ? html`<table class="failures"><thead><tr><th scope="col">When</th><th scope="col">Stage</th><th scope="col">Article</th><th scope="col">Why</th></tr></thead><tbody>${d.failures.map(
        (f) =>
          html`<tr><td class="date">${f.at ? relativeTime(f.at, d.at) : ''}</td><td>${f.stage}</td>
<td class="wrap"><a href="${QUEUES_BASE}/queue/${f.stage}/${encodeURIComponent(f.jobId)}">${f.name}</a></td>
<td class="wrap">${f.reason}<span class="where"> · ${f.attempts} attempt${f.attempts === 1 ? '' : 's'}</span></td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">No failed jobs.</p>`;
  const feeds =
    d.feeds === null
      ? html`<p class="muted">Feeds are not known to this dashboard.</p>`
      : d.feeds.length === 0
        ? html`<p class="muted">No feed is failing.</p>`
        : html`<ul>${d.feeds.map(
            (f) =>
              html`<li class="wrap"><a href="/feeds">${f.url}</a> <span class="bad">${f.status}</span> — ${f.consecutiveErrors} errors in a row: ${f.lastError ?? ''}</li>`,
          )}</ul>`;
  return layout(
    'Status — Parley',
    html`<main><h1>Status</h1>
<p class="muted">As of ${readableDate(d.at)}. <a href="/status${refreshSeconds ? `?every=${refreshSeconds}` : ''}">Reload now</a> ·
${refreshSeconds ? html`reloading every ${refreshSeconds} s (<a href="/status">stop</a>)` : html`reload every ${REFRESH_CHOICES.map((n, i) => html`${i ? ' or ' : ''}<a href="/status?every=${n}">${n} s</a>`)}`}</p>
<section aria-labelledby="health"><h2 id="health">Health</h2>
<ul class="health"><li>Redis: ${up(d.redis)}</li><li>Store: ${up(d.store.up)}${d.store.stored !== undefined ? html` — ${d.store.stored} stored, <a href="/skipped">${d.store.skipped} skipped</a>` : ''}</li></ul></section>
<section aria-labelledby="stages"><h2 id="stages">Stages, in pipeline order</h2>
${
  d.redis
    ? html`<div class="scroll"><table class="stages"><thead><tr><th scope="col">Stage</th><th scope="col">Waiting</th><th scope="col">Active</th>
<th scope="col" title="delayed without a failure: waiting for its host's turn or for the store">Held (host's turn)</th>
<th scope="col" title="delayed after a failed attempt">Retrying</th><th scope="col">Failed</th><th scope="col">Done, last hour</th><th scope="col">Per minute</th></tr></thead>
<tbody>${rows}</tbody></table></div>
<p class="muted">Held jobs are not faults: a host is fetched at most once per interval (and as robots.txt's Crawl-delay asks), and jobs wait for the store when it does not answer.</p>`
    : html`<p class="bad">Redis does not answer: the queues cannot be read.</p>`
}</section>
<section aria-labelledby="failures"><h2 id="failures">Latest failures</h2>${failures}</section>
<section aria-labelledby="failing-feeds"><h2 id="failing-feeds">Failing feeds</h2>${feeds}</section></main>`,
    { refreshSeconds, current: '/status' },
  );
}

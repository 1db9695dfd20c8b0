/** /feeds: every registered feed, and forms to add, remove and poll one when actions are allowed. */
import { formatDuration } from '../../stages/feeds/duration.js';
import { feedId, POLL_HISTORY, type FeedRecord } from '../../stages/feeds/feed-registry.js';
import { formatAverage, newItemsPerPoll } from '../../stages/feeds/poll-counts.js';
import { html, layout, queryString, type SafeHtml } from '../html.js';
import { readableDate, relativeTime } from './dates.js';

export interface FeedsPageOptions {
  /** The hidden CSRF field for each form, or undefined when actions are not allowed. */
  csrf?: SafeHtml;
  /** What the last action did, or why it failed. */
  notice?: { ok: boolean; text: string };
  now?: number;
}

const when = (t: number | null, now: number) =>
  t === null
    ? 'never'
    : html`<time datetime="${new Date(t).toISOString()}" title="${readableDate(t)}">${relativeTime(t, now)}</time>`;

/** The id of a feed's row on /feeds, so another page can link to it (`/feeds#feed-…`). */
export const feedAnchor = (url: string) => `feed-${feedId(url)}`;

export function renderFeeds(
  feeds: FeedRecord[] | null,
  { csrf, notice, now = Date.now() }: FeedsPageOptions,
): SafeHtml {
  const action = (path: string, url: string, label: string) =>
    html`<form method="post" action="${path}" class="inline">${csrf}<input type="hidden" name="url" value="${url}"><button type="submit">${label}</button></form>`;
  const rows = (feeds ?? []).map(
    (
      f,
    ) => html`<tr id="${feedAnchor(f.url)}"><td class="wrap">${f.title ? html`<strong>${f.title}</strong><br>` : ''}<a href="${f.url}" rel="noreferrer noopener">${f.url}</a>
<a class="small" href="/${queryString({ feed: f.url })}">its articles</a>${f.lastError ? html`<div class="bad small">${f.lastError}</div>` : ''}</td>
<td><span class="${f.status === 'failing' || f.status === 'erroring' ? 'bad' : f.status === 'ok' ? 'ok' : ''}">${f.status}</span></td>
<td>${when(f.lastPollAt, now)}</td><td class="num">${newItemsPerPoll(f).last ?? '–'}</td><td class="num">${formatAverage(newItemsPerPoll(f).average)}</td>
<td class="num">${f.itemsSeen}</td><td class="num">${f.consecutiveErrors}</td>
<td>${when(f.nextPollAt, now)}</td><td>${formatDuration(f.everyMs)}</td>
${csrf ? html`<td class="actions">${action('/feeds/poll', f.url, 'Poll now')} ${action('/feeds/remove', f.url, 'Remove')}</td>` : ''}</tr>`,
  );
  const table =
    feeds === null
      ? html`<p class="muted">Feeds are not known to this dashboard.</p>`
      : feeds.length === 0
        ? html`<p class="muted">No feeds yet.${csrf ? '' : ' Add one with: npm run feeds -- add URL'}</p>`
        : html`<div class="scroll"><table class="feeds"><thead><tr><th scope="col">Feed</th><th scope="col">Status</th><th scope="col">Last poll</th>
<th scope="col" title="new items the last successful poll brought">New, last poll</th>
<th scope="col" title="mean new items per successful poll, over the last ${POLL_HISTORY} polls">New per poll (mean of ${POLL_HISTORY})</th>
<th scope="col" title="items seen in all polls">Items seen</th><th scope="col" title="failed polls in a row">Errors in a row</th><th scope="col">Next poll</th><th scope="col">Every</th>${csrf ? html`<th scope="col">Actions</th>` : ''}</tr></thead>
<tbody>${rows}</tbody></table></div>`;
  const add = csrf
    ? html`<h2>Add a feed</h2><form method="post" action="/feeds/add" class="filters">${csrf}
<label>Feed URL <input type="url" name="url" required placeholder="https://example.org/rss.xml"></label>
<label>Poll every <input type="text" name="every" value="15m" size="6" pattern="[0-9smhd. ]+" title="e.g. 15m, 1h, 1d"></label>
<button type="submit">Add</button></form>`
    : html`<p class="muted">Adding, removing and polling from this page need DASHBOARD_ALLOW_ACTIONS=1; the CLI does the same: <code>npm run feeds -- add URL</code>, <code>import FILE.opml</code>, <code>export</code>.</p>`;
  return layout(
    'Feeds — Parley',
    html`<main><h1>Feeds</h1>
${notice ? html`<p class="${notice.ok ? 'notice' : 'error'}" role="status">${notice.text}</p>` : ''}
${table}
${add}</main>`,
    { current: '/feeds' },
  );
}

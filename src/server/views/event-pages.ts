/** The /events page (filters, upcoming, charts, the timeline by month) and one entry's page. */
import { EVENT_STATUSES, EVENT_TYPES } from '../../stages/events/types.js';
import {
  DEFAULT_EVENT_LIMIT,
  type EventPage,
  type EventQuery,
  type TimelineEntry,
} from '../../stages/store/event-queries.js';
import { html, joinHtml, layout, queryString, type SafeHtml } from '../html.js';
import { dateText, entryItem, entryTitle, reportItem, statusBadge } from './event-parts.js';

type Filters = Pick<EventQuery, 'type' | 'actor' | 'status' | 'from' | 'to'>;

export interface EventsView {
  query: Filters & { limit: number; offset: number };
  page: EventPage;
  upcoming: TimelineEntry[];
  charts: SafeHtml[];
  /** Why the filters were put aside (a bad parameter), shown above the list. */
  error?: string;
  /** The raw values typed, kept in the form even when one was refused. */
  typed?: Record<string, string | undefined>;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2017-04" as "April 2017". */
function monthName(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTH_NAMES[Number(m) - 1] ?? m} ${y}`;
}

function filterParams(q: Filters): Record<string, string | undefined> {
  return { type: q.type, actor: q.actor, status: q.status, from: q.from, to: q.to };
}

/** The filter form: every field with a visible label, sent as GET so a filtered view is a link. */
function filterForm(values: Record<string, string | undefined>): SafeHtml {
  const select = (name: string, label: string, options: readonly string[]) =>
    html`<span class="field"><label for="ev-${name}">${label}</label><select id="ev-${name}" name="${name}"><option value="">any</option>${options.map(
      (o) => html`<option${values[name] === o ? html` selected` : ''}>${o}</option>`,
    )}</select></span>`;
  const input = (name: string, label: string, placeholder: string) =>
    html`<span class="field"><label for="ev-${name}">${label}</label><input type="text" id="ev-${name}" name="${name}" value="${values[name] ?? ''}" placeholder="${placeholder}"></span>`;
  const filtered = Object.values(values).some(Boolean);
  return html`<form class="filters event-filters" method="get" action="/events" aria-label="Filter events">
${select('type', 'Type', EVENT_TYPES)} ${input('actor', 'Person', 'e.g. Lavrov')} ${select('status', 'Status', EVENT_STATUSES)}
${input('from', 'From', 'YYYY-MM-DD or YYYY-MM')} ${input('to', 'To', 'YYYY-MM-DD or YYYY-MM')}
<button type="submit">Filter</button>${filtered ? html` <a href="/events">clear</a>` : ''}</form>`;
}

/** Entries grouped by month (of their date, else when first reported), in the order given. */
export function byMonth(entries: readonly TimelineEntry[]): { month: string; events: TimelineEntry[] }[] {
  const months = new Map<string, TimelineEntry[]>();
  for (const e of entries) {
    const month = (e.date ?? e.firstSeen).slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), e]);
  }
  return [...months.entries()].map(([month, events]) => ({ month, events }));
}

export function renderEvents(v: EventsView): SafeHtml {
  const { query, page } = v;
  // The page size travels with the pages when it is not the usual one.
  const params = {
    ...filterParams(query),
    limit: query.limit === DEFAULT_EVENT_LIMIT ? undefined : String(query.limit),
  };
  const last = query.offset + page.events.length;
  const timeline = byMonth(page.events).map(
    (g) =>
      html`<section class="month"><h3 id="m-${g.month}">${monthName(g.month)}</h3><ol class="timeline">${joinHtml(g.events.map(entryItem), '\n')}</ol></section>`,
  );
  const pager = joinHtml(
    [
      query.offset > 0
        ? html`<a rel="prev" href="/events${queryString({ ...params, offset: Math.max(0, query.offset - query.limit) || undefined })}">← newer</a>`
        : '',
      last < page.total
        ? html`<a rel="next" href="/events${queryString({ ...params, offset: last })}">older →</a>`
        : '',
    ],
    ' ',
  );
  const upcoming = v.upcoming.length
    ? html`<ol class="timeline">${joinHtml(v.upcoming.map(entryItem), '\n')}</ol>`
    : html`<p class="muted">No planned events ahead.</p>`;
  return layout(
    'Parley — events',
    html`<main class="events-page"><h1>US–Russia diplomatic events</h1>
<p class="muted">Meetings, calls, agreements, sanctions, expulsions and vetoes found in the stored articles; every report of one real-world event is merged into one entry.</p>
${filterForm(v.typed ?? filterParams(query))}
${v.error ? html`<p class="error" role="alert">${v.error}</p>` : ''}
<section class="upcoming" aria-labelledby="upcoming-h"><h2 id="upcoming-h">Upcoming</h2>${upcoming}</section>
<section class="charts" aria-label="Charts">${v.charts}</section>
<section aria-labelledby="timeline-h"><h2 id="timeline-h">Timeline</h2>
<p class="muted results">${page.total === 0 ? 'No events match.' : `${query.offset + 1}–${last} of ${page.total}, newest first`}</p>
${timeline}
<div class="pager">${pager}</div></section></main>`,
  );
}

/** One entry: what is known of it and every report with its evidence. */
export function renderEventEntry(e: TimelineEntry): SafeHtml {
  const meta: [string, unknown][] = [
    ['Type', html`<span class="tag type-${e.type}">${e.type}</span>`],
    ['Status', statusBadge(e.status)],
    ['Date', dateText(e)],
    ['Place', e.place ?? '—'],
    ['United States', e.us.join(', ') || '—'],
    ['Russia', e.ru.join(', ') || '—'],
    ['Initiator', e.initiator ? (e.initiator === 'us' ? 'United States' : 'Russia') : '—'],
    ['First reported', e.firstSeen],
    ['Last changed', e.updatedAt],
  ];
  return layout(
    `${entryTitle(e)} — Parley`,
    html`<main class="event-page"><p><a href="/events">← all events</a></p><h1>${entryTitle(e)}</h1>
<dl class="meta">${meta.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
<h2>${e.reports.length === 1 ? '1 report' : `${e.reports.length} reports`}</h2>
<ol class="reports full">${joinHtml(
      e.reports.map((r) => reportItem(r, true)),
      '\n',
    )}</ol></main>`,
  );
}

/** Pieces of the event pages: an entry's one-line summary, its people, its reports. */
import type { EventReport, TimelineEntry } from '../../stages/store/event-queries.js';
import { html, joinHtml, type SafeHtml } from '../html.js';

export const eventHref = (id: string) => `/events/${encodeURIComponent(id)}`;
export const articleHref = (id: string) => `/articles/${encodeURIComponent(id)}`;

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

/** "John Kerry – Sergei Lavrov" (several on a side joined by commas). */
export function peopleLine(e: Pick<TimelineEntry, 'us' | 'ru'>): string {
  return `${e.us.join(', ') || 'United States'} – ${e.ru.join(', ') || 'Russia'}`;
}

/** What an entry is, in words: "Meeting: John Kerry – Sergei Lavrov". */
export function entryTitle(e: TimelineEntry): string {
  return `${e.type[0]!.toUpperCase()}${e.type.slice(1)}: ${peopleLine(e)}`;
}

export function statusBadge(status: string): SafeHtml {
  return html`<span class="status status-${status}">${status}</span>`;
}

/** The date as given (a day, or a month when only that is known), else when first reported. */
export function dateText(e: Pick<TimelineEntry, 'date' | 'firstSeen'>): SafeHtml {
  return e.date
    ? html`<time datetime="${e.date}">${e.date}</time>`
    : html`<span class="muted" title="no report gives a date">first reported ${e.firstSeen.slice(0, 10)}</span>`;
}

/** A link to the page the report came from, when it is a web address. */
function sourceLink(r: EventReport): SafeHtml {
  return /^https?:/i.test(r.url)
    ? html`<a class="source" href="${r.url}" rel="noreferrer noopener">${r.site ?? hostOf(r.url)}</a>`
    : html`<span class="source">${r.site ?? r.url}</span>`;
}

/** A report in a list: the article (Parley's page), its site (the original), when Parley saw it. */
export function reportItem(r: EventReport, withEvidence: boolean): SafeHtml {
  return html`<li class="report"><a href="${articleHref(r.articleId)}">${r.title}</a> · ${sourceLink(r)} <span class="where">seen ${r.firstSeen.slice(0, 10)}</span>
${withEvidence ? html`<div class="where">this report: ${r.status}${r.date ? `, ${r.date}` : ''}${r.place ? `, ${r.place}` : ''}</div><blockquote class="evidence-quote">${r.evidence}</blockquote>` : ''}</li>`;
}

/** An entry on the timeline: date, type, people, place, status, and its reports with links. */
export function entryItem(e: TimelineEntry): SafeHtml {
  const initiator = e.initiator
    ? html` <span class="where">by the ${e.initiator === 'us' ? 'US' : 'Russian'} side</span>`
    : '';
  return html`<li class="event" data-type="${e.type}"><div class="event-head"><span class="date">${dateText(e)}</span>
<span class="tag type-${e.type}">${e.type}</span> ${statusBadge(e.status)}
<a class="event-title" href="${eventHref(e.id)}">${peopleLine(e)}</a>${e.place ? html` <span class="place">in ${e.place}</span>` : ''}${initiator}</div>
<ul class="reports">${joinHtml(
    e.reports.map((r) => reportItem(r, false)),
    '\n',
  )}</ul></li>`;
}

/** The article page's list of the timeline entries the article reports, each linked to its page. */
import type { TimelineEntry } from '../../stages/store/event-queries.js';
import { html, type SafeHtml } from '../html.js';
import { dateText, eventHref, peopleLine, statusBadge } from './event-parts.js';

export function articleEvents(events: readonly TimelineEntry[]): SafeHtml {
  if (events.length === 0) return html`<h2>Events</h2><p class="muted">no US–Russia diplomatic events found</p>`;
  return html`<h2>Events</h2><ul class="article-events">${events.map(
    (e) =>
      html`<li><span class="tag type-${e.type}">${e.type}</span> ${statusBadge(e.status)} <a href="${eventHref(e.id)}">${peopleLine(e)}</a>${e.place ? ` in ${e.place}` : ''}, ${dateText(e)} <span class="where">${e.reports.length === 1 ? '1 report' : `${e.reports.length} reports`}</span></li>`,
  )}</ul>`;
}

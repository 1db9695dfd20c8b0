/** /skipped: articles judged not relevant, newest first, with why, and marks for an analyst. */
import type { ListedSkipped, RelevanceLabel } from '../../stages/store/skipped-queries.js';
import { html, layout, queryString, type SafeHtml } from '../html.js';
import { readableDate } from './dates.js';
import { evidenceGroup } from './evidence.js';

/** How much of the kept text the list shows per article. */
const EXCERPT_SHOWN = 400;

export interface SkippedPageData {
  total: number;
  articles: ListedSkipped[];
  q?: string;
  offset: number;
  limit: number;
  /** The hidden CSRF field for the mark forms, or undefined when actions are not allowed. */
  csrf?: SafeHtml;
  notice?: string;
}

const LABEL_TEXT: Record<RelevanceLabel, string> = { relevant: 'relevant', 'not-relevant': 'not relevant' };

export function renderSkipped(d: SkippedPageData): SafeHtml {
  const back = queryString({ q: d.q, offset: d.offset || undefined });
  const mark = (a: ListedSkipped, label: RelevanceLabel | '') =>
    html`<form method="post" action="/skipped/mark" class="inline">${d.csrf}<input type="hidden" name="id" value="${a.id}"><input type="hidden" name="label" value="${label}"><input type="hidden" name="back" value="${back}"><button type="submit">${label ? `Mark ${LABEL_TEXT[label]}` : 'Clear mark'}</button></form>`;
  const items = d.articles.map((a) => {
    const excerpt = (a.excerpt ?? '').trim();
    const evidence = (a.evidence ?? {}) as { relevance?: unknown };
    return html`<li class="skipped"><h2 class="title"><a href="${a.url}" rel="noreferrer noopener">${a.title || excerpt.split('\n')[0]?.slice(0, 120) || a.url}</a></h2>
<p class="where wrap">${a.url} · skipped ${readableDate(a.skippedAt)} · score ${a.relevance.toFixed(2)}${a.label ? html` · <strong>marked ${LABEL_TEXT[a.label]}</strong>` : ''}</p>
${excerpt ? html`<p class="excerpt">${excerpt.length > EXCERPT_SHOWN ? `${excerpt.slice(0, EXCERPT_SHOWN)}…` : excerpt}</p>` : ''}
${evidenceGroup('Relevance evidence', Array.isArray(a.evidence) ? a.evidence : evidence.relevance)}
${d.csrf ? html`<div class="marks">${a.label !== 'relevant' ? mark(a, 'relevant') : ''} ${a.label !== 'not-relevant' ? mark(a, 'not-relevant') : ''} ${a.label ? mark(a, '') : ''}</div>` : ''}</li>`;
  });
  const last = d.offset + d.articles.length;
  const pager = html`${d.offset > 0 ? html`<a rel="prev" href="/skipped${queryString({ q: d.q, offset: Math.max(0, d.offset - d.limit) || undefined })}">← newer</a>` : ''}
${last < d.total ? html`<a rel="next" href="/skipped${queryString({ q: d.q, offset: last })}">older →</a>` : ''}`;
  return layout(
    'Skipped — Parley',
    html`<main><h1>Skipped articles</h1>
<p class="muted">Articles the classifier judged not relevant, newest first. ${d.csrf ? 'Marks become labelled data: npm run labels -- export.' : 'Marking needs DASHBOARD_ALLOW_ACTIONS=1.'}</p>
${d.notice ? html`<p class="notice" role="status">${d.notice}</p>` : ''}
<form class="filters" method="get" action="/skipped"><label>Search <input type="search" name="q" value="${d.q ?? ''}"></label><button type="submit">Search</button>${d.q ? html` <a href="/skipped">clear</a>` : ''}</form>
<p class="muted results">${d.total === 0 ? 'No skipped articles match.' : `${d.offset + 1}–${last} of ${d.total}`}</p>
<ol class="skipped">${items}</ol><div class="pager">${pager}</div></main>`,
    { current: '/skipped' },
  );
}

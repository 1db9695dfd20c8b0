/** Parley's own pages, server-rendered: the article list with search and filters, and one article. */
import type { ArticlePage, ArticleQuery, FoundArticle, StoreStats } from '../stages/store/article-store.js';
import { html, joinHtml, layout, queryString, snippetHtml, type SafeHtml } from './html.js';

type ListQuery = ArticleQuery & { limit: number; offset: number };

function sitesOf(a: FoundArticle): string[] {
  return [...new Set(a.copies.map((c) => c.site ?? hostOf(c.url)).filter(Boolean))];
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

function filterParams(q: ListQuery): Record<string, string | undefined> {
  return { q: q.q, topic: q.topic, entity: q.entity, site: q.site, from: q.from, to: q.to };
}

/** The list page: search form, topic counts, one row per story, pages. */
export function renderArticleList(page: ArticlePage, query: ListQuery, stats: StoreStats, error?: string): SafeHtml {
  const params = filterParams(query);
  const field = (name: keyof typeof params, label: string, type = 'text') =>
    html`<input type="${type}" name="${name}" aria-label="${label}" placeholder="${label}" value="${params[name] ?? ''}">`;
  const topics = joinHtml(
    stats.topics.map(
      (t) =>
        html`<li${t.topic === query.topic ? html` class="active"` : ''}><a href="${queryString({ ...params, topic: t.topic })}">${t.topic}</a> <span class="count">${t.count}</span></li>`,
    ),
    '\n',
  );
  const rows = joinHtml(
    page.articles.map(
      (
        a,
      ) => html`<tr><td class="date">${a.published?.slice(0, 10) ?? ''}</td><td>${joinHtml(sitesOf(a), html`<br>`)}</td>
<td><a class="title" href="/articles/${encodeURIComponent(a.id)}">${a.title}</a>${a.snippet ? html`<div class="snippet">${snippetHtml(a.snippet)}</div>` : ''}</td>
<td>${joinHtml(
        a.topics.map((t) => html`<a class="tag" href="${queryString({ ...params, topic: t })}">${t}</a>`),
        ' ',
      )}</td></tr>`,
    ),
    '\n',
  );
  const last = query.offset + page.articles.length;
  const pager = joinHtml(
    [
      query.offset > 0
        ? html`<a rel="prev" href="${queryString({ ...params, offset: Math.max(0, query.offset - query.limit) || undefined })}">← newer</a>`
        : '',
      last < page.total ? html`<a rel="next" href="${queryString({ ...params, offset: last })}">older →</a>` : '',
    ],
    ' ',
  );
  const filtered = Object.values(params).some(Boolean);
  return layout(
    'Parley — articles',
    html`<div class="layout"><aside><h2>Topics</h2><ul class="topics">${stats.topics.length ? topics : html`<li class="muted">none yet</li>`}</ul>
<p class="muted">${stats.stored} stories (${stats.copies} URLs), ${stats.skipped} skipped as not relevant</p></aside>
<main><form class="filters" method="get" action="/">${field('q', 'Search')}${field('topic', 'Topic')}${field('entity', 'Entity')}${field('site', 'Site')}
${field('from', 'From', 'date')}${field('to', 'To', 'date')}<button type="submit">Search</button>${filtered ? html` <a href="/">clear</a>` : ''}</form>
${error ? html`<p class="error">${error}</p>` : ''}
<p class="muted results">${page.total === 0 ? 'No articles match.' : `${query.offset + 1}–${last} of ${page.total}${query.q ? ', most relevant first' : ', newest first'}`}</p>
<table><thead><tr><th>Date</th><th>Sites</th><th>Title</th><th>Topics</th></tr></thead><tbody>
${rows}
</tbody></table><div class="pager">${pager}</div></main></div>`,
  );
}

export { renderArticle } from './views/article-page.js';

/** A page saying what was not found. */
export function renderNotFound(what: string): SafeHtml {
  return layout(
    'Not found — Parley',
    html`<main><h1>Not found</h1><p>${what}</p><p><a href="/">All articles</a></p></main>`,
  );
}

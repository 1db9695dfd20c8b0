/** Parley's own pages, server-rendered: the article list with search and filters, and one article. */
import { SOURCE_KINDS } from '../shared/contracts.js';
import type { ArticlePage, ArticleQuery, FoundArticle, StoreStats } from '../stages/store/article-store.js';
import type { FacetCount } from '../stages/store/facet-queries.js';
import { html, joinHtml, layout, queryString, snippetHtml, type SafeHtml } from './html.js';

type ListQuery = ArticleQuery & { limit: number; offset: number };

/** What the list's filters offer: the taxonomy's topics, and stored languages, entities and sites with counts. */
export interface ListChoices {
  topics: readonly string[];
  languages: FacetCount[];
  entities: FacetCount[];
  sites: FacetCount[];
}

function sitesOf(a: FoundArticle): string[] {
  return [...new Set(a.copies.map((c) => c.site ?? hostOf(c.url)).filter(Boolean))];
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

function filterParams(q: ListQuery): Record<string, string | undefined> {
  return {
    q: q.q,
    topic: q.topic,
    lang: q.lang,
    kind: q.kind,
    entity: q.entity,
    site: q.site,
    from: q.from,
    to: q.to,
    feed: q.feed,
  };
}

/** A labelled field of the filter form. */
function labelled(name: string, label: string, control: SafeHtml): SafeHtml {
  return html`<div class="field"><label for="filter-${name}">${label}</label>${control}</div>`;
}

/** A select menu: "any" first, then each choice (with its count when known); the current value stays selected. */
function selectMenu(name: string, any: string, current: string | undefined, choices: FacetCount[]): SafeHtml {
  const all =
    current && !choices.some((c) => c.value === current) ? [{ value: current, count: 0 }, ...choices] : choices;
  const options = all.map(
    (c) =>
      html`<option value="${c.value}"${c.value === current ? html` selected` : ''}>${c.value}${c.count ? ` (${c.count})` : ''}</option>`,
  );
  return html`<select id="filter-${name}" name="${name}"><option value="">${any}</option>${joinHtml(options, '')}</select>`;
}

/** Suggestions for a text field. */
function dataList(id: string, values: FacetCount[]): SafeHtml {
  return html`<datalist id="${id}">${joinHtml(
    values.map((v) => html`<option value="${v.value}"></option>`),
    '',
  )}</datalist>`;
}

/** The kinds of source a feed or sitemap is registered with (sources/us-russia.yaml). */
const KIND_CHOICES: FacetCount[] = SOURCE_KINDS.map((value) => ({ value, count: 0 }));

/** The filter form: search, topic, language and source-kind menus, entity and site with suggestions, labelled dates. */
function filterForm(params: ReturnType<typeof filterParams>, choices: ListChoices, stats: StoreStats): SafeHtml {
  const counted = new Map(stats.topics.map((t) => [t.topic, t.count]));
  const topics = [...new Set([...choices.topics, ...counted.keys()])].map((value) => ({
    value,
    count: counted.get(value) ?? 0,
  }));
  const input = (name: keyof typeof params, type = 'text', list?: string) =>
    html`<input id="filter-${name}" type="${type}" name="${name}" value="${params[name] ?? ''}"${list ? html` list="${list}"` : ''}>`;
  const filtered = Object.values(params).some(Boolean);
  return html`<form class="filters" method="get" action="/">${labelled('q', 'Search', input('q', 'search'))}
${labelled('topic', 'Topic', selectMenu('topic', 'any topic', params.topic, topics))}
${labelled('lang', 'Language', selectMenu('lang', 'any language', params.lang, choices.languages))}
${labelled('kind', 'Kind of source', selectMenu('kind', 'any kind', params.kind, KIND_CHOICES))}
${labelled('entity', 'Entity', input('entity', 'text', 'entity-names'))}${dataList('entity-names', choices.entities)}
${labelled('site', 'Site or host', input('site', 'text', 'site-names'))}${dataList('site-names', choices.sites)}
${labelled('from', 'From', input('from', 'date'))}${labelled('to', 'To', input('to', 'date'))}
${params.feed ? html`<p class="field muted">From the feed ${params.feed}<input type="hidden" name="feed" value="${params.feed}"></p>` : ''}
<button type="submit">Search</button>${filtered ? html` <a href="/">clear</a>` : ''}</form>`;
}

/** The list page: search form, topic counts, one row per story, pages. */
/** What the list says of its order (article-store.ts PageOrder). */
const ORDER_WORDS: Record<ArticlePage['order'], string> = {
  newest: ', newest first',
  relevance: ', most relevant first',
  'title-then-newest': ', title matches first, then newest',
};

export function renderArticleList(
  page: ArticlePage,
  query: ListQuery,
  stats: StoreStats,
  choices: ListChoices,
  error?: string,
): SafeHtml {
  const params = filterParams(query);
  const topics = joinHtml(
    stats.topics.map(
      (t) =>
        html`<li${t.topic === query.topic ? html` class="active"` : ''}><a href="${queryString({ ...params, topic: t.topic })}">${t.topic}</a> <span class="count">${t.count}</span></li>`,
    ),
    '\n',
  );
  const sites = joinHtml(
    choices.sites.map(
      (c) =>
        html`<li${c.value.toLowerCase() === query.site?.toLowerCase() ? html` class="active"` : ''}><a href="${queryString({ ...params, site: c.value, offset: undefined })}">${c.value}</a> <span class="count">${c.count}</span></li>`,
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
      last < page.total || (page.totalIsLowerBound && page.articles.length === query.limit)
        ? html`<a rel="next" href="${queryString({ ...params, offset: last })}">older →</a>`
        : '',
    ],
    ' ',
  );
  return layout(
    'Parley — articles',
    html`<div class="layout"><aside><h2>Topics</h2><ul class="topics">${stats.topics.length ? topics : html`<li class="muted">none yet</li>`}</ul>
<h2>Sites</h2><ul class="sites">${choices.sites.length ? sites : html`<li class="muted">none yet</li>`}</ul>
<p class="muted">${stats.stored} stories (${stats.copies} URLs), ${stats.skipped} skipped as not relevant</p></aside>
<main>${filterForm(params, choices, stats)}
${error ? html`<p class="error">${error}</p>` : ''}
<p class="muted results">${page.total === 0 ? 'No articles match.' : `${query.offset + 1}–${last} of ${page.totalIsLowerBound ? 'more than ' : ''}${page.total}${ORDER_WORDS[page.order]}`}</p>
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

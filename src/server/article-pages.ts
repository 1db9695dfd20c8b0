/** Parley's own pages, server-rendered: the article list with search and filters, and one article. */
import type { ArticleDetail, ArticlePage, ArticleQuery, FoundArticle, StoreStats } from '../stages/store/article-store.js';
import { escapeHtml, layout, queryString, snippetHtml } from './html.js';

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
export function renderArticleList(page: ArticlePage, query: ListQuery, stats: StoreStats, error?: string): string {
  const params = filterParams(query);
  const field = (name: keyof typeof params, label: string, type = 'text') =>
    `<input type="${type}" name="${name}" aria-label="${label}" placeholder="${label}" value="${escapeHtml(params[name] ?? '')}">`;
  const topics = stats.topics
    .map(
      (t) =>
        `<li${t.topic === query.topic ? ' class="active"' : ''}><a href="${escapeHtml(queryString({ ...params, topic: t.topic }))}">${escapeHtml(t.topic)}</a> <span class="count">${t.count}</span></li>`,
    )
    .join('\n');
  const rows = page.articles
    .map(
      (a) => `<tr><td class="date">${escapeHtml(a.published?.slice(0, 10) ?? '')}</td><td>${sitesOf(a).map(escapeHtml).join('<br>')}</td>
<td><a class="title" href="/articles/${encodeURIComponent(a.id)}">${escapeHtml(a.title)}</a>${a.snippet ? `<div class="snippet">${snippetHtml(a.snippet)}</div>` : ''}</td>
<td>${a.topics.map((t) => `<a class="tag" href="${escapeHtml(queryString({ ...params, topic: t }))}">${escapeHtml(t)}</a>`).join(' ')}</td></tr>`,
    )
    .join('\n');
  const last = query.offset + page.articles.length;
  const pager = [
    query.offset > 0 ? `<a rel="prev" href="${escapeHtml(queryString({ ...params, offset: Math.max(0, query.offset - query.limit) || undefined }))}">← newer</a>` : '',
    last < page.total ? `<a rel="next" href="${escapeHtml(queryString({ ...params, offset: last }))}">older →</a>` : '',
  ].join(' ');
  const filtered = Object.values(params).some(Boolean);
  return layout(
    'Parley — articles',
    `<div class="layout"><aside><h2>Topics</h2><ul class="topics">${topics || '<li class="muted">none yet</li>'}</ul>
<p class="muted">${stats.stored} stories (${stats.copies} URLs), ${stats.skipped} skipped as not relevant</p></aside>
<main><form class="filters" method="get" action="/">${field('q', 'Search')}${field('topic', 'Topic')}${field('entity', 'Entity')}${field('site', 'Site')}
${field('from', 'From', 'date')}${field('to', 'To', 'date')}<button type="submit">Search</button>${filtered ? ' <a href="/">clear</a>' : ''}</form>
${error ? `<p class="error">${escapeHtml(error)}</p>` : ''}
<p class="muted results">${page.total === 0 ? 'No articles match.' : `${query.offset + 1}–${last} of ${page.total}${query.q ? ', most relevant first' : ', newest first'}`}</p>
<table><thead><tr><th>Date</th><th>Sites</th><th>Title</th><th>Topics</th></tr></thead><tbody>
${rows}
</tbody></table><div class="pager">${pager}</div></main></div>`,
  );
}

interface EvidenceItem {
  phrase?: unknown;
  where?: unknown;
  rule?: unknown;
  weight?: unknown;
}

function evidenceList(items: unknown): string {
  if (!Array.isArray(items) || items.length === 0) return '<p class="muted">no evidence recorded</p>';
  return `<ul class="evidence">${(items as EvidenceItem[])
    .map(
      (e) =>
        `<li>“${escapeHtml(e.phrase)}” <span class="where">${escapeHtml(e.where)}${e.rule ? ` · ${escapeHtml(e.rule)}` : ''}${typeof e.weight === 'number' ? ` · ${e.weight.toFixed(2)}` : ''}</span></li>`,
    )
    .join('')}</ul>`;
}

/** One story: metadata, every URL it was found at, each tag with its evidence, the clean text. */
export function renderArticle(a: ArticleDetail): string {
  const evidence = (a.evidence ?? {}) as { relevance?: unknown; topics?: Record<string, unknown> };
  const meta: [string, string][] = [
    ['Published', escapeHtml(a.published ?? '—')],
    ['Modified', escapeHtml(a.modified ?? '—')],
    ['By', escapeHtml(a.byline ?? '—')],
    ['Language', escapeHtml(a.language ?? '—')],
    ['Relevance', a.relevance.toFixed(2)],
    ['Entities', a.entities.map((e) => `${escapeHtml(e.name)} <span class="where">${escapeHtml(e.type)} ×${e.mentions}</span>`).join(', ') || '—'],
    ['Came from', escapeHtml(a.origin)],
    ['Stored', escapeHtml(a.storedAt)],
  ];
  const copies = a.copies
    .map((c) => `<li>${escapeHtml(c.site ?? hostOf(c.url))}: ${/^https?:/i.test(c.url) ? `<a href="${escapeHtml(c.url)}" rel="noreferrer noopener">${escapeHtml(c.url)}</a>` : escapeHtml(c.url)} <span class="where">seen ${escapeHtml(c.seenAt)}</span></li>`)
    .join('');
  const topics = a.topics.map((t) => `<h3><span class="tag">${escapeHtml(t)}</span></h3>${evidenceList(evidence.topics?.[t])}`).join('');
  const versions = a.versions.length
    ? `<h2>Earlier versions</h2><ul>${a.versions.map((v) => `<li>${escapeHtml(v.title)} <span class="where">stored ${escapeHtml(v.storedAt)}, replaced ${escapeHtml(v.replacedAt)}</span></li>`).join('')}</ul>`
    : '';
  const paragraphs = a.text.split(/\n\s*\n/).map((p) => `<p>${escapeHtml(p.trim())}</p>`).join('\n');
  return layout(
    `${a.title} — Parley`,
    `<main><h1>${escapeHtml(a.title)}</h1>
<dl class="meta">${meta.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
<h2>Found at</h2><ul class="copies">${copies}</ul>
<h2>Topics</h2>${topics || '<p class="muted">no topics</p>'}
<h2>Why it is relevant</h2>${evidenceList(evidence.relevance)}
${versions}
<h2>Text</h2><article class="text">${paragraphs}</article></main>`,
  );
}

/** A page saying what was not found. */
export function renderNotFound(what: string): string {
  return layout('Not found — Parley', `<main><h1>Not found</h1><p>${escapeHtml(what)}</p><p><a href="/">All articles</a></p></main>`);
}

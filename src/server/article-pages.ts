/** Parley's own pages: plain server-rendered HTML. */
import type { StoredArticle } from '../stages/store/article-store.js';
import { escapeHtml } from './html.js';

export function renderArticleList(articles: StoredArticle[], counts: { stored: number; skipped: number }): string {
  const rows = articles
    .map(
      (a) => `<tr><td>${escapeHtml(a.published?.slice(0, 10) ?? '')}</td><td>${escapeHtml(a.site ?? '')}</td>
<td>${escapeHtml(a.title)}</td><td>${a.topics.map((t) => `<span class="tag">${escapeHtml(t)}</span>`).join(' ')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Parley</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:72rem}td{padding:.25rem .5rem;vertical-align:top}
.tag{background:#e8eef7;border-radius:3px;padding:0 .3rem;font-size:.85em}</style></head><body>
<h1>Parley</h1><p>${counts.stored} articles stored, ${counts.skipped} skipped as not relevant ·
<a href="/queues">queues</a></p>
<table><thead><tr><th>Date</th><th>Site</th><th>Title</th><th>Topics</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}

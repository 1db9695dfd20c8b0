/** HTML helpers: everything taken from articles goes through escapeHtml. */
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../stages/store/dialect.js';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A search snippet as HTML: the text escaped, the store's highlight marks as <mark>. */
export function snippetHtml(snippet: string): string {
  return escapeHtml(snippet).replaceAll(HIGHLIGHT_START, '<mark>').replaceAll(HIGHLIGHT_END, '</mark>');
}

/** A query string from parameters, leaving out empty ones (values encoded; escape the result for attributes). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}` : '';
}

/** The page around a body: no script, one same-origin stylesheet. */
export function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/assets/parley.css"></head><body>
<header><a class="brand" href="/">Parley</a> <nav><a href="/">articles</a> <a href="/queues">queues</a> <a href="/api/stats">stats</a></nav></header>
${body}
</body></html>`;
}

export const STYLESHEET = `body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;padding:1rem 2rem;max-width:78rem;color:#1d232b}
header{display:flex;gap:1.5rem;align-items:baseline;border-bottom:1px solid #d8dee6;margin-bottom:1rem;padding-bottom:.5rem}
.brand{font-weight:700;font-size:1.3rem;text-decoration:none;color:#1d232b}nav a{margin-right:1rem}
.layout{display:grid;grid-template-columns:14rem 1fr;gap:2rem}aside ul{list-style:none;padding:0;margin:0}
aside li{display:flex;justify-content:space-between}aside li.active a{font-weight:700}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;margin-bottom:1rem}form.filters input{padding:.3rem .4rem}
form.filters input[name=q]{flex:1 1 18rem}table{border-collapse:collapse;width:100%}
th,td{padding:.35rem .5rem;vertical-align:top;text-align:left;border-bottom:1px solid #eef1f5}
.tag{background:#e8eef7;border-radius:3px;padding:0 .3rem;font-size:.85em;white-space:nowrap}
td.date{white-space:nowrap}.snippet{color:#4a5563;font-size:.9em}mark{background:#fff1a8;padding:0 .1em}.muted{color:#6b7686}
.pager{margin-top:1rem;display:flex;gap:1rem}dl.meta{display:grid;grid-template-columns:10rem 1fr;gap:.2rem 1rem}
dl.meta dt{color:#6b7686}.evidence li{margin:.15rem 0}.where{font-size:.8em;color:#6b7686}
article.text p{max-width:46rem}.error{color:#a21d1d}`;

/**
 * HTML by tagged template: every value interpolated into html`...` is escaped, unless it is already
 * HTML (an html`...` result, or text marked with `raw`, which says "I built this markup myself").
 * Arrays are joined with nothing between; undefined, null and false leave nothing.
 */
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../stages/store/dialect.js';

/** Markup that is safe to send as it is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Marks markup as safe to send unescaped. Use only on markup built here, never on text from outside. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Escapes text for HTML element content and quoted attribute values. */
function escapeText(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return escapeText(String(value));
  return escapeText(JSON.stringify(value) ?? ''); // an object shows as its JSON, a function as nothing
}

/** The tag: `html\`<p>${text}</p>\`` escapes `text`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Joins values (each escaped unless already HTML) with a separator (escaped too unless HTML). */
export function joinHtml(pieces: readonly unknown[], separator: string | SafeHtml): SafeHtml {
  return raw(pieces.map(render).join(render(separator)));
}

/** A search snippet as HTML: the text escaped, the store's highlight marks as <mark>. */
export function snippetHtml(snippet: string): SafeHtml {
  return raw(escapeText(snippet).replaceAll(HIGHLIGHT_START, '<mark>').replaceAll(HIGHLIGHT_END, '</mark>'));
}

/** A query string from parameters, leaving out empty ones (values encoded; html`` escapes it in attributes). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '');
  return entries.length
    ? `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}`
    : '';
}

/** The header's links, in the order a person looks: what is happening, then what was collected. */
const NAV: readonly [href: string, label: string][] = [
  ['/status', 'status'],
  ['/', 'articles'],
  ['/skipped', 'skipped'],
  ['/feeds', 'feeds'],
  ['/events', 'events'],
  ['/stats', 'stats'],
  ['/watches', 'watches'],
  ['/queues', 'queues'],
];

export interface LayoutOptions {
  /** Reload the page every so many seconds (a meta refresh: no script). */
  refreshSeconds?: number;
  /** The header link of this page, marked as the current one. */
  current?: string;
}

/** The page around a body: no script, one same-origin stylesheet. */
export function layout(title: string, body: SafeHtml, options: LayoutOptions = {}): SafeHtml {
  const nav = NAV.map(
    ([href, label]) =>
      html`<a href="${href}"${href === options.current ? html` aria-current="page"` : ''}>${label}</a> `,
  );
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
${options.refreshSeconds ? html`<meta http-equiv="refresh" content="${options.refreshSeconds}">` : ''}
<link rel="stylesheet" href="/assets/parley.css"></head><body>
<header><a class="brand" href="/">Parley</a> <nav aria-label="Dashboard">${nav}</nav></header>
${body}
</body></html>`;
}

/**
 * The parts every chart shares: the <svg> with its accessible name and description, axes with
 * their titles, and a legend of colour swatches. Plain SVG presentation attributes only (no style
 * attributes, no script), so the pages' strict Content-Security-Policy holds.
 */
import { html, joinHtml, type SafeHtml } from '../html.js';

/** The drawing's size in SVG units; it scales to the page width (see .chart in parley.css). */
export const WIDTH = 760;

/** Colours that stay distinct for most colour-blind readers (Tableau 10). */
export const PALETTE = [
  '#4e79a7',
  '#f28e2c',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc949',
  '#af7aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ab',
] as const;

export const AXIS_COLOUR = '#4a5563';
const GRID_COLOUR = '#e3e8ef';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The chart as a figure: a caption a person reads first, then the drawing. */
export function figure(
  id: string,
  title: string,
  description: string,
  height: number,
  body: SafeHtml,
  note?: string,
): SafeHtml {
  return html`<figure class="chart" id="${id}"><figcaption>${title}</figcaption>
<div class="chart-box" tabindex="0" role="group" aria-label="${title}, scrolls sideways on a narrow screen"><svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" aria-label="${title}" aria-describedby="${id}-desc" font-family="system-ui, sans-serif" font-size="13">
<title>${title}</title><desc id="${id}-desc">${description}</desc>
${body}</svg></div>${note ? html`<p class="muted chart-note">${note}</p>` : ''}</figure>`;
}

/** A figure with no data yet: says so instead of drawing empty axes. */
export function emptyFigure(id: string, title: string, why: string): SafeHtml {
  return html`<figure class="chart" id="${id}"><figcaption>${title}</figcaption><p class="muted">${why}</p></figure>`;
}

/** The vertical value axis: grid lines, tick labels, and its title turned along the axis. */
export function valueAxisLeft(
  ticks: readonly number[],
  y: (v: number) => number,
  m: Margins,
  height: number,
  title: string,
): SafeHtml {
  const lines = ticks.map(
    (t) =>
      html`<line x1="${m.left}" x2="${WIDTH - m.right}" y1="${y(t)}" y2="${y(t)}" stroke="${GRID_COLOUR}"/><text x="${m.left - 6}" y="${y(t)}" dy="0.32em" text-anchor="end" fill="${AXIS_COLOUR}">${t}</text>`,
  );
  const middle = (m.top + height - m.bottom) / 2;
  return html`<g class="axis y">${lines}<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${height - m.bottom}" stroke="${AXIS_COLOUR}"/>
<text transform="translate(14 ${middle}) rotate(-90)" text-anchor="middle" fill="${AXIS_COLOUR}" font-weight="600">${title}</text></g>`;
}

/** The horizontal axis: a tick and label at each (x, label), and its title under them. */
export function categoryAxisBottom(
  ticks: readonly { x: number; label: string }[],
  m: Margins,
  height: number,
  title: string,
): SafeHtml {
  const base = height - m.bottom;
  const marks = ticks.map(
    (t) =>
      html`<line x1="${t.x}" x2="${t.x}" y1="${base}" y2="${base + 5}" stroke="${AXIS_COLOUR}"/><text x="${t.x}" y="${base + 18}" text-anchor="middle" fill="${AXIS_COLOUR}">${t.label}</text>`,
  );
  return html`<g class="axis x"><line x1="${m.left}" x2="${WIDTH - m.right}" y1="${base}" y2="${base}" stroke="${AXIS_COLOUR}"/>${marks}
<text x="${(m.left + WIDTH - m.right) / 2}" y="${base + 38}" text-anchor="middle" fill="${AXIS_COLOUR}" font-weight="600">${title}</text></g>`;
}

/** Legend rows (swatch and name), wrapped to the drawing's width, starting at `top`. */
export function legend(items: readonly { label: string; colour: string }[], top: number, left = 16): SafeHtml {
  const COLUMN = 180;
  const perRow = Math.max(1, Math.floor((WIDTH - left) / COLUMN));
  const entries = items.map((item, i) => {
    const x = left + (i % perRow) * COLUMN;
    const y = top + Math.floor(i / perRow) * 20;
    return html`<g class="legend-item"><rect x="${x}" y="${y}" width="12" height="12" rx="2" fill="${item.colour}"/><text x="${x + 18}" y="${y + 6}" dy="0.32em">${item.label}</text></g>`;
  });
  return html`<g class="legend" aria-hidden="false">${joinHtml(entries, '')}</g>`;
}

/** The height a legend of `n` items takes. */
export function legendHeight(n: number, left = 16): number {
  const perRow = Math.max(1, Math.floor((WIDTH - left) / 180));
  return Math.ceil(n / perRow) * 20;
}

/** Rounds a coordinate to tenths: smaller markup, same picture. */
export const r1 = (v: number) => Math.round(v * 10) / 10;

/** Value-axis ticks asked of d3 (it picks round numbers near this count). */
export const Y_TICKS = 5;
/** Labels along a time axis; more would overlap at the drawing's width. */
const MAX_X_LABELS = 8;

/** Every n-th category gets a label so at most MAX_X_LABELS show. */
export function everyNth<T>(items: readonly T[]): T[] {
  const step = Math.max(1, Math.ceil(items.length / MAX_X_LABELS));
  return items.filter((_, i) => i % step === 0);
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

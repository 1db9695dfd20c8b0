/**
 * A small bar chart as inline SVG, drawn on the server: no script and no inline style, so the pages'
 * strict CSP holds. Colours come from classes in parley.css; the numbers are in the SVG's title and
 * label for screen readers and tooltips.
 */
import { html, type SafeHtml } from '../html.js';

/** Drawing size in SVG units; the CSS scales it to the width it gets. */
const WIDTH = 240;
const HEIGHT = 40;

export interface BarChartOptions {
  /** What the chart shows, for screen readers ("fetch: 12 done in the last hour"). */
  label: string;
  /** Each bar's tooltip, by index. */
  barTitle: (value: number, index: number) => string;
}

/** Bars left to right, oldest first; an all-zero series draws a flat baseline. */
export function barChart(values: readonly number[], { label, barTitle }: BarChartOptions): SafeHtml {
  const max = Math.max(1, ...values);
  const step = WIDTH / Math.max(1, values.length);
  const bars = values.map((v, i) => {
    const h = v === 0 ? 0 : Math.max(1, Math.round((v / max) * (HEIGHT - 2)));
    return html`<rect class="bar" x="${(i * step).toFixed(1)}" y="${HEIGHT - h}" width="${Math.max(1, step - 1).toFixed(1)}" height="${h}"><title>${barTitle(v, i)}</title></rect>`;
  });
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${label}"><line class="axis" x1="0" y1="${HEIGHT - 0.5}" x2="${WIDTH}" y2="${HEIGHT - 0.5}"></line>${bars}</svg>`;
}

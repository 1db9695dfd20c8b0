/**
 * Articles per week by the kind of their source (official, wire, state media, press, or none
 * given), as stacked bars: how much of the coverage is governments' own readouts, week by week.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { stack } from 'd3-shape';
import { SOURCE_KINDS } from '../../shared/contracts.js';
import type { KindWeek } from '../../stages/store/chart-queries.js';
import { html, type SafeHtml } from '../html.js';
import {
  PALETTE,
  WIDTH,
  categoryAxisBottom,
  emptyFigure,
  figure,
  legend,
  legendHeight,
  r1,
  valueAxisLeft,
  type Margins,
} from './chart-frame.js';
import { Y_TICKS, everyNth, plural } from './charts.js';

/** The series' key for articles whose source was registered without a kind (or enqueued by hand). */
const NO_KIND = 'no kind given';

/** Fixed colours per kind, so a kind looks the same wherever it is drawn; grey for none given. */
export const KIND_COLOURS: Record<string, string> = {
  official: PALETTE[0],
  wire: PALETTE[1],
  'state media': PALETTE[2],
  press: PALETTE[4],
  [NO_KIND]: PALETTE[9],
};

export function articlesPerWeekByKindChart(weeks: readonly string[], counts: readonly KindWeek[]): SafeHtml {
  const id = 'chart-kinds-weekly';
  const title = 'Articles per week by kind of source';
  if (weeks.length === 0 || counts.length === 0) return emptyFigure(id, title, 'No articles stored yet.');
  const keyOf = (c: KindWeek) => c.kind ?? NO_KIND;
  const kinds = [...SOURCE_KINDS, NO_KIND].filter((k) => counts.some((c) => keyOf(c) === k));
  const rows = weeks.map((week) => {
    const row: Record<string, number> = Object.fromEntries(kinds.map((k) => [k, 0]));
    for (const c of counts) if (c.week === week) row[keyOf(c)] = (row[keyOf(c)] ?? 0) + c.count;
    return row;
  });
  const layers = stack<Record<string, number>>().keys(kinds)(rows);
  const legendH = legendHeight(kinds.length);
  const m: Margins = { top: 12, right: 16, bottom: 52 + legendH + 8, left: 52 };
  const height = 250 + legendH;
  const x = scaleBand<string>()
    .domain(weeks)
    .range([m.left, WIDTH - m.right])
    .padding(0.2);
  const max = Math.max(1, ...rows.map((r) => kinds.reduce((s, k) => s + (r[k] ?? 0), 0)));
  const y = scaleLinear()
    .domain([0, max])
    .nice(Y_TICKS)
    .range([height - m.bottom, m.top]);
  const bars = layers.map((layer) => {
    const rects = layer.map(([lo, hi], i) =>
      hi > lo
        ? html`<rect x="${r1(x(weeks[i]!) ?? 0)}" y="${r1(y(hi))}" width="${r1(x.bandwidth())}" height="${r1(y(lo) - y(hi))}" fill="${KIND_COLOURS[layer.key]}"><title>Week of ${weeks[i]}: ${plural(hi - lo, 'article')}, ${layer.key}</title></rect>`
        : '',
    );
    return html`<g class="series" data-kind="${layer.key}">${rects}</g>`;
  });
  const perKind = kinds.map((k) => `${k} ${counts.filter((c) => keyOf(c) === k).reduce((s, c) => s + c.count, 0)}`);
  const total = counts.reduce((s, c) => s + c.count, 0);
  const description = `Stacked bars of articles per week by the kind of their source, from ${weeks[0]} to ${weeks.at(-1)}: ${plural(total, 'article')} in all (${perKind.join(', ')}).`;
  return figure(
    id,
    title,
    description,
    height,
    html`${valueAxisLeft(y.ticks(Y_TICKS).filter(Number.isInteger), (v) => r1(y(v)), m, height, 'Articles')}
${categoryAxisBottom(
  everyNth(weeks).map((w) => ({ x: r1((x(w) ?? 0) + x.bandwidth() / 2), label: w })),
  m,
  height,
  'Week (starting Monday, UTC)',
)}
${bars}
${legend(
  kinds.map((k) => ({ label: k, colour: KIND_COLOURS[k]! })),
  height - legendH - 4,
)}`,
    'The kind is the one its feed or sitemap was registered with (sources/us-russia.yaml); “no kind given” for the others. Filter the list with ?kind=official.',
  );
}

/**
 * Stacked bars over periods (weeks, months): one bar per period, one coloured segment per series,
 * with a value axis, a period axis, a legend and a text description. The charts of articles per
 * week by kind of source and of events per month by type are two readings of it.
 */
import { stack } from 'd3-shape';
import { html, type SafeHtml } from '../html.js';
import { figure, r1 } from './chart-frame.js';
import { periodDrawing, periodFrame } from './period-frame.js';

/** How many of one series fell in one period. */
export interface PeriodCount {
  period: string;
  key: string;
  count: number;
}

export interface StackedBarsSpec {
  id: string;
  title: string;
  /** The bars, oldest first. */
  periods: readonly string[];
  /** The series from the bottom of a bar up, each with its colour; those never counted are left out. */
  colours: Readonly<Record<string, string>>;
  counts: readonly PeriodCount[];
  /** The data attribute (`data-…`) that names a segment group's series, for tests and styles. */
  seriesAttribute: 'kind' | 'type';
  valueAxis: string;
  periodAxis: string;
  /** A segment's tooltip. */
  barTitle: (period: string, count: number, key: string) => string;
  /** The text description, given the total and "key count" per series. */
  describe: (total: number, perSeries: readonly string[]) => string;
  note: string;
}

export function stackedBarsChart(spec: StackedBarsSpec): SafeHtml {
  const { periods, counts } = spec;
  const keys = Object.keys(spec.colours).filter((k) => counts.some((c) => c.key === k));
  const rows = periods.map((period) => {
    const row: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
    for (const c of counts) if (c.period === period) row[c.key] = (row[c.key] ?? 0) + c.count;
    return row;
  });
  const layers = stack<Record<string, number>>().keys(keys)(rows);
  const max = Math.max(1, ...rows.map((r) => keys.reduce((s, k) => s + (r[k] ?? 0), 0)));
  const frame = periodFrame(periods, keys.length, max, 0.2);
  const { x, y } = frame;
  const bars = layers.map((layer) => {
    const rects = layer.map(([lo, hi], i) =>
      hi > lo
        ? html`<rect x="${r1(x(periods[i]!) ?? 0)}" y="${r1(y(hi))}" width="${r1(x.bandwidth())}" height="${r1(y(lo) - y(hi))}" fill="${spec.colours[layer.key]}"><title>${spec.barTitle(periods[i]!, hi - lo, layer.key)}</title></rect>`
        : '',
    );
    return spec.seriesAttribute === 'kind'
      ? html`<g class="series" data-kind="${layer.key}">${rects}</g>`
      : html`<g class="series" data-type="${layer.key}">${rects}</g>`;
  });
  const total = counts.reduce((s, c) => s + c.count, 0);
  const perSeries = keys.map((k) => `${k} ${counts.filter((c) => c.key === k).reduce((s, c) => s + c.count, 0)}`);
  return figure(
    spec.id,
    spec.title,
    spec.describe(total, perSeries),
    frame.height,
    periodDrawing(
      frame,
      { value: spec.valueAxis, period: spec.periodAxis },
      bars,
      keys.map((k) => ({ label: k, colour: spec.colours[k]! })),
    ),
    spec.note,
  );
}

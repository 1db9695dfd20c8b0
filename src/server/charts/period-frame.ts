/**
 * The frame of a chart over periods (weeks, months), which the topic lines and the stacked bars
 * share: a band per period, a value scale from 0, the value axis, the period axis (every n-th
 * period labelled) and a legend below, all in the same places on every such chart.
 */
import { scaleBand, scaleLinear, type ScaleBand, type ScaleLinear } from 'd3-scale';
import { html, type SafeHtml } from '../html.js';
import {
  WIDTH,
  categoryAxisBottom,
  everyNth,
  legend,
  legendHeight,
  r1,
  valueAxisLeft,
  Y_TICKS,
  type Margins,
} from './chart-frame.js';

export interface PeriodFrame {
  periods: readonly string[];
  m: Margins;
  height: number;
  legendH: number;
  x: ScaleBand<string>;
  y: ScaleLinear<number, number>;
  /** The middle of a period's band. */
  centre: (period: string) => number;
}

/** The scales of a chart of `periods` with values up to `max` and a legend of `legendItems` entries. */
export function periodFrame(
  periods: readonly string[],
  legendItems: number,
  max: number,
  /** The gap between bands, as a share of a band (d3's padding). */
  padding: number,
): PeriodFrame {
  const legendH = legendHeight(legendItems);
  const m: Margins = { top: 12, right: 16, bottom: 52 + legendH + 8, left: 52 };
  const height = 250 + legendH;
  const x = scaleBand<string>()
    .domain(periods)
    .range([m.left, WIDTH - m.right])
    .padding(padding);
  const y = scaleLinear()
    .domain([0, max])
    .nice(Y_TICKS)
    .range([height - m.bottom, m.top]);
  return { periods, m, height, legendH, x, y, centre: (p) => r1((x(p) ?? 0) + x.bandwidth() / 2) };
}

/** The drawing: value axis, period axis, the chart's own marks, and the legend under them. */
export function periodDrawing(
  frame: PeriodFrame,
  titles: { value: string; period: string },
  marks: readonly SafeHtml[],
  legendItems: readonly { label: string; colour: string }[],
): SafeHtml {
  const { m, height, y } = frame;
  return html`${valueAxisLeft(y.ticks(Y_TICKS).filter(Number.isInteger), (v) => r1(y(v)), m, height, titles.value)}
${categoryAxisBottom(
  everyNth(frame.periods).map((p) => ({ x: frame.centre(p), label: p })),
  m,
  height,
  titles.period,
)}
${marks}
${legend(legendItems, height - frame.legendH - 4)}`;
}

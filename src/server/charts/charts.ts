/**
 * Parley's three charts as server-rendered SVG, from counts already read: articles per week by
 * topic (lines), timeline entries per month by type (stacked bars), and the US–Russia pairs of
 * people who share the most entries (horizontal bars). d3-scale maps counts and dates to positions
 * (nice ticks included), d3-shape draws the lines and stacks the bars; neither needs a DOM.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { TopicWeek } from '../../stages/store/chart-queries.js';
import { html, type SafeHtml } from '../html.js';
import {
  AXIS_COLOUR,
  PALETTE,
  WIDTH,
  emptyFigure,
  figure,
  legend,
  r1,
  Y_TICKS,
  plural,
  type Margins,
} from './chart-frame.js';
import { periodDrawing, periodFrame } from './period-frame.js';
import { stackedBarsChart } from './stacked-bars.js';

/** Topics drawn as their own line; more lines than this cannot be told apart. */
export const MAX_TOPIC_LINES = 8;

/** Fixed colours per event type, so a type looks the same on every page. */
export const TYPE_COLOURS: Record<string, string> = {
  meeting: PALETTE[0],
  call: PALETTE[1],
  agreement: PALETTE[4],
  sanctions: PALETTE[2],
  expulsion: PALETTE[6],
  veto: PALETTE[8],
};

/** Articles per week, one line per topic (the MAX_TOPIC_LINES with most articles in the window). */
export function articlesPerWeekChart(weeks: readonly string[], counts: readonly TopicWeek[]): SafeHtml {
  const id = 'chart-topics-weekly';
  const title = 'Articles per week by topic';
  if (weeks.length === 0 || counts.length === 0) return emptyFigure(id, title, 'No articles stored yet.');
  const totals = new Map<string, number>();
  for (const c of counts) totals.set(c.topic, (totals.get(c.topic) ?? 0) + c.count);
  const topics = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_TOPIC_LINES)
    .map(([t]) => t);
  const value = new Map(counts.map((c) => [`${c.week} ${c.topic}`, c.count]));
  const max = Math.max(1, ...counts.filter((c) => topics.includes(c.topic)).map((c) => c.count));
  const frame = periodFrame(weeks, topics.length, max, 0.1);
  const { centre, y } = frame;
  const series = topics.map((topic, i) => {
    const colour = PALETTE[i % PALETTE.length]!;
    const d =
      line<string>()
        .x(centre)
        .y((w) => r1(y(value.get(`${w} ${topic}`) ?? 0)))(weeks) ?? '';
    const dots = weeks.map((w) => {
      const n = value.get(`${w} ${topic}`) ?? 0;
      return html`<circle cx="${centre(w)}" cy="${r1(y(n))}" r="2.5" fill="${colour}"><title>${topic}, week of ${w}: ${plural(n, 'article')}</title></circle>`;
    });
    return html`<g class="series" data-topic="${topic}"><path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>${dots}</g>`;
  });
  const busiest = [...counts].sort((a, b) => b.count - a.count)[0]!;
  const description = `Lines of weekly article counts for ${plural(topics.length, 'topic')} (${topics.join(', ')}) over ${plural(weeks.length, 'week')} from ${weeks[0]} to ${weeks.at(-1)}. Busiest: ${busiest.topic} in the week of ${busiest.week}, ${plural(busiest.count, 'article')}.`;
  return figure(
    id,
    title,
    description,
    frame.height,
    periodDrawing(
      frame,
      { value: 'Articles', period: 'Week (starting Monday, UTC)' },
      series,
      topics.map((t, i) => ({ label: t, colour: PALETTE[i % PALETTE.length]! })),
    ),
    totals.size > topics.length
      ? `The ${topics.length} topics with most articles in these weeks; an article with several topics counts in each.`
      : 'An article with several topics counts in each.',
  );
}

/** Timeline entries per month, stacked by type. `months` are YYYY-MM, oldest first. */
export function eventsPerMonthChart(
  months: readonly string[],
  counts: readonly { month: string; type: string; count: number }[],
): SafeHtml {
  const id = 'chart-events-monthly';
  const title = 'Events per month by type';
  if (months.length === 0 || counts.length === 0) return emptyFigure(id, title, 'No events in this period.');
  return stackedBarsChart({
    id,
    title,
    periods: months,
    colours: TYPE_COLOURS,
    counts: counts.map((c) => ({ period: c.month, key: c.type, count: c.count })),
    seriesAttribute: 'type',
    valueAxis: 'Events',
    periodAxis: 'Month of the event (its date, else when first reported)',
    barTitle: (month, n, type) => `${month}: ${plural(n, type.endsWith('s') ? `${type} event` : type)}`,
    describe: (total, perType) =>
      `Stacked bars of timeline entries per month from ${months[0]} to ${months.at(-1)}: ${plural(total, 'entry', 'entries')} in all (${perType.join(', ')}).`,
    note: 'Each real-world event counts once, however many articles report it.',
  });
}

/** The pairs (US person, Russian person) sharing the most timeline entries, most first. */
export function topPairsChart(pairs: readonly { us: string; ru: string; count: number }[]): SafeHtml {
  const id = 'chart-top-pairs';
  const title = 'Most frequent US–Russia pairs of people';
  if (pairs.length === 0) return emptyFigure(id, title, 'No events with a named person on each side yet.');
  const labels = pairs.map((p) => `${p.us} – ${p.ru}`);
  const LEGEND_H = 20;
  const m: Margins = { top: 8, right: 40, bottom: 52 + LEGEND_H + 8, left: 290 };
  const height = m.top + m.bottom + pairs.length * 26;
  const yb = scaleBand<string>()
    .domain(labels)
    .range([m.top, height - m.bottom])
    .padding(0.25);
  const x = scaleLinear()
    .domain([0, Math.max(1, ...pairs.map((p) => p.count))])
    .nice(Y_TICKS)
    .range([m.left, WIDTH - m.right]);
  const bars = pairs.map((p, i) => {
    const top = r1(yb(labels[i]!) ?? 0);
    const mid = r1(top + yb.bandwidth() / 2);
    return html`<g class="pair"><text x="${m.left - 8}" y="${mid}" dy="0.32em" text-anchor="end">${labels[i]}</text>
<rect x="${m.left}" y="${top}" width="${r1(x(p.count) - m.left)}" height="${r1(yb.bandwidth())}" fill="${PALETTE[0]}"><title>${p.us} (US) and ${p.ru} (Russia): ${plural(p.count, 'event')} together</title></rect>
<text x="${r1(x(p.count) + 4)}" y="${mid}" dy="0.32em" fill="${AXIS_COLOUR}">${p.count}</text></g>`;
  });
  const base = height - m.bottom;
  const ticks = x.ticks(Y_TICKS).filter(Number.isInteger);
  const axis = html`<g class="axis x"><line x1="${m.left}" x2="${WIDTH - m.right}" y1="${base}" y2="${base}" stroke="${AXIS_COLOUR}"/>
${ticks.map((t) => html`<line x1="${r1(x(t))}" x2="${r1(x(t))}" y1="${base}" y2="${base + 5}" stroke="${AXIS_COLOUR}"/><text x="${r1(x(t))}" y="${base + 18}" text-anchor="middle" fill="${AXIS_COLOUR}">${t}</text>`)}
<text x="${(m.left + WIDTH - m.right) / 2}" y="${base + 38}" text-anchor="middle" fill="${AXIS_COLOUR}" font-weight="600">Events both took part in</text>
<text x="${m.left - 8}" y="${base + 18}" text-anchor="end" fill="${AXIS_COLOUR}" font-weight="600">US person – Russian person</text></g>`;
  const first = pairs[0]!;
  const description = `Horizontal bars for the ${plural(pairs.length, 'pair')} of a US and a Russian person named together in the most timeline entries. Most frequent: ${first.us} and ${first.ru}, ${plural(first.count, 'event')}.`;
  return figure(
    id,
    title,
    description,
    height,
    html`${axis}${bars}${legend([{ label: 'bar: events naming both people', colour: PALETTE[0] }], height - LEGEND_H - 4)}`,
    'Named people only: a side given only as its state (“United States”, “Russia”) is left out.',
  );
}

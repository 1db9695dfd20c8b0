/**
 * Articles per week by the kind of their source (official, wire, state media, press, or none
 * given), as stacked bars: how much of the coverage is governments' own readouts, week by week.
 */
import type { KindWeek } from '../../stages/store/chart-queries.js';
import type { SafeHtml } from '../html.js';
import { PALETTE, emptyFigure, plural } from './chart-frame.js';
import { stackedBarsChart } from './stacked-bars.js';

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
  return stackedBarsChart({
    id,
    title,
    periods: weeks,
    colours: KIND_COLOURS,
    counts: counts.map((c) => ({ period: c.week, key: c.kind ?? NO_KIND, count: c.count })),
    seriesAttribute: 'kind',
    valueAxis: 'Articles',
    periodAxis: 'Week (starting Monday, UTC)',
    barTitle: (week, n, kind) => `Week of ${week}: ${plural(n, 'article')}, ${kind}`,
    describe: (total, perKind) =>
      `Stacked bars of articles per week by the kind of their source, from ${weeks[0]} to ${weeks.at(-1)}: ${plural(total, 'article')} in all (${perKind.join(', ')}).`,
    note: 'The kind is the one its feed or sitemap was registered with (sources/us-russia.yaml); “no kind given” for the others. Filter the list with ?kind=official.',
  });
}

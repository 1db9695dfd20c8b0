/** What a feed's polls bring: the last successful poll's new items and their average over the recent ones. */
import { POLL_HISTORY, type FeedRecord } from './feed-registry.js';

export interface NewItemsPerPoll {
  /** New items of the last successful poll; null before the first. */
  last: number | null;
  /** Mean new items per poll over the counted polls (at most POLL_HISTORY); null before the first. */
  average: number | null;
  /** How many polls the average counts. */
  polls: number;
}

export function newItemsPerPoll(f: Pick<FeedRecord, 'recentNewItems'>): NewItemsPerPoll {
  const counts = f.recentNewItems.slice(-POLL_HISTORY);
  if (counts.length === 0) return { last: null, average: null, polls: 0 };
  return { last: counts.at(-1)!, average: counts.reduce((a, b) => a + b, 0) / counts.length, polls: counts.length };
}

/** An average as people read it: a whole number as is, else one decimal ("2.5"); "–" before any poll. */
export function formatAverage(average: number | null): string {
  if (average === null) return '–';
  return Number.isInteger(average) ? String(average) : average.toFixed(1);
}

/**
 * Source health: is a feed failing (its polls keep erroring) or silent (no new item for much longer
 * than its usual gap between new items, learned from the feed's own recent history)? Plain
 * functions; the registry keeps the history and the state last noticed, the watch jobs send notices.
 */
/** Errors in a row that make a feed failing: one or two are blips (a timeout, a deploy); three, with
 * the registry's doubling back-off between them, is an outage of about two hours at a quarter-hour interval. */
export const HEALTH_FAILING_AFTER = 3;
/** New-item times kept per feed: enough for a steady median, small enough for one hash field. */
export const ITEM_HISTORY = 20;
/** Gaps needed before a feed's rhythm counts as learned: fewer say nothing about its usual interval. */
export const MIN_GAPS_TO_LEARN = 3;
/** Silent when the gap since the last new item exceeds this many median gaps: a slow day is not an outage. */
export const SILENCE_FACTOR = 3;
/** …and never under a day: feeds that post hourly still skip nights and weekends' mornings. */
export const MIN_SILENCE_MS = 24 * 3_600_000;

export type SourceState = 'ok' | 'failing' | 'silent';

export interface SourceHealth {
  state: SourceState;
  /** Why, in a sentence a person reads in a notice. */
  detail: string;
}

/** The median of the gaps between successive times (ascending or not); null below MIN_GAPS_TO_LEARN gaps. */
export function medianGap(times: readonly number[]): number | null {
  const sorted = [...times].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((t, i) => t - sorted[i]!);
  if (gaps.length < MIN_GAPS_TO_LEARN) return null;
  gaps.sort((a, b) => a - b);
  const mid = Math.floor(gaps.length / 2);
  return gaps.length % 2 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
}

/** How long without a new item makes this feed silent; null while its rhythm is not learned. */
export function silenceAfter(times: readonly number[]): number | null {
  const median = medianGap(times);
  return median === null ? null : Math.max(SILENCE_FACTOR * median, MIN_SILENCE_MS);
}

const hours = (ms: number) => `${Math.round(ms / 360_000) / 10} h`;

/** A feed's health now, from its record and its recent new-item times. Failing wins over silent. */
export function sourceHealth(
  record: { consecutiveErrors: number; lastError: string | null },
  itemTimes: readonly number[],
  now: number,
): SourceHealth {
  if (record.consecutiveErrors >= HEALTH_FAILING_AFTER)
    return {
      state: 'failing',
      detail: `${record.consecutiveErrors} polls in a row failed; last error: ${record.lastError ?? 'unknown'}`,
    };
  const limit = silenceAfter(itemTimes);
  const last = itemTimes.length ? Math.max(...itemTimes) : null;
  if (limit !== null && last !== null && now - last > limit)
    return {
      state: 'silent',
      detail: `no new item for ${hours(now - last)}; it usually posts every ${hours(medianGap(itemTimes)!)} (silent after ${hours(limit)})`,
    };
  return { state: 'ok', detail: 'polls succeed and new items arrive at the usual pace' };
}

/**
 * Retention: skipped articles (judged not relevant) are kept so they are not fetched again and so
 * a person can see why; past an age they may be pruned. Stored articles are never pruned here.
 */

/** An age such as `90d`, `12h`, `30m` or `2w`. */
const AGE = /^(\d+)\s*(m|h|d|w)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/** A bad age; the message says what was wrong. */
export class InvalidAgeError extends Error {
  override name = 'InvalidAgeError';
  readonly code = 'INVALID_AGE';
}

/** An age in milliseconds; `what` names the setting in the error. */
export function parseAge(text: string, what: string): number {
  const m = AGE.exec(text.trim());
  const ms = m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : 0;
  if (!m || ms <= 0)
    throw new InvalidAgeError(`${what} must be an age such as 90d, 12h, 30m or 2w (got ${JSON.stringify(text)})`);
  return ms;
}

/** The ISO time an age back from `now`: skipped before it are pruned. */
export function cutoff(ageMs: number, now = Date.now()): string {
  return new Date(now - ageMs).toISOString();
}

/** Rows deleted per statement while pruning: short transactions, so the store workers are never held up long. */
export const PRUNE_BATCH = 5_000;

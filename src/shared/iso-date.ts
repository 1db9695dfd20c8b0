/** A date as ISO 8601 UTC, or undefined when it is missing or does not parse. */
export function isoDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Years before this are not dates of US–Russia diplomacy as Parley covers it (events, dates read from text). */
export const EARLIEST_YEAR = 1990;

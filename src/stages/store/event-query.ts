/**
 * Reads an EventQuery from text parameters (CLI flags, URL query strings) and says which one is
 * wrong; the CLI and the HTTP API share it.
 */
import { z } from 'zod';
import { EVENT_STATUSES, EVENT_TYPES } from '../events/types.js';
import { parseQueryParams, text, whole } from './article-query.js';
import { DEFAULT_EVENT_LIMIT, MAX_EVENT_LIMIT, type EventQuery } from './event-queries.js';

const DAY_OR_MONTH = /^\d{4}-\d{2}(-\d{2})?$/;

function calendarDay(day: string): boolean {
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
}

/** Events may be dated to the month only, so a month is a date here. */
const date = z
  .string()
  .trim()
  .optional()
  .refine(
    // A real day of the calendar: Date.parse rolls "2017-02-30" over to March, so the day must come back.
    (v) => !v || (DAY_OR_MONTH.test(v) && calendarDay(v.length === 7 ? `${v}-01` : v)),
    'must be a date: YYYY-MM-DD or YYYY-MM',
  )
  .transform((v) => v || undefined);

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || (values as readonly string[]).includes(v), `must be one of ${values.join(', ')}`)
    .transform((v) => v as T[number] | undefined);

const EventQuerySchema = z.object({
  type: oneOf(EVENT_TYPES),
  status: oneOf(EVENT_STATUSES),
  actor: text(200),
  site: text(500),
  from: date,
  to: date,
  limit: whole(1, MAX_EVENT_LIMIT, DEFAULT_EVENT_LIMIT),
  offset: whole(0, 10_000_000, 0),
});

export const EVENT_QUERY_PARAMETERS = Object.keys(EventQuerySchema.shape);

/** Parses filters from strings; unknown parameters are ignored, a bad value throws InvalidQueryError. */
export function parseEventQuery(raw: Record<string, unknown>): EventQuery & { limit: number; offset: number } {
  return parseQueryParams(EventQuerySchema, raw);
}

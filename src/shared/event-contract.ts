/**
 * The diplomatic event as data crosses a boundary (a queue payload, the store): validated, never
 * trusted. The extractor that makes events lives in stages/events; this is only their shape.
 */
import { z } from 'zod';

export const EVENT_TYPES = ['meeting', 'call', 'agreement', 'sanctions', 'expulsion', 'veto'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_STATUSES = ['held', 'planned', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Longest evidence sentence kept (a sentence longer than this is not a sentence). */
export const MAX_EVIDENCE_CHARS = 2_000;
const MAX_PEOPLE = 20;
/** Years an event may carry: diplomacy before 1900 or after 2200 is a misread date. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** True when the day exists ("February 30" does not). */
function realDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  return new Date(Date.UTC(y, m - 1, d)).getUTCMonth() === m - 1;
}

const name = z.string().trim().min(1).max(200);
const eventDate = z
  .string()
  .refine((v) => {
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(v);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
    return y >= MIN_YEAR && y <= MAX_YEAR && realDay(y, mo, d);
  }, 'must be a real day (YYYY-MM-DD) or month (YYYY-MM)')
  .nullable();

export const DiplomaticEventSchema = z.object({
  type: z.enum(EVENT_TYPES),
  status: z.enum(EVENT_STATUSES),
  us: z.array(name).min(1).max(MAX_PEOPLE),
  ru: z.array(name).min(1).max(MAX_PEOPLE),
  initiator: z.enum(['us', 'ru']).nullable(),
  place: name.nullable(),
  date: eventDate,
  evidence: z.string().min(1).max(MAX_EVIDENCE_CHARS),
});

/** Events of one article (the extractor keeps at most a few dozen). */
export const ArticleEventsSchema = z.array(DiplomaticEventSchema).max(100);

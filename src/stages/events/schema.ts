/** The event as data crosses a boundary (a queue payload, the store): validated, never trusted. */
import { z } from 'zod';
import { validDay } from './dates.js';
import { EVENT_STATUSES, EVENT_TYPES } from './types.js';

/** Longest evidence sentence kept (a sentence longer than this is not a sentence). */
export const MAX_EVIDENCE_CHARS = 2_000;
const MAX_PEOPLE = 20;

const name = z.string().trim().min(1).max(200);
const eventDate = z
  .string()
  .refine((v) => {
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(v);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
    return y >= 1900 && y <= 2200 && validDay(y, mo, d) !== null;
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

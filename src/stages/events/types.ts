/** The US–Russia diplomatic events the extractor reports (definitions: the README's "Events"). */

import type { EventStatus, EventType } from '../../shared/event-contract.js';

export { EVENT_STATUSES, EVENT_TYPES, type EventStatus, type EventType } from '../../shared/event-contract.js';

export type Lang = 'en' | 'ru';

/** One event as one article reports it. */
export interface DiplomaticEvent {
  type: EventType;
  status: EventStatus;
  /** Canonical names acting for the US ("John Kerry"), or the state ("United States") when none is named. */
  us: string[];
  ru: string[];
  /** For sanctions, expulsion and veto: the side that acts. */
  initiator: 'us' | 'ru' | null;
  /** City where a meeting or signing took place; null for calls and when unknown. */
  place: string | null;
  /** YYYY-MM-DD, YYYY-MM when only the month is known, or null. */
  date: string | null;
  /** The sentence, copied from the article, that reports the event. */
  evidence: string;
}

/** The article as the extractor reads it. */
export interface EventInput {
  title: string;
  text: string;
  /** The article's date (ISO 8601 or YYYY-MM-DD); relative dates resolve against it. */
  date?: string | null;
}

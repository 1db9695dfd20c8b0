/**
 * One event assembled at its trigger: its status (a planned or cancelled cue near the trigger),
 * its participants, its day and its place; or none when it is history the article only recalls.
 */
import { isHistory } from './article-context.js';
import { formatDay } from './dates.js';
import { eventDate } from './event-date.js';
import { participants } from './participants.js';
import type { PersonMention } from './people.js';
import { findPlace } from './places.js';
import { inTitle, type ArticleReading } from './reading.js';
import type { DiplomaticEvent, EventType, Lang } from './types.js';

/** Events dated this long before the article are history the article recalls, not news. */
export const HISTORY_DAYS = 366;
/**
 * Events older than this are background the guidelines leave out ("within about 90 days", with a
 * little slack for month-only dates), unless the article is about them: one of their people is
 * named in the title.
 */
export const NEWS_DAYS = 100;
/** Characters around a trigger in which a planned/cancelled cue counts for its event. */
const STATUS_WINDOW_BEFORE = 90;
const STATUS_WINDOW_AFTER = 50;

/**
 * The event of type `type` whose trigger spans `start`–`end` in clause `text`, or null. `orig` is
 * the sentence's index among all the article's (for dates referred back to).
 */
export function readEvent(
  reading: ArticleReading,
  type: EventType,
  text: string,
  lang: Lang,
  start: number,
  end: number,
  mentioned: PersonMention[],
  orig: number,
): DiplomaticEvent | null {
  const { rules, people, places } = reading.tools;
  const { ref, textYear } = reading;
  const near = text.slice(Math.max(0, start - STATUS_WINDOW_BEFORE), end + STATUS_WINDOW_AFTER);
  const status = rules.cancelled[lang]?.test(near) ? 'cancelled' : rules.planned[lang]?.test(near) ? 'planned' : 'held';
  const sides = participants(reading, { type, text, lang, start, end, orig }, mentioned);
  if (!sides) return null;
  const { us, ru, initiator, decreed } = sides;
  let date = eventDate(reading, { text, lang, start, end, planned: status === 'planned', decreed, orig });
  // "Trump's Treasury Department adjusts sanctions on…": a lede in the present tells the day's news.
  if (!date && ref && status === 'held' && rules.presentTense[lang]?.test(text.slice(start, end)))
    date = formatDay(ref);
  const year = ref?.y ?? textYear;
  if (year !== null && isHistory(text, year)) return null;
  if (rules.pastYear[lang]?.test(text) && !inTitle(reading, [...us, ...ru])) return null;
  // A planned event dated long before the article is old history too ("…saying Flynn would talk
  // to Kislyak that evening", of a December the year before).
  if (date && ref) {
    const ageDays =
      (Date.UTC(ref.y, ref.m - 1, ref.d) - Date.parse(date.length === 7 ? `${date}-28` : date)) / 86_400_000;
    if (ageDays > HISTORY_DAYS) return null;
    if (ageDays > NEWS_DAYS && !inTitle(reading, [...us, ...ru, ...(lang === 'en' ? people.others(text) : [])]))
      return null;
  }
  const place =
    type === 'call' || type === 'sanctions' || type === 'expulsion' || type === 'veto'
      ? null
      : findPlace(places, text, lang, start);
  return { type, status, us, ru, initiator, place, date, evidence: text };
}

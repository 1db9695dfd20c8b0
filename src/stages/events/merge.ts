/**
 * When two reports are of one real-world event: same type, overlapping people on each side (a
 * side given only as the state overlaps any), dates within a day where both give a day (a month
 * agrees with any day in it), same place where both give one. Used within an article here and
 * across articles by the store's timeline.
 */
import type { DiplomaticEvent, EventStatus } from './types.js';

/** Names that stand for a whole side, not a person. */
export const STATE_NAMES = new Set(['United States', 'Russia', 'US Congress', 'Russian parliament']);

const DAY_MS = 86_400_000;

const surname = (n: string) => n.split(' ').at(-1)!;

/** Whether two lists of one side's people overlap (a state-only side overlaps any). */
export function peopleOverlap(a: readonly string[], b: readonly string[]): boolean {
  const pa = a.filter((n) => !STATE_NAMES.has(n));
  const pb = b.filter((n) => !STATE_NAMES.has(n));
  if (pa.length === 0 || pb.length === 0) return true;
  return pa.some((x) => pb.some((y) => x === y || surname(x) === surname(y)));
}

/** Whether two dates can be the same day: both unknown or one unknown agrees. */
export function datesAgree(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  if (a.length === 7 || b.length === 7) return a.slice(0, 7) === b.slice(0, 7);
  return Math.abs(Date.parse(a) - Date.parse(b)) <= DAY_MS;
}

/** Whether two reports may describe the same event. */
export function sameEvent(
  a: Pick<DiplomaticEvent, 'type' | 'us' | 'ru' | 'date' | 'place'>,
  b: Pick<DiplomaticEvent, 'type' | 'us' | 'ru' | 'date' | 'place'>,
): boolean {
  return (
    a.type === b.type &&
    peopleOverlap(a.us, b.us) &&
    peopleOverlap(a.ru, b.ru) &&
    datesAgree(a.date, b.date) &&
    (!a.place || !b.place || a.place === b.place)
  );
}

/** The more precise of two dates (a day over a month over nothing); the first on a tie. */
export function preciseDate(a: string | null, b: string | null): string | null {
  return (b?.length ?? 0) > (a?.length ?? 0) ? b : a;
}

/** People of both lists; a state name is dropped once a person is named. */
export function unionPeople(a: readonly string[], b: readonly string[]): string[] {
  const all = [...new Set([...a, ...b])];
  const people = all.filter((n) => !STATE_NAMES.has(n));
  if (people.length === 0) {
    const legislatures = all.filter((n) => n === 'US Congress' || n === 'Russian parliament');
    return legislatures.length ? legislatures : all;
  }
  const legislatures = all.filter((n) => n === 'US Congress' || n === 'Russian parliament');
  return [...legislatures, ...people];
}

/** Status of several reports of one event: cancelled if any says so, else held if any, else planned. */
export function combinedStatus(statuses: readonly EventStatus[]): EventStatus {
  if (statuses.includes('cancelled')) return 'cancelled';
  if (statuses.includes('held')) return 'held';
  return 'planned';
}

/** An event as one sentence reports it; a headline's tense says little, so its status is weak. */
export interface ArticleReport extends DiplomaticEvent {
  weakStatus?: boolean;
  /** Read from a contact word ("discussed … with"), not a call trigger: may describe a meeting. */
  contact?: boolean;
  /** Both sides only states, the sentence referring back to a pair ("their second meeting"). */
  pairRef?: boolean;
}

const LEGISLATURES = new Set(['US Congress', 'Russian parliament']);

/**
 * Within one article, a measure the legislature takes (a vote) and one a named person takes (the
 * president signing it) are two steps, even when no date tells them apart.
 */
function sameBody(a: DiplomaticEvent, b: DiplomaticEvent): boolean {
  if (a.initiator === null) return true;
  const acting = (e: DiplomaticEvent) => (e.initiator === 'us' ? e.us : e.ru);
  const kind = (e: DiplomaticEvent) =>
    acting(e).some((n) => LEGISLATURES.has(n))
      ? 'body'
      : acting(e).some((n) => !STATE_NAMES.has(n))
        ? 'person'
        : 'state';
  const [x, y] = [kind(a), kind(b)];
  return x === 'state' || y === 'state' || x === y;
}

/** Merges the reports of one article into one event each; keeps at most `max` events. */
export function mergeInArticle(found: readonly ArticleReport[], max: number, notes: string[]): DiplomaticEvent[] {
  const out: ArticleReport[] = [];
  let dropped = 0;
  for (const e of found) {
    // Within one article, sanctions of each side against the other are two events (a measure and
    // the retaliation), even when no date tells them apart.
    // One sentence giving two days ("that day, and again the following day") reports two events.
    const twice = (o: ArticleReport) => o.evidence === e.evidence && !!o.date && !!e.date && o.date !== e.date;
    const same = out.find((o) => sameEvent(o, e) && o.initiator === e.initiator && sameBody(o, e) && !twice(o));
    if (same) {
      same.us = unionPeople(same.us, e.us);
      same.ru = unionPeople(same.ru, e.ru);
      same.date = preciseDate(same.date, e.date);
      same.place ??= e.place;
      if (same.weakStatus && !e.weakStatus) same.status = e.status;
      else if (!e.weakStatus) same.status = combinedStatus([same.status, e.status]);
      same.weakStatus &&= e.weakStatus;
      same.initiator ??= e.initiator;
      continue;
    }
    if (out.length >= max) {
      dropped++;
      continue;
    }
    out.push({ ...e, us: [...e.us], ru: [...e.ru] });
  }
  if (dropped) notes.push(`${dropped} further events left out: at most ${max} per article`);
  return out.map(({ weakStatus: _weak, contact: _contact, pairRef: _pair, ...e }) => e);
}

/**
 * What the extractor knows of a whole article beyond one sentence: who is named with whom (to find
 * a meeting's counterpart), where its other meetings took place, which years it recalls.
 */
import { datesAgree, peopleOverlap, STATE_NAMES, type ArticleReport } from './merge.js';
import type { PersonMention } from './people.js';
import type { DiplomaticEvent } from './types.js';

/**
 * A meeting the article gives no place for took place where another of its meetings sharing a
 * named person and an agreeing date did (the meetings of one visit: "…a further meeting with Putin").
 */
export function inheritPlaces(events: DiplomaticEvent[]): void {
  const named = (list: string[]) => list.filter((n) => !STATE_NAMES.has(n));
  for (const e of events) {
    if (e.type !== 'meeting' || e.place) continue;
    const other = events.find(
      (o) =>
        o !== e &&
        o.type === 'meeting' &&
        o.place &&
        datesAgree(o.date, e.date) &&
        named([...o.us, ...o.ru]).some((n) => e.us.includes(n) || e.ru.includes(n)),
    );
    if (other) {
      e.place = other.place;
      e.date ??= other.date;
    }
  }
}

/** Notes said once each, with how many times ("… (×12)"). */
export function summarise(notes: string[]): string[] {
  const counts = new Map<string, number>();
  for (const n of notes) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, k]) => (k > 1 ? `${n} (×${k})` : n));
}

function pairKey(us: string, ru: string): string {
  return `${us}\n${ru}`;
}

/** Counts the sentences in which each US person and each Russian person are named together. */
export function countPairs(pairs: Map<string, number>, mentioned: PersonMention[]): void {
  const us = new Set(mentioned.filter((p) => p.side === 'us').map((p) => p.name));
  const ru = new Set(mentioned.filter((p) => p.side === 'ru').map((p) => p.name));
  for (const u of us) for (const r of ru) pairs.set(pairKey(u, r), (pairs.get(pairKey(u, r)) ?? 0) + 1);
}

/**
 * A meeting or call whose one side is only the state ("Tillerson's visit to Moscow") is with the
 * person of that side the article names most often together with the other side's people (his
 * counterpart), if there is one.
 */
export function fillCounterpart(e: DiplomaticEvent, pairs: Map<string, number>): void {
  if (e.type !== 'meeting' && e.type !== 'call') return;
  const generic = (list: string[]) => list.length === 1 && STATE_NAMES.has(list[0]!);
  const best = (known: string[], side: 'us' | 'ru'): string | null => {
    const scores = new Map<string, number>();
    for (const [key, n] of pairs) {
      const [u, r] = key.split('\n') as [string, string];
      const [mine, other] = side === 'ru' ? [u, r] : [r, u];
      if (known.includes(mine)) scores.set(other, (scores.get(other) ?? 0) + n);
    }
    return [...scores.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  };
  if (generic(e.ru) && !generic(e.us)) e.ru = [best(e.us, 'ru') ?? e.ru[0]!];
  else if (generic(e.us) && !generic(e.ru)) e.us = [best(e.ru, 'us') ?? e.us[0]!];
}

/** A year named in the sentence at least this many years before the article's marks old history. */
const HISTORY_YEARS = 2;
const YEAR = /(?<!\d)(19[89]\d|20\d\d)(?!\d)/g;

/** The sentence recalls old history ("sanctions imposed over Crimea in 2014" in a 2017 article). */
export function isHistory(text: string, articleYear: number): boolean {
  const years = (text.match(YEAR) ?? []).map(Number).filter((y) => y <= articleYear);
  return years.length > 0 && Math.max(...years) <= articleYear - HISTORY_YEARS;
}

/**
 * A meeting or call of two bare states that refers back to a pair ("their second meeting") is
 * between the pair of people the article names together most often, if it names one.
 */
export function fillPairs(found: ArticleReport[], pairs: Map<string, number>): void {
  const top = [...pairs.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  if (!top) return;
  const [u, r] = top[0].split('\n') as [string, string];
  for (const e of found) {
    if (!e.pairRef) continue;
    e.us = [u];
    e.ru = [r];
  }
}

/**
 * "Conversations" or "discussed … with" in an article that reports a meeting of the same people
 * on an agreeing date describe that meeting, not a call: one event per real-world interaction.
 */
export function dropContactsOfMeetings(found: ArticleReport[]): void {
  const named = (list: string[]) => list.some((n) => !STATE_NAMES.has(n));
  for (let i = found.length - 1; i >= 0; i--) {
    const c = found[i]!;
    if (!c.contact || c.type !== 'call') continue;
    const meeting = found.some(
      (m) =>
        m.type === 'meeting' &&
        (named(m.us) || named(m.ru)) &&
        peopleOverlap(m.us, c.us) &&
        peopleOverlap(m.ru, c.ru) &&
        datesAgree(m.date, c.date),
    );
    if (meeting) found.splice(i, 1);
  }
}

/**
 * "Russia and the United States agreed on Tuesday…" in an article reporting that day's meeting of
 * Kerry and Lavrov: an agreement of two bare states was reached at the meeting of the same day, by
 * its people (the first reported such meeting), where it took place (a meeting and the agreement reached at it are two events).
 */
export function inheritMeetingPeople(events: DiplomaticEvent[]): void {
  const bare = (list: string[]) => list.every((n) => STATE_NAMES.has(n));
  for (const e of events) {
    if (e.type !== 'agreement' || !e.date || e.date.length !== 10 || !bare(e.us) || !bare(e.ru)) continue;
    const meetings = events.filter(
      (m) => m.type === 'meeting' && m.date === e.date && !bare(m.us) && !bare(m.ru) && m.status === e.status,
    );
    const m = meetings[0];
    if (!m) continue;
    e.us = [...m.us];
    e.ru = [...m.ru];
    e.place ??= m.place;
  }
}

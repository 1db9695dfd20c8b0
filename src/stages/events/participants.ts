/**
 * Who takes part in an event read at a trigger: for a meeting or call, the people of each side
 * nearest the trigger (its counterparts after "with"); for a measure, the side named as its target
 * is struck and the other acts, through its legislature or the person nearest the trigger.
 */
import { antecedent } from './coreference.js';
import type { EventSide, PersonMention } from './people.js';
import { distance, type ArticleReading } from './reading.js';
import type { EventType, Lang } from './types.js';

/** How far from a sanctions or expulsion trigger (in characters) the person who acts is named. */
const MAX_ACTOR_DISTANCE = 50;
/** How far after a meeting or call trigger (in characters) its counterpart may be named. */
const COUNTERPART_DISTANCE = 60;
/** Between two people joined as one party: "and", a comma, and up to four title words. */
const COORDINATED = /^\s*(?:,|and|и)\s+(?:[\p{L}.’'-]+\s+){0,4}$/u;
/** A titled person's name ("President Abbas", "King Abdullah"). */
const TITLED_NAME = /\b(?:President|Prime Minister|Premier|Chancellor|King|Foreign Minister)\s+\p{Lu}\p{L}+/gu;
/** A head of state announcing what follows: "Putin said on Sunday that …". */
const ANNOUNCES = /^\s+(?:has |had )?(?:said|says|announced|declared|ordered)\b/u;

/** The trigger an event is read at. */
export interface Trigger {
  type: EventType;
  text: string;
  lang: Lang;
  start: number;
  end: number;
  /** The sentence's index among all the article's sentences. */
  orig: number;
}

/** Each side's people (or the state), the side that acts, and whether a head of state decreed it. */
export interface Participants {
  us: string[];
  ru: string[];
  initiator: 'us' | 'ru' | null;
  /** A head of state announced the measure ("Putin said … the mission must reduce its staff"). */
  decreed: boolean;
}

/** The participants of the event at trigger `t`, or null when the sentence names none for it. */
export function participants(reading: ArticleReading, t: Trigger, mentioned: PersonMention[]): Participants | null {
  const { rules } = reading.tools;
  const { type, text, lang, start, end } = t;
  // People in another clause than the trigger's ("…resigned after he had discussed sanctions
  // with the ambassador before Trump took office") are context, not participants.
  const separated = (p: PersonMention) => {
    const gap = p.end <= start ? text.slice(p.end, start) : p.start >= end ? text.slice(end, p.start) : '';
    return gap !== '' && (rules.personBarrier[lang]?.test(gap) ?? false);
  };
  let acting = mentioned.filter((p) => !p.speaker && !separated(p));
  // A pronoun between the last barrier and the trigger stands for the person named just
  // before it (whatever that person's role in the main clause).
  const lastBefore = [...mentioned].reverse().find((p) => p.end <= start);
  if (lastBefore && separated(lastBefore) && !acting.includes(lastBefore)) {
    const gap = text.slice(lastBefore.end, start);
    const tail = rules.personBarrier[lang]?.after(gap) ?? gap;
    if (rules.pronoun[lang]?.test(tail)) acting = [...acting, lastBefore];
  }
  // The person of each side nearest the trigger takes part; others named in the sentence are
  // mostly context ("…after misleading Vice President Mike Pence about his call with…").
  // "…met with Lavrov and Putin": the people right after "with" (and those joined to them by
  // "and") are that side's participants; others of the side named in the sentence are context.
  if (type === 'meeting' || type === 'call') {
    // "…discussed sanctions the Obama administration had imposed": the body acts there, not the person.
    acting = acting.filter((p) => !rules.bodyAfterName[lang]?.test(text.slice(p.end, p.end + 30)));
    acting = counterparts(reading, acting, text, lang, start, end);
  }
  const named = (side: EventSide) => {
    const own = acting.filter((p) => p.side === side);
    own.sort((a, b) => distance(a, start, end) - distance(b, start, end));
    return [...new Set(own.map((p) => p.name))];
  };
  const generic = (side: EventSide) => rules.data.sides[side].generic;
  const legislature = (side: EventSide) =>
    rules.legislature[side][lang]?.test(text) ? [rules.data.sides[side].legislature] : [];
  if (type === 'sanctions' || type === 'expulsion' || type === 'veto') {
    // The side named as the target nearest the trigger is acted upon; the other acts.
    const ruT = rules.ruTarget[lang]?.exec(text);
    const usT = rules.usTarget[lang]?.exec(text);
    // Sanctions and expulsions name whom they strike: with no side named as the target they
    // strike a third state ("sanctions on North Korea … to appease China and Russia").
    if (!ruT && !usT && type !== 'veto') return null;
    let initiator: EventSide;
    if (ruT && usT) initiator = distance(ruT, start, end) <= distance(usT, start, end) ? 'us' : 'ru';
    else initiator = ruT ? 'us' : usT ? 'ru' : firstSide(mentioned);
    const actor: EventSide = initiator;
    const other: EventSide = actor === 'us' ? 'ru' : 'us';
    // One body or one person acts: the legislature when the sentence names it, else the
    // person nearest the trigger (others are context: "…Trump would undo the expulsions
    // Obama had slapped on Moscow").
    const house = legislature(actor);
    const nearest = acting
      .filter((p) => p.side === actor && distance(p, start, end) <= MAX_ACTOR_DISTANCE)
      .sort((a, b) => distance(a, start, end) - distance(b, start, end))
      .map((p) => p.name);
    let actorPeople = type === 'veto' ? [] : house.length ? house : nearest.slice(0, 1);
    // "Putin said on Sunday that the U.S. mission must reduce its staff": a head of state who
    // announces a measure orders it, on the day he says so.
    const decree = mentioned.find(
      (p) =>
        p.side === actor &&
        p.end <= start &&
        rules.data.decrees.includes(p.name) &&
        ANNOUNCES.test(text.slice(p.end, start)),
    );
    let decreed = false;
    if (type !== 'veto' && !actorPeople.length && decree) {
      actorPeople = [decree.name];
      decreed = true;
    }
    const actorList = actorPeople.length ? actorPeople : [generic(actor)];
    return {
      us: actor === 'us' ? actorList : [generic(other)],
      ru: actor === 'ru' ? actorList : [generic(other)],
      initiator,
      decreed,
    };
  }
  const u = named('us');
  const r = named('ru');
  // With one side only the state, the other side's person must stand by the trigger (its
  // subject or counterpart): one named further off is context ("…the New York meeting of
  // lifting U.S. sanctions on Russia, a top priority for Putin").
  if ((type === 'meeting' || type === 'call') && (u.length === 0) !== (r.length === 0)) {
    const own = acting.filter((p) => p.side === (u.length ? 'us' : 'ru'));
    if (Math.min(...own.map((p) => distance(p, start, end))) > COUNTERPART_DISTANCE) return null;
    if (thirdPartyOwner(reading, t, mentioned, u.length ? 'ru' : 'us')) return null;
  }
  return { us: u.length ? u : [generic('us')], ru: r.length ? r : [generic('ru')], initiator: null, decreed: false };
}

/**
 * The people right after a counterpart cue ("met with Lavrov and Putin") and those joined to them
 * are that side's participants; the side's other people in the sentence are dropped.
 */
function counterparts(
  reading: ArticleReading,
  acting: PersonMention[],
  text: string,
  lang: Lang,
  start: number,
  end: number,
): PersonMention[] {
  const after = acting.filter((p) => p.start >= end && p.start - end <= COUNTERPART_DISTANCE);
  const first = after.find((p) => reading.tools.rules.counterpartCue[lang]?.test(text.slice(start, p.start)));
  if (!first) return acting;
  const joined = [first];
  for (const p of after) {
    const prev = joined.at(-1)!;
    if (p.start > prev.start && p.side === first.side && COORDINATED.test(text.slice(prev.end, p.start)))
      joined.push(p);
  }
  return acting.filter((p) => p.side !== first.side || joined.includes(p));
}

/**
 * "President Abbas spoke after his call with President Trump with the presidents of Russia…": a
 * meeting or call owned by a pronoun ("his call with Trump") whose side `missing` (the side named
 * only as a state) has no person named before the pronoun, in the sentence or the few before it,
 * is a third party's event with the counterpart, not one between the two sides.
 */
function thirdPartyOwner(reading: ArticleReading, t: Trigger, mentioned: PersonMention[], missing: EventSide): boolean {
  const owner = reading.tools.rules.pronounEvent[t.lang]?.exec(t.text.slice(0, t.end));
  if (!owner || owner.index + owner[0].length < t.start) return false;
  if (mentioned.some((p) => p.side === missing && p.start <= owner.index)) return false;
  // The owner is named: a titled person before the pronoun who acts for neither side.
  const before = t.text.slice(0, owner.index);
  const titled = [...before.matchAll(TITLED_NAME)].some(
    (m) => !mentioned.some((p) => p.start <= m.index + m[0].length && p.end > m.index),
  );
  return titled && antecedent(reading, missing, t.orig, t.lang) === null;
}

/** The side named first in the sentence acts (the subject usually comes first). */
function firstSide(mentioned: PersonMention[]): EventSide {
  return mentioned[0]?.side ?? 'us';
}

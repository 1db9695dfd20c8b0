/**
 * The extractor's rules (events.yaml beside this file), validated with zod at start-up and compiled
 * to regular expressions once. Errors name the field: `types.meeting.en[2]: Invalid regular expression`.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Gazetteer } from '../classify/gazetteer.js';
import { readDataFile } from '../classify/taxonomy.js';
import { TaxonomyError } from '../classify/taxonomy-error.js';
import { EVENT_TYPES, type EventType, type Lang } from './types.js';

/** The rules shipped with the stage. */
export const DEFAULT_EVENT_RULES_PATH = join(dirname(fileURLToPath(import.meta.url)), 'events.yaml');

/** A pattern that starts with this marker is matched case-sensitively ("Meet the Press" is not "meet"). */
export const CASE_SENSITIVE = '(?c)';

const regex = z
  .string()
  .min(1)
  .refine((s) => {
    try {
      const source = s.startsWith(CASE_SENSITIVE) ? s.slice(CASE_SENSITIVE.length) : s;
      new RegExp(source, /\\[pPu]\{/.test(source) ? 'iu' : 'i');
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression');
const perLang = z.object({ en: z.array(regex).default([]), ru: z.array(regex).default([]) }).strict();

const typeSchema = perLang
  .extend({ contact: z.array(regex).default([]), vetoes: perLang.default({ en: [], ru: [] }) })
  .strict();

const sideSchema = z
  .object({
    generic: z.string().min(1),
    legislature: z.string().min(1),
    legislatureCue: perLang,
    en: z.array(regex).min(1),
    ru: z.array(regex).min(1),
  })
  .strict();

const schema = z
  .object({
    types: z
      .object(Object.fromEntries(EVENT_TYPES.map((t) => [t, typeSchema])) as Record<EventType, typeof typeSchema>)
      .strict(),
    status: z.object({ planned: perLang, cancelled: perLang }).strict(),
    initiator: z.object({ ruTarget: perLang, usTarget: perLang }).strict(),
    sides: z.object({ us: sideSchema, ru: sideSchema }).strict(),
    prefilter: z.object({ en: z.array(z.string().min(2)).min(1), ru: z.array(z.string().min(2)).min(1) }).strict(),
    bothSides: perLang,
    namesRu: z.array(z.object({ name: z.string().min(1), stems: z.array(z.string().min(2)).min(1) }).strict()),
    places: z
      .object({
        cues: z.object({ en: z.array(regex).min(1) }).strict(),
        notPlaces: z.array(z.string().min(1)),
        multiWord: z.array(z.string().min(1)).default([]),
        aliases: z.record(z.string(), z.string()).default({}),
        ru: z.record(z.string(), z.array(z.string().min(2))),
        ruCues: z.array(regex).min(1),
      })
      .strict(),
    calendar: z
      .object({
        en: z
          .object({ months: z.array(z.array(regex).min(1)).length(12), weekdays: z.array(regex).length(7) })
          .strict(),
        ru: z
          .object({ months: z.array(z.array(regex).min(1)).length(12), weekdays: z.array(regex).length(7) })
          .strict(),
      })
      .strict(),
    speechDate: perLang,
    deadlineDate: perLang.default({ en: [], ru: [] }),
    dateBarrier: perLang.default({ en: [], ru: [] }),
    personBarrier: perLang.default({ en: [], ru: [] }),
    bodyAfterName: perLang.default({ en: [], ru: [] }),
    pairedStates: z
      .object({ en: z.array(z.enum(EVENT_TYPES)).default([]), ru: z.array(z.enum(EVENT_TYPES)).default([]) })
      .strict()
      .default({ en: [], ru: [] }),
    pronoun: perLang.default({ en: [], ru: [] }),
    pronounEvent: perLang.default({ en: [], ru: [] }),
    pairEvent: perLang.default({ en: [], ru: [] }),
    notSide: perLang.default({ en: [], ru: [] }),
    counterpartCue: perLang.default({ en: [], ru: [] }),
    receivesAlone: z.array(z.string().min(1)).default([]),
    decrees: z.array(z.string().min(1)).default([]),
    roles: z
      .array(
        z
          .object({
            side: z.enum(['us', 'ru']),
            en: z.array(regex).default([]),
            ru: z.array(regex).default([]),
            people: z.array(z.string().min(1)).min(1),
          })
          .strict(),
      )
      .default([]),
    pastYear: perLang.default({ en: [], ru: [] }),
    purpose: perLang.default({ en: [], ru: [] }),
    dateAnaphor: perLang.default({ en: [], ru: [] }),
    repeatNextDay: perLang.default({ en: [], ru: [] }),
    presentTense: perLang.default({ en: [], ru: [] }),
    dayBefore: perLang.default({ en: [], ru: [] }),
    dayAfter: perLang.default({ en: [], ru: [] }),
    multilateral: perLang.default({ en: [], ru: [] }),
    lifting: perLang.default({ en: [], ru: [] }),
    imposedBefore: perLang.default({ en: [], ru: [] }),
    pairSubject: perLang.default({ en: [], ru: [] }),
  })
  .strict();

export type EventRulesData = z.infer<typeof schema>;

/** Patterns of one language, compiled. */
export type ByLang<T> = Record<Lang, T>;

/** The compiled rules. */
export interface EventRules {
  data: EventRulesData;
  triggers: Record<EventType, ByLang<Matcher | null>>;
  vetoes: Record<EventType, ByLang<Matcher | null>>;
  /** English triggers of a type that count only when no meeting is reported in the sentence. */
  contact: Record<EventType, Matcher | null>;
  planned: ByLang<Matcher | null>;
  cancelled: ByLang<Matcher | null>;
  /** A trigger of sanctions or expulsion (the measures whose target names a side). */
  measureTrigger: ByLang<Matcher | null>;
  ruTarget: ByLang<Matcher | null>;
  usTarget: ByLang<Matcher | null>;
  side: { us: ByLang<Matcher | null>; ru: ByLang<Matcher | null> };
  legislature: { us: ByLang<Matcher | null>; ru: ByLang<Matcher | null> };
  speechDate: ByLang<Matcher | null>;
  /** Words just before a date that make it a deadline ("by September 1"), not the event's day. */
  deadlineDate: ByLang<Matcher | null>;
  /** Words between a date and the trigger that put the date in another clause ("resigned on Monday after…"). */
  dateBarrier: ByLang<Matcher | null>;
  /** Words between a person and the trigger that put the person in another clause. */
  personBarrier: ByLang<Matcher | null>;
  /** Words after a name that make it the attribute of a body ("the Obama administration"). */
  bodyAfterName: ByLang<Matcher | null>;
  /** Personal pronouns that refer back to the person named just before them. */
  pronoun: ByLang<Matcher | null>;
  /** A pronoun as the subject or owner of an event ("his talks with", "he met"). */
  pronounEvent: ByLang<Matcher | null>;
  /** Phrases naming a side as subject matter, not actor ("the probe into ties between Flynn and Russia"). */
  notSide: ByLang<Matcher | null>;
  /** Role phrases and the people who may hold them, most recent first. */
  roles: Array<{ side: 'us' | 'ru'; pattern: ByLang<Matcher | null>; people: string[] }>;
  /** The word before a meeting's or call's counterpart ("met with Lavrov"). */
  counterpartCue: ByLang<Matcher | null>;
  /** An event named as the one of the article's pair ("that meeting", "their talks"). */
  pairEvent: ByLang<Matcher | null>;
  /** Phrases that place an event a year or more before the article ("last year"). */
  pastYear: ByLang<Matcher | null>;
  bothSides: ByLang<Matcher | null>;
  /** A trip whose purpose is the event ("traveled to Moscow to meet"): the sentence's status is weak. */
  purpose: ByLang<Matcher | null>;
  /** Phrases that date an event by the date named just before ("that day", "at the time"). */
  dateAnaphor: ByLang<Matcher | null>;
  /** The event happened once more the day after its date ("…that day, and again the following day"). */
  repeatNextDay: ByLang<Matcher | null>;
  /** A held event told in the simple present: the day's news, dated by the article. */
  presentTense: ByLang<Matcher | null>;
  /** The event falls the day after (dayBefore: "a day before Trump is to call") or before (dayAfter) the date named before the phrase. */
  dayBefore: ByLang<Matcher | null>;
  dayAfter: ByLang<Matcher | null>;
  /** A gathering of more states than the two: a meeting only when `pairSubject` makes the two its subject. */
  multilateral: ByLang<Matcher | null>;
  /** A wish to lift sanctions: no sanction, unless `imposedBefore` says who had imposed them. */
  lifting: ByLang<Matcher | null>;
  imposedBefore: ByLang<Matcher | null>;
  /** The two sides named together as the subject of a meeting ("the U.S. and Russian foreign ministers will meet"). */
  pairSubject: ByLang<Matcher | null>;
  /** Any prefilter stem of either language: a sentence without one has no trigger. */
  prefilter: RegExp;
}

/** Several patterns as one or two regexes (case-insensitive, and case-sensitive ones marked `(?c)`). */
export class Matcher {
  private readonly regexes: RegExp[];
  /** The same patterns with the `g` flag, for scans over all matches (compiled once). */
  private readonly global: RegExp[];
  constructor(sources: readonly string[]) {
    const cs = sources.filter((s) => s.startsWith(CASE_SENSITIVE)).map((s) => s.slice(CASE_SENSITIVE.length));
    const ci = sources.filter((s) => !s.startsWith(CASE_SENSITIVE));
    // The `u` flag only where a pattern needs it (\p{…}): case-insensitive Unicode matching is
    // several times slower in V8, and without it Cyrillic still matches regardless of case.
    const needsU = (s: string) => /\\[pPu]\{/.test(s);
    const join = (list: string[]) => list.map((s) => `(?:${s})`).join('|');
    const compile = (list: string[], flags: string) =>
      [list.filter((s) => !needsU(s)), list.filter(needsU)]
        .map((group, i) => (group.length ? new RegExp(join(group), i ? `${flags}u` : flags) : null))
        .filter((r): r is RegExp => r !== null);
    this.regexes = [...compile(ci, 'i'), ...compile(cs, '')];
    this.global = this.regexes.map((r) => new RegExp(r.source, `${r.flags}g`));
  }
  test(text: string): boolean {
    return this.regexes.some((r) => r.test(text));
  }
  /** `text` with every match replaced by as many spaces (offsets kept). */
  blank(text: string): string {
    let out = text;
    for (const r of this.global) out = out.replace(r, (m) => ' '.repeat(m.length));
    return out;
  }
  /** Every match in `text`, in text order. */
  all(text: string): RegExpExecArray[] {
    const out: RegExpExecArray[] = [];
    for (const r of this.global) out.push(...text.matchAll(r));
    return out.sort((a, b) => a.index - b.index);
  }
  /** The part of `text` after the last match (all of it when nothing matches). */
  after(text: string): string {
    let last = 0;
    for (const r of this.global) for (const m of text.matchAll(r)) last = Math.max(last, m.index + m[0].length);
    return text.slice(last);
  }
  /** The earliest match in `text`, or null. */
  exec(text: string): RegExpExecArray | null {
    let best: RegExpExecArray | null = null;
    for (const r of this.regexes) {
      const m = r.exec(text);
      if (m && (!best || m.index < best.index)) best = m;
    }
    return best;
  }
}

/** A matcher for `sources`, null for none. */
export function anyOf(sources: readonly string[]): Matcher | null {
  return sources.length ? new Matcher(sources) : null;
}

function byLang(p: { en: string[]; ru: string[] }): ByLang<Matcher | null> {
  return { en: anyOf(p.en), ru: anyOf(p.ru) };
}

/** Validates parsed rules against the schema and the gazetteer (Russian name forms must name its people). */
export function validateEventRules(raw: unknown, gazetteer: Gazetteer, source = 'event rules'): EventRules {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(top level)'}: ${i.message}`);
    throw new TaxonomyError(`invalid ${source}:\n  ${lines.join('\n  ')}`);
  }
  const data = parsed.data;
  const people = new Set(gazetteer.entities.filter((e) => e.type === 'person').map((e) => e.name));
  const unknown = [
    ...data.namesRu
      .filter((n) => !people.has(n.name))
      .map((n) => `namesRu: "${n.name}" is not a person of the gazetteer`),
    ...data.receivesAlone
      .filter((n) => !people.has(n))
      .map((n) => `receivesAlone: "${n}" is not a person of the gazetteer`),
    ...data.decrees.filter((n) => !people.has(n)).map((n) => `decrees: "${n}" is not a person of the gazetteer`),
    ...data.roles.flatMap((r, i) =>
      r.people.filter((n) => !people.has(n)).map((n) => `roles[${i}]: "${n}" is not a person of the gazetteer`),
    ),
  ];
  if (unknown.length) throw new TaxonomyError(`invalid ${source}:\n  ${unknown.join('\n  ')}`);
  const stems = [...data.prefilter.en, ...data.prefilter.ru].map((w) => w.toLowerCase());
  const uncovered = EVENT_TYPES.flatMap((t) =>
    (['en', 'ru', 'contact'] as const).flatMap((field) =>
      data.types[t][field]
        .filter(
          (src) =>
            !stems.some((w) =>
              src
                .toLowerCase()
                .replace(/\\s|\(\\s\)/g, ' ')
                .includes(w),
            ),
        )
        .map((src) => `types.${t}.${field}: ${JSON.stringify(src)} contains no prefilter stem`),
    ),
  );
  if (uncovered.length) throw new TaxonomyError(`invalid ${source}:\n  ${uncovered.join('\n  ')}`);
  const map = <V>(f: (t: EventType) => V) =>
    Object.fromEntries(EVENT_TYPES.map((t) => [t, f(t)])) as Record<EventType, V>;
  return {
    data,
    triggers: map((t) => byLang(data.types[t])),
    vetoes: map((t) => byLang(data.types[t].vetoes)),
    contact: map((t) => anyOf(data.types[t].contact)),
    planned: byLang(data.status.planned),
    cancelled: byLang(data.status.cancelled),
    measureTrigger: byLang({
      en: [...data.types.sanctions.en, ...data.types.expulsion.en],
      ru: [...data.types.sanctions.ru, ...data.types.expulsion.ru],
    }),
    ruTarget: byLang(data.initiator.ruTarget),
    usTarget: byLang(data.initiator.usTarget),
    side: { us: byLang(data.sides.us), ru: byLang(data.sides.ru) },
    legislature: { us: byLang(data.sides.us.legislatureCue), ru: byLang(data.sides.ru.legislatureCue) },
    speechDate: byLang(data.speechDate),
    deadlineDate: byLang(data.deadlineDate),
    dateBarrier: byLang(data.dateBarrier),
    personBarrier: byLang(data.personBarrier),
    bodyAfterName: byLang(data.bodyAfterName),
    pronoun: byLang(data.pronoun),
    pronounEvent: byLang(data.pronounEvent),
    pairEvent: byLang(data.pairEvent),
    notSide: byLang(data.notSide),
    counterpartCue: byLang(data.counterpartCue),
    roles: data.roles.map((r) => ({ side: r.side, pattern: byLang(r), people: r.people })),
    pastYear: byLang(data.pastYear),
    bothSides: byLang(data.bothSides),
    purpose: byLang(data.purpose),
    dateAnaphor: byLang(data.dateAnaphor),
    repeatNextDay: byLang(data.repeatNextDay),
    presentTense: byLang(data.presentTense),
    dayBefore: byLang(data.dayBefore),
    dayAfter: byLang(data.dayAfter),
    multilateral: byLang(data.multilateral),
    lifting: byLang(data.lifting),
    imposedBefore: byLang(data.imposedBefore),
    pairSubject: byLang(data.pairSubject),
    prefilter: new RegExp(stems.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i'),
  };
}

/** Loads and validates an event rules file; the shipped one by default. */
export function loadEventRules(gazetteer: Gazetteer, path: string = DEFAULT_EVENT_RULES_PATH): EventRules {
  return validateEventRules(readDataFile(path), gazetteer, path);
}

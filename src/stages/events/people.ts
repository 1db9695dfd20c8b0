/**
 * Who acts for each side in one sentence: the gazetteer's people (English aliases, and Russian
 * forms from events.yaml or from Cyrillic gazetteer aliases, with any case ending), minus people
 * who are only the speaker ("…, Kremlin spokesman Dmitry Peskov said").
 */
import type { Gazetteer } from '../classify/gazetteer.js';
import type { EventRules } from './rules.js';
import type { Lang } from './types.js';

export type EventSide = 'us' | 'ru';

/** A person named in a sentence. */
export interface PersonMention {
  name: string;
  side: EventSide;
  start: number;
  end: number;
  /** Named only as the one who speaks or is quoted, or in a possessive ("Putin's spokesman"). */
  speaker: boolean;
}

/** Words after a name (within a short apposition) that make it the speaker. */
/** A person who says, or who does something else than the event to someone (fires, misleads, urges). */
const SPEAKER_AFTER =
  /^(?:’s|'s|,[^,]{0,80},)?\s+(?:has |had |have )?(?:said|says|told|added|noted|stated|wrote|tweeted|warned|insisted|explained|argued|confirmed|quipped|replied|responded|complained|claimed|fired|dismissed|urged|accused|criticized|criticised|praised|defended|denied)\b/u;
/** "Putin's spokesman", "Trump's son": the person's entourage acts, not the person. */
/**
 * A speaker who speaks of his own act ("Tillerson said he and Lavrov would meet") or speaks at the
 * event ("Trump said during a May 10 meeting with…") takes part in it.
 */
const SPEAKER_ACTS =
  /^(?:,[^,]{0,80},)?\s+(?:has |had )?(?:said |says |told (?:\p{L}+ ){1,2}?)(?:on \p{L}+ )?(?:that )?(?:(?:he|she)\b|(?:during|at|in) (?:a|an|the|their|his|her)\b)/u;
const POSSESSIVE_AFTER =
  /^(?:’s|'s)\s+(?:\p{L}+\s+){0,3}?(?:spokes\p{L}*|aides?|advis[eo]rs?|lawyers?|attorneys?|sons?|daughters?|son-in-law|campaign|team|associates|inner circle|election|press secretary|envoy|nominee|administration|Treasury|(?:State |Justice )?Department|government|ministry|office)\b/u;
const SPEAKER_BEFORE =
  /(?:\b(?:according to|quoted|quoting|spokesm[ae]n|spokeswom[ae]n|press secretary|aide|adviser|advisor|misled|misleading|fired|told|urged|warned|informed|briefed|presidency of|administration of|under|era of|predecessor|successor)|(?<=[,"”’]\s*)(?:said|says)|(?:said|says)\s*,|told reporters\s*,?)\s+(?:(?:\p{Lu}[\p{L}.]*\s+){0,4})$/u;
const RU_SPEAKER_AFTER = /^\p{L}*\s+(?:заявил|сообщил|сказал|отметил|рассказал|подчеркнул|добавил|пояснил)/u;
const RU_SPEAKER_BEFORE = /(?:пресс-секретар\p{L}*|сообщил\p{L}*|заявил\p{L}*|по словам)\s+(?:\p{L}+\s+){0,4}$/u;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Finds the people of both sides in sentences of either language. */
export class PeopleFinder {
  private readonly en: RegExp;
  private readonly ru: RegExp | null;
  private readonly byAlias = new Map<string, { name: string; side: EventSide | null }>();
  private readonly ruStems: Array<{ stem: string; name: string; side: EventSide }> = [];

  constructor(gazetteer: Gazetteer, rules: EventRules) {
    const sideOf = new Map<string, EventSide>();
    for (const e of gazetteer.entities) {
      if (e.type !== 'person') continue;
      // People who act for neither state are matched too, so "Trump Jr." is not read as "Trump".
      const side: EventSide | null = e.actor === 'us' ? 'us' : e.actor === 'russia' ? 'ru' : null;
      if (!side) {
        for (const surface of [e.name, ...e.aliases])
          if (!this.byAlias.has(surface)) this.byAlias.set(surface, { name: e.name, side: null });
        continue;
      }
      sideOf.set(e.name, side);
      for (const surface of [e.name, ...e.aliases]) {
        if (/[\u0400-\u04ff]/.test(surface)) this.ruStems.push({ stem: surface, name: e.name, side });
        else if (!this.byAlias.has(surface)) this.byAlias.set(surface, { name: e.name, side });
      }
    }
    for (const n of rules.data.namesRu) {
      const side = sideOf.get(n.name);
      if (side) for (const stem of n.stems) this.ruStems.push({ stem, name: n.name, side });
    }
    const surfaces = [...this.byAlias.keys()].sort((a, b) => b.length - a.length).map(escape);
    this.en = new RegExp(`(?<![\\w.])(?:${surfaces.join('|')})(?![\\w]|\\.\\w)`, 'g');
    this.ruStems.sort((a, b) => b.stem.length - a.stem.length);
    this.ru = this.ruStems.length
      ? new RegExp(
          `(?<!\\p{L})(?:${this.ruStems.map((s) => `(${escape(s.stem)})`).join('|')})\\p{L}{0,3}(?!\\p{L})`,
          'gu',
        )
      : null;
  }

  /** The gazetteer people an English sentence names who act for neither side (a senator, a lawyer). */
  others(sentence: string): string[] {
    return [...sentence.matchAll(this.en)].map((m) => this.byAlias.get(m[0])!).flatMap((p) => (p.side ? [] : [p.name]));
  }

  /** The people a sentence names, in text order. */
  find(sentence: string, lang: Lang): PersonMention[] {
    const out: PersonMention[] = [];
    if (lang === 'ru' && this.ru) {
      this.ru.lastIndex = 0;
      for (let m = this.ru.exec(sentence); m; m = this.ru.exec(sentence)) {
        const at = m.findIndex((g, i) => i > 0 && g !== undefined);
        const who = this.ruStems[at - 1]!;
        const end = m.index + m[0].length;
        const speaker =
          RU_SPEAKER_AFTER.test(sentence.slice(end, end + 40)) ||
          RU_SPEAKER_BEFORE.test(sentence.slice(Math.max(0, m.index - 60), m.index));
        out.push({ name: who.name, side: who.side, start: m.index, end, speaker });
      }
      return out;
    }
    this.en.lastIndex = 0;
    for (let m = this.en.exec(sentence); m; m = this.en.exec(sentence)) {
      const who = this.byAlias.get(m[0])!;
      if (!who.side) continue;
      const end = m.index + m[0].length;
      const after = sentence.slice(end, end + 100);
      const before = sentence.slice(Math.max(0, m.index - 60), m.index);
      const speaker =
        (SPEAKER_AFTER.test(after) && !SPEAKER_ACTS.test(after)) ||
        POSSESSIVE_AFTER.test(after) ||
        SPEAKER_BEFORE.test(before);
      out.push({ name: who.name, side: who.side, start: m.index, end, speaker });
    }
    return out;
  }
}

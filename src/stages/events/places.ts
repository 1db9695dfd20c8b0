/**
 * The city of a meeting or signing: a capitalised name after "in", "to" or "at" (English) or an
 * inflected city name after "в" (Russian), the one nearest the trigger; countries, bodies and
 * calendar words are not places (events.yaml `places`).
 */
import type { Gazetteer } from '../classify/gazetteer.js';
import { nonCapturing } from '../classify/phrase-pattern.js';
import type { EventRules } from './rules.js';
import type { Lang } from './types.js';

/**
 * How far after its trigger a place may stand ("met … in Manila on the sidelines"), and how far
 * before it ("talks in Moscow" as a headline, "in Hamburg, the two leaders met"); a place further
 * off belongs to another part of the sentence ("Speaking at a conference in Moscow, he said of the
 * planned meeting…").
 */
const MAX_PLACE_AFTER = 110;
const MAX_PLACE_BEFORE = 45;

export class PlaceFinder {
  readonly en: RegExp;
  readonly ru: RegExp;
  readonly ruNames: string[];
  readonly notPlaces: Set<string>;
  readonly aliases: Record<string, string>;
  readonly countries: Set<string>;

  constructor(rules: EventRules, gazetteer: Gazetteer) {
    const p = rules.data.places;
    this.notPlaces = new Set([...p.notPlaces, ...gazetteer.titles]);
    this.aliases = p.aliases;
    this.countries = new Set(gazetteer.entities.filter((e) => e.type === 'place' && !e.standsFor).map((e) => e.name));
    const multi = p.multiWord.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    const cue = p.cues.en.map((c) => `(?:${nonCapturing(c)})`).join('|');
    this.en = new RegExp(`(?:${cue})(${multi ? `${multi}|` : ''}\\p{Lu}[\\p{Ll}’'-]+(?:[ -]\\p{Lu}[\\p{Ll}]+)?)`, 'gu');
    this.ruNames = Object.keys(p.ru);
    const ruCue = p.ruCues.map((c) => `(?:${nonCapturing(c)})`).join('|');
    const stems = this.ruNames.map((name) => `(${p.ru[name]!.join('|')})`).join('|');
    this.ru = new RegExp(`(?:${ruCue})(?:${stems})\\p{L}*`, 'gu');
  }
}

/** The place nearest `at` in the sentence, or null. */
export function findPlace(f: PlaceFinder, text: string, lang: Lang, at: number): string | null {
  let best: { name: string; d: number } | null = null;
  const regex = lang === 'ru' ? f.ru : f.en;
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    let name: string;
    if (lang === 'ru') {
      const i = m.findIndex((g, k) => k > 0 && g !== undefined);
      name = f.ruNames[i - 1]!;
    } else {
      name = m[1]!;
      const words = name.split(/[ -]/);
      if (words.length === 2 && f.notPlaces.has(words[1]!)) name = words[0]!;
      const first = words[0]!;
      if (f.notPlaces.has(first) || f.notPlaces.has(name) || f.countries.has(name) || f.countries.has(first)) continue;
      if (/’s$|'s$/.test(name)) continue;
      name = f.aliases[name] ?? name;
    }
    const d = Math.abs(m.index - at);
    const near = m.index >= at ? d <= MAX_PLACE_AFTER : d <= MAX_PLACE_BEFORE;
    if (near && (!best || d < best.d)) best = { name, d };
  }
  return best?.name ?? null;
}

/**
 * Whether a candidate sentence names both sides, and who: people of the gazetteer, roles and
 * pronouns standing for them, states, and the target of a measure. Only a sentence that names
 * both sides can report an event between them.
 */
import type { Side } from '../classify/entity-tagger.js';
import type { Sentence } from '../classify/types.js';
import { countPairs } from './article-context.js';
import { antecedent, withRoles } from './coreference.js';
import { languageOf } from './language.js';
import type { EventSide, PersonMention } from './people.js';
import type { ArticleReading } from './reading.js';
import type { Lang } from './types.js';

/** A sentence that names both sides, as its events are read from it. */
export interface SidedSentence {
  lang: Lang;
  /** The sentence, whitespace runs as one space. */
  text: string;
  /** The people it names (and those its roles and pronouns stand for), in text order. */
  mentioned: PersonMention[];
  /** One side is named only as the target of a measure: the sentence reports only measures. */
  measuresOnly: boolean;
}

/**
 * The sides sentence `s` names, or null when it does not name both. `tagged` is the entity
 * tagger's reading of the sentence (the sides named as actors). Counts the pairs of people it
 * names together into the reading's `pairs`.
 */
export function sidesOf(reading: ArticleReading, s: Sentence, tagged: Set<Side>): SidedSentence | null {
  const { rules, people, tagger } = reading.tools;
  const lang = languageOf(s.text);
  const text = s.text.replace(/\s+/g, ' ');
  // A state or person named as the subject matter ("the probe into ties between Flynn and
  // Russia") is no actor: such phrases are blanked (offsets kept) before sides are read.
  const sideText = rules.notSide[lang]?.blank(text) ?? text;
  const sides = sideText === text ? tagged : tagger.tag([{ ...s, text: sideText, index: 0 }]).sides[0]!;
  const sideHit = (side: EventSide) =>
    sides.has(side === 'us' ? 'us' : 'russia') || (rules.side[side][lang]?.test(sideText) ?? false);
  let mentioned = withRoles(reading, people.find(sideText, lang), sideText, lang);
  countPairs(reading.pairs, mentioned);
  const both = rules.bothSides[lang]?.test(sideText) ?? false;
  let hasUs = both || mentioned.some((p) => p.side === 'us') || sideHit('us');
  let hasRu = both || mentioned.some((p) => p.side === 'ru') || sideHit('ru');
  if (hasUs !== hasRu) {
    // "His negotiations with Putin": the pronoun stands for the other side's person named last
    // in the sentences just before.
    const pronoun = rules.pronounEvent[lang]?.exec(text);
    const missing: EventSide = hasUs ? 'ru' : 'us';
    const name = pronoun ? antecedent(reading, missing, s.index, lang) : null;
    if (pronoun && name) {
      const at = { start: pronoun.index, end: pronoun.index + pronoun[0].length };
      mentioned = [...mentioned, { name, side: missing, ...at, speaker: false }].sort((a, b) => a.start - b.start);
      hasUs = hasRu = true;
    }
  } else if (!hasUs && reading.pairs.size > 0 && rules.pairEvent[lang]?.test(text)) {
    // "That meeting in Paris took place on May 27": a meeting of the pair the article is about.
    hasUs = hasRu = true;
  }
  // "The law, which Trump signed on Aug. 2, requires sanctions on … the Russian entities": the
  // side a sanction or expulsion strikes may be named by its target phrase alone, when the side
  // that acts is named by a person or its legislature (a specific act). Such a sentence reports
  // only measures, not meetings of the target's side.
  let measuresOnly = false;
  if (hasUs !== hasRu && rules.measureTrigger[lang]?.test(text)) {
    const actor: EventSide = hasUs ? 'us' : 'ru';
    const target = actor === 'us' ? rules.ruTarget[lang] : rules.usTarget[lang];
    const named =
      mentioned.some((p) => p.side === actor && !p.speaker) || (rules.legislature[actor][lang]?.test(text) ?? false);
    if (named && target?.test(sideText)) measuresOnly = hasUs = hasRu = true;
  }
  if (!hasUs || !hasRu) return null;
  return { lang, text, mentioned, measuresOnly };
}

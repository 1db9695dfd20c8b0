/**
 * Finds gazetteer entities in an article's sentences, normalises them (Kerry, Secretary of State
 * John Kerry → "John Kerry"; "Moscow said", the Kremlin → "Russia" as the state), counts them, and
 * tells which state sides (us, russia) each sentence names as actors.
 */
import type { Gazetteer, GazetteerEntity } from './gazetteer.js';
import { compilePhrase, RuleScanner } from './phrase-pattern.js';
import type { Entity, Sentence } from './types.js';

/** A state whose actors the relevance and meeting rules look for. */
export type Side = 'us' | 'russia';

/** One place where a sentence names a side's actor. */
export interface ActorMention {
  side: Side;
  phrase: string;
  sentence: number;
}

/** What the tagger found in one article. */
export interface TaggedEntities {
  entities: Entity[];
  /** Per sentence index, the sides named as actors. */
  sides: Array<Set<Side>>;
  actors: ActorMention[];
}

/** Words of at most this many tokens may stand between a demonym and its state noun. */
const MAX_WORDS_BETWEEN_ADJECTIVE_AND_NOUN = 2;
/** A capital right after these words is a place ("talks in Moscow"), not the state speaking. */
const LOCATIVE_BEFORE =
  /\b(in|to|from|at|near|outside|into|via|across|around|visit|visits|visited|visiting|arrived|left)\s+(the\s+)?$/i;
/** The capitalised word right before a match, if any. */
const PRECEDING_CAPITALISED = /(?<![.!?]\s*)(?<=^|\s)([A-Z][a-z]+)\s+$/;
/** A capitalised name word: "Veselnitskaya", "O’Brien", "al-Faisal" (not "U.S." or "RIA"). */
const NAME_WORD = "[A-Z][a-z]+(?:(?:’|'|-)(?!s\\b)[A-Za-z]+)?";
/** Words that make a capitalised run an institution or a group, not a person's name. */
const NOT_A_NAME =
  /^(National|Committee|Convention|Party|Council|House|Senate|Department|Ministry|Agency|Army|Forces|Kurdish|Affairs|Affordable|Leader|Majority|Minority|Security|Foreign|State|States|United|Union|General|Republican|Democratic|Democrat|Intelligence|Judiciary|Office|News|Times|Post|Press)$/;
/** How far back to look for a locative word. */
const LOCATIVE_WINDOW = 24;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Alias {
  surface: string;
  entity: GazetteerEntity;
}

/** Tags entities with one combined regex built from all gazetteer aliases. */
export class EntityTagger {
  private readonly aliasRegex: RegExp;
  private readonly byAlias = new Map<string, Alias>();
  private readonly byName = new Map<string, GazetteerEntity>();
  private readonly adjectiveRegex: Array<{ side: Side; regex: RegExp }>;

  private readonly notActor: RuleScanner | null;
  private readonly titles: Set<string>;
  private readonly personCue: RegExp | null;

  /**
   * @param notActor phrases in which a state name is the subject matter, not an actor
   *   ("the Russia probe", "investigation into Russian meddling"): names inside them still count
   *   as entities but not as the side acting.
   */
  constructor(gazetteer: Gazetteer, notActor: string[] = []) {
    this.notActor = notActor.length
      ? new RuleScanner(notActor.map((p) => ({ name: p, weight: 0, ...compilePhrase(p) })))
      : null;
    this.titles = new Set(gazetteer.titles);
    const cues = [...gazetteer.personCues].sort((a, b) => b.length - a.length).map(escape);
    this.personCue = cues.length
      ? new RegExp(`(?<![\\w.])(?:${cues.join('|')})\\s+(${NAME_WORD}(?:\\s+${NAME_WORD}){1,2})(?![\\w’'-])`, 'g')
      : null;
    for (const entity of gazetteer.entities) {
      this.byName.set(entity.name, entity);
      for (const surface of [entity.name, ...entity.aliases]) {
        if (!this.byAlias.has(surface)) this.byAlias.set(surface, { surface, entity });
      }
    }
    const surfaces = [...this.byAlias.keys()].sort((a, b) => b.length - a.length).map(escape);
    this.aliasRegex = new RegExp(`(?<![\\w.])(?:${surfaces.join('|')})(?![\\w]|\\.\\w)`, 'g');
    const nouns = [...gazetteer.stateNouns]
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|');
    const gap = `(?:[\\w’'-]+\\s+){0,${MAX_WORDS_BETWEEN_ADJECTIVE_AND_NOUN}}?`;
    this.adjectiveRegex = (['us', 'russia'] as const).map((side) => ({
      side,
      regex: new RegExp(
        `(?<![\\w.])(?:${gazetteer.adjectives[side].map(escape).join('|')})\\s+${gap}(?:${nouns})s?(?!\\w)`,
        'gi',
      ),
    }));
  }

  /**
   * "Mladen Antonov" is not Anatoly Antonov: a bare surname after an unknown capitalised word
   * (not checked in titles, whose words are all capitalised).
   */
  private isOtherPersonsSurname(text: string, at: number): boolean {
    const before = PRECEDING_CAPITALISED.exec(text.slice(Math.max(0, at - LOCATIVE_WINDOW), at));
    return before !== null && !this.titles.has(before[1]!);
  }

  /**
   * People missing from the gazetteer, found after a cue ("lawyer Natalia Veselnitskaya"): each
   * counts its full-name mentions and its bare-surname mentions.
   */
  private tagUnlistedPeople(sentences: Sentence[], counts: Map<string, Entity>): void {
    if (!this.personCue) return;
    const found = new Map<string, string>();
    for (const s of sentences) {
      this.personCue.lastIndex = 0;
      for (let m = this.personCue.exec(s.text); m; m = this.personCue.exec(s.text)) {
        const words = m[1]!.split(/\s+/);
        while (words.length > 0 && this.titles.has(words[0]!)) words.shift();
        if (words.length < 2 || words.some((w) => NOT_A_NAME.test(w))) continue;
        const name = words.join(' ');
        if (counts.has(name) || this.byAlias.has(name) || this.byAlias.has(words.slice(0, 2).join(' '))) continue;
        found.set(name, name.slice(name.lastIndexOf(' ') + 1));
      }
    }
    for (const [name, surname] of found) {
      const pattern = new RegExp(`(?<![\\w’'-])${escape(surname)}(?![\\w’'-])`, 'g');
      let mentions = 0;
      for (const s of sentences) mentions += s.text.match(pattern)?.length ?? 0;
      counts.set(name, { name, type: 'person', mentions: Math.max(1, mentions) });
    }
  }

  /** Tags the sentences of one article. */
  tag(sentences: Sentence[]): TaggedEntities {
    const sides = sentences.map(() => new Set<Side>());
    const actors: ActorMention[] = [];
    const counts = new Map<string, Entity>();
    const count = (e: GazetteerEntity) => {
      const known = counts.get(e.name);
      if (known) known.mentions++;
      else counts.set(e.name, { name: e.name, type: e.type, mentions: 1 });
    };

    for (const s of sentences) {
      const topical = this.notActor?.scan(s.text) ?? [];
      const isTopical = (start: number, end: number) => topical.some((t) => start < t.end && t.start < end);
      this.aliasRegex.lastIndex = 0;
      for (let m = this.aliasRegex.exec(s.text); m; m = this.aliasRegex.exec(s.text)) {
        const alias = this.byAlias.get(m[0]);
        if (!alias) continue;
        let entity = alias.entity;
        if (
          entity.type === 'person' &&
          s.where !== 'title' &&
          !m[0].includes(' ') &&
          this.isOtherPersonsSurname(s.text, m.index)
        )
          continue;
        let side = entity.actor;
        if (entity.standsFor) {
          const state = this.byName.get(entity.standsFor)!;
          side = state.actor;
          const before = s.text.slice(Math.max(0, m.index - LOCATIVE_WINDOW), m.index);
          if (!LOCATIVE_BEFORE.test(before)) entity = state;
        }
        count(entity);
        if (side && !isTopical(m.index, m.index + m[0].length)) {
          sides[s.index]!.add(side);
          actors.push({ side, phrase: m[0], sentence: s.index });
        }
      }
      for (const { side, regex } of this.adjectiveRegex) {
        regex.lastIndex = 0;
        for (let m = regex.exec(s.text); m; m = regex.exec(s.text)) {
          if (isTopical(m.index, m.index + m[0].length)) continue;
          sides[s.index]!.add(side);
          actors.push({ side, phrase: m[0], sentence: s.index });
        }
      }
    }
    this.tagUnlistedPeople(sentences, counts);
    const entities = [...counts.values()].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
    return { entities, sides, actors };
  }
}

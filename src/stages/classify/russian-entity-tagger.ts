/**
 * The entity tagger for Russian articles: the gazetteer's Russian names and titles (each entity's
 * `ru` list, inflected forms covered by pattern: Лавров, Лаврова, Лаврову → Sergei Lavrov), the
 * same canonical names and sides as in English, and Russian demonyms before a state noun
 * ("американские дипломаты", "российская сторона") as a side's actor.
 */
import type { Side, TaggedEntities } from './entity-tagger.js';
import type { Gazetteer, GazetteerEntity } from './gazetteer.js';
import { compilePhrase, RuleScanner } from './phrase-pattern.js';
import type { Entity, Sentence } from './types.js';

/** Words of at most this many tokens may stand between a demonym and its state noun. */
const MAX_WORDS_BETWEEN_ADJECTIVE_AND_NOUN = 2;
/** How far back to look for a word of place before a capital. */
const LOCATIVE_WINDOW = 16;

const alternation = (phrases: string[]) => phrases.map((p) => compilePhrase(p, 'ru').source).join('|');

/** Tags Russian sentences with the gazetteer's Russian aliases. */
export class RussianEntityTagger {
  private readonly aliases: RuleScanner;
  private readonly byName = new Map<string, GazetteerEntity>();
  private readonly adjectives: Array<{ side: Side; regex: RegExp }> = [];
  private readonly locative: RegExp | null;

  constructor(gazetteer: Gazetteer) {
    const rules = gazetteer.entities.flatMap((e) => {
      this.byName.set(e.name, e);
      return e.ru.map((p) => ({ name: e.name, weight: 0, ...compilePhrase(p, 'ru') }));
    });
    this.aliases = new RuleScanner(rules, true);
    const ru = gazetteer.ru;
    const nouns = ru ? alternation(ru.stateNouns) : '';
    const gap = `(?:[\\p{L}\\p{N}-]+\\s+){0,${MAX_WORDS_BETWEEN_ADJECTIVE_AND_NOUN}}?`;
    for (const side of ['us', 'russia'] as const) {
      const adj = ru?.adjectives[side] ?? [];
      if (adj.length === 0) continue;
      const source = `(?<![\\p{L}\\p{N}])(?:${alternation(adj)})\\s+${gap}(?:${nouns})(?![\\p{L}\\p{N}])`;
      this.adjectives.push({ side, regex: new RegExp(source, 'giu') });
    }
    this.locative = ru?.locatives.length
      ? new RegExp(`(?:^|[\\s(«"])(?:${alternation(ru.locatives)})\\s+$`, 'iu')
      : null;
  }

  /** Tags the sentences of one article. */
  tag(sentences: Sentence[]): TaggedEntities {
    const sides = sentences.map(() => new Set<Side>());
    const actors: TaggedEntities['actors'] = [];
    const counts = new Map<string, Entity>();
    for (const s of sentences) {
      for (const hit of this.aliases.scan(s.text)) {
        let entity = this.byName.get(hit.rule.name)!;
        let side = entity.actor;
        if (entity.standsFor) {
          const state = this.byName.get(entity.standsFor)!;
          side = state.actor;
          const before = s.text.slice(Math.max(0, hit.start - LOCATIVE_WINDOW), hit.start);
          if (!this.locative?.test(before)) entity = state;
        }
        const known = counts.get(entity.name);
        if (known) known.mentions++;
        else counts.set(entity.name, { name: entity.name, type: entity.type, mentions: 1 });
        if (side) {
          sides[s.index]!.add(side);
          actors.push({ side, phrase: hit.text, sentence: s.index });
        }
      }
      for (const { side, regex } of this.adjectives) {
        regex.lastIndex = 0;
        for (let m = regex.exec(s.text); m; m = regex.exec(s.text)) {
          sides[s.index]!.add(side);
          actors.push({ side, phrase: m[0], sentence: s.index });
        }
      }
    }
    const entities = [...counts.values()].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
    return { entities, sides, actors };
  }
}

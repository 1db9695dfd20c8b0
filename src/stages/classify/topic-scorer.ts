/**
 * Tags topics: each taxonomy hit adds its weight times a position factor (title, lead, body,
 * deep body), divided by k for the k-th hit of the same rule, so repetition has diminishing
 * returns and a single word deep in the body weighs little. Hits inside an `exclude` phrase, or
 * (for topics with `requireActors`) in a sentence that does not name each side, or in a sentence
 * containing one of the topic's `excludeSentences` phrases, do not count.
 */
import { compilePhrase, nonCapturing, RuleScanner, type PhraseLanguage, type Rule } from './phrase-pattern.js';
import type { Side } from './entity-tagger.js';
import type { Taxonomy, Topic } from './taxonomy.js';
import type { Evidence, Sentence } from './types.js';

/** Evidence items kept per topic (the strongest), so output stays readable. */
export const MAX_EVIDENCE_PER_TOPIC = 8;

interface CompiledTopic {
  topic: Topic;
  threshold: number;
  scanner: RuleScanner;
  exclude: RuleScanner | null;
  excludeSentences: RuleScanner | null;
}

/** A topic's score and the hits behind it. */
export interface TopicScore {
  id: string;
  score: number;
  threshold: number;
  evidence: Evidence[];
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Position factor of a sentence under the taxonomy's scoring section. */
export function positionFactor(s: Sentence, scoring: Taxonomy['scoring']): number {
  const base = scoring.position[s.where];
  return s.where === 'body' && s.depth >= scoring.deepBodyFrom ? base * scoring.deepBodyFactor : base;
}

/** Scores every topic of a taxonomy; regexes are compiled once, here. */
export class TopicScorer {
  private readonly topics: CompiledTopic[];

  /**
   * @param lang the language of the articles to score: only the terms and patterns written in it
   *   count (exclusions are English phrases, so they apply to English only).
   */
  constructor(
    private readonly taxonomy: Taxonomy,
    lang: PhraseLanguage = 'en',
  ) {
    const unicode = lang !== 'en';
    this.topics = taxonomy.topics.map((topic) => {
      const rules: Rule[] = [
        ...topic.terms
          .filter((t) => t.lang === lang)
          .map((t) => ({ name: t.phrase, weight: t.weight, ...compilePhrase(t.phrase, lang) })),
        ...topic.patterns
          .filter((p) => p.lang === lang)
          .map((p) => ({
            name: p.regex,
            weight: p.weight,
            source: nonCapturing(p.regex),
            caseSensitive: p.caseSensitive,
          })),
      ];
      const phrases = (list: string[]) =>
        unicode ? [] : list.map((e) => ({ name: e, weight: 0, ...compilePhrase(e) }));
      const exclude = phrases(topic.exclude);
      const excludeSentences = phrases(topic.excludeSentences);
      return {
        topic,
        threshold: topic.threshold ?? taxonomy.scoring.defaultThreshold,
        scanner: new RuleScanner(rules, unicode),
        exclude: exclude.length ? new RuleScanner(exclude) : null,
        excludeSentences: excludeSentences.length ? new RuleScanner(excludeSentences) : null,
      };
    });
  }

  /** Scores all topics over the sentences; `sides` says which actors each sentence names. */
  score(sentences: Sentence[], sides: Array<Set<Side>>): TopicScore[] {
    return this.topics.map((t) => this.scoreTopic(t, sentences, sides));
  }

  private scoreTopic(t: CompiledTopic, sentences: Sentence[], sides: Array<Set<Side>>): TopicScore {
    const seen = new Map<Rule, number>();
    const evidence: Evidence[] = [];
    let score = 0;
    for (const s of sentences) {
      const need = t.topic.requireActors;
      if (need && !need.every((side) => sides[s.index]!.has(side))) continue;
      const hits = t.scanner.scan(s.text);
      if (hits.length === 0) continue;
      if (t.excludeSentences && t.excludeSentences.scan(s.text).length > 0) continue;
      const excluded = t.exclude?.scan(s.text) ?? [];
      const factor = positionFactor(s, this.taxonomy.scoring);
      for (const hit of hits) {
        if (excluded.some((x) => hit.start < x.end && x.start < hit.end)) continue;
        const k = (seen.get(hit.rule) ?? 0) + 1;
        seen.set(hit.rule, k);
        const add = (hit.rule.weight * factor) / k;
        score += add;
        evidence.push({
          phrase: hit.text,
          where: s.where,
          rule: `${t.topic.id}: ${hit.rule.name}`,
          weight: round(add),
        });
      }
    }
    evidence.sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));
    return {
      id: t.topic.id,
      score: round(score),
      threshold: t.threshold,
      evidence: evidence.slice(0, MAX_EVIDENCE_PER_TOPIC),
    };
  }
}

/**
 * Input rows of the per-topic models: the taxonomy rule's score (log-damped), whether the rule
 * alone would tag the topic, whether a hit stands in the title or the lead, how many distinct
 * rules hit, and (when the model has word weights) the article's words.
 */
import type { FeatureRow, LinearModel } from './logistic.js';
import { WORD_PREFIX } from './relevance-scorer.js';
import type { TopicScore } from './topic-scorer.js';
import type { Evidence, Where } from './types.js';

/** Word features reported as a topic's evidence. */
export const MAX_TOPIC_WORD_EVIDENCE = 3;

/** The rule features of a topic row (the rest are words). */
export const TOPIC_RULE_FEATURES = ['rule', 'tagged', 'title', 'lead', 'rules'];

/** A topic model's input row; with `model`, only the words it weighs are put in. */
export function topicRow(t: TopicScore, words: Iterable<string>, model?: LinearModel): FeatureRow {
  const rules = new Set(t.evidence.map((e) => e.rule));
  const row: FeatureRow = new Map([
    ['rule', Math.log1p(t.score)],
    ['tagged', t.score >= t.threshold ? 1 : 0],
    ['title', t.evidence.some((e) => e.where === 'title') ? 1 : 0],
    ['lead', t.evidence.some((e) => e.where === 'lead') ? 1 : 0],
    ['rules', Math.log1p(rules.size)],
  ]);
  if (model && !Object.keys(model.weights).some((f) => f.startsWith(WORD_PREFIX))) return row;
  for (const w of words) {
    const f = WORD_PREFIX + w;
    if (!model || model.weights[f] !== undefined) row.set(f, 1);
  }
  return row;
}

/** The words that weighed most for a topic, as evidence. */
export function topicWordEvidence(model: LinearModel, words: Map<string, Where>): Evidence[] {
  const out: Evidence[] = [];
  for (const [w, where] of words) {
    const weight = model.weights[WORD_PREFIX + w];
    if (weight !== undefined && weight > 0)
      out.push({ phrase: w, where, rule: 'word weight', weight: Math.round(weight * 100) / 100 });
  }
  return out.sort((a, b) => b.weight! - a.weight!).slice(0, MAX_TOPIC_WORD_EVIDENCE);
}

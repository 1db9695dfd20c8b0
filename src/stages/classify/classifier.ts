/**
 * The classify stage: relevance to US–Russia diplomacy, topic tags, and named entities, each tag
 * and the score carrying the phrases that triggered them. Plain functions; no queue knowledge.
 */
import { EntityTagger } from './entity-tagger.js';
import { loadGazetteer, type Gazetteer } from './gazetteer.js';
import { RelevanceScorer } from './relevance-scorer.js';
import { segment } from './segmenter.js';
import { loadTaxonomy, type Taxonomy } from './taxonomy.js';
import { TopicScorer } from './topic-scorer.js';
import type { Classification, ClassifyInput } from './types.js';

export type { Classification, ClassifyInput, Entity, Evidence } from './types.js';

/**
 * Relevance at or above this is "relevant". 0.5 is the logistic model's even odds; the dev set
 * showed no better cut worth the risk of fitting it (see the stage report).
 */
export const DEFAULT_RELEVANCE_THRESHOLD = 0.5;

/** Options of {@link createClassifier}. */
export interface ClassifierOptions {
  /** Relevance cut-off in [0, 1]; default {@link DEFAULT_RELEVANCE_THRESHOLD}. */
  threshold?: number;
  /** Entity gazetteer; default the shipped gazetteer.yaml. */
  gazetteer?: Gazetteer;
}

/** A ready classifier (taxonomy compiled once). */
export interface Classifier {
  classify(doc: ClassifyInput): Classification;
}

/** Builds a classifier from a taxonomy (default: the shipped taxonomy.yaml). */
export function createClassifier(taxonomy: Taxonomy = loadTaxonomy(), options: ClassifierOptions = {}): Classifier {
  const threshold = options.threshold ?? DEFAULT_RELEVANCE_THRESHOLD;
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`relevance threshold must be in [0, 1], got ${threshold}`);
  const tagger = new EntityTagger(options.gazetteer ?? loadGazetteer(), taxonomy.relevance.notActor);
  const topicScorer = new TopicScorer(taxonomy);
  const relevanceScorer = new RelevanceScorer(taxonomy);

  return {
    classify(doc: ClassifyInput): Classification {
      const { sentences } = segment(doc);
      const { entities, sides, actors } = tagger.tag(sentences);
      const relevance = relevanceScorer.score(sentences, sides, actors);
      const scored = topicScorer.score(sentences, sides).filter((t) => t.score >= t.threshold);
      return {
        relevance: relevance.score,
        relevant: relevance.score >= threshold,
        topics: scored.map((t) => t.id),
        evidence: { relevance: relevance.evidence, topics: Object.fromEntries(scored.map((t) => [t.id, t.evidence])) },
        entities,
      };
    },
  };
}

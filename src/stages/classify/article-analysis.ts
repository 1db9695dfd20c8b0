/**
 * Everything the classifier reads from an article before any fitted weight is applied: its
 * sentences, entities and actor sides, the relevance features, word features and the taxonomy
 * rule score of every topic. The classifier and the fitting tool share it, so a model is fitted on
 * exactly what it will see.
 */
import { EntityTagger, type TaggedEntities } from './entity-tagger.js';
import type { PhraseLanguage } from './phrase-pattern.js';
import { RussianEntityTagger } from './russian-entity-tagger.js';
import type { Gazetteer } from './gazetteer.js';
import { RelevanceScorer, type RelevanceFeatures } from './relevance-scorer.js';
import { segment } from './segmenter.js';
import type { Taxonomy } from './taxonomy.js';
import { TopicScorer, type TopicScore } from './topic-scorer.js';
import type { ClassifyInput, Evidence, Sentence, Where } from './types.js';
import { wordFeatures } from './word-features.js';

/** What an article offers to the models. */
export interface ArticleAnalysis {
  sentences: Sentence[];
  tagged: TaggedEntities;
  relevance: RelevanceFeatures;
  /** Evidence of the relevance features (sentences naming both sides, domestic cues). */
  relevanceEvidence: { for: Evidence[]; against: Evidence[] };
  words: Map<string, Where>;
  /** Every topic's rule score, tagged or not. */
  topics: TopicScore[];
}

/** Reads articles under one taxonomy and gazetteer (regexes compiled once). */
export class ArticleAnalyser {
  readonly tagger: { tag(sentences: Sentence[]): TaggedEntities };
  private readonly topicScorer: TopicScorer;
  private readonly relevanceScorer: RelevanceScorer;

  /**
   * @param lang the language of the articles: each reads its own terms of the taxonomy and gazetteer.
   * @param withWords whether to collect word features (only models with word weights need them).
   */
  constructor(
    taxonomy: Taxonomy,
    gazetteer: Gazetteer,
    lang: PhraseLanguage = 'en',
    private readonly withWords = true,
  ) {
    this.tagger =
      lang === 'ru' ? new RussianEntityTagger(gazetteer) : new EntityTagger(gazetteer, taxonomy.relevance.notActor);
    this.topicScorer = new TopicScorer(taxonomy, lang);
    this.relevanceScorer = new RelevanceScorer(taxonomy, { bias: 0, weights: {} }, lang);
  }

  analyse(doc: ClassifyInput): ArticleAnalysis {
    const { sentences } = segment(doc);
    const tagged = this.tagger.tag(sentences);
    const evidence: Evidence[] = [];
    const against: Evidence[] = [];
    const relevance = this.relevanceScorer.features(sentences, tagged.sides, tagged.actors, evidence, against);
    return {
      sentences,
      tagged,
      relevance,
      relevanceEvidence: { for: evidence, against },
      words: this.withWords ? wordFeatures(sentences) : new Map<string, Where>(),
      topics: this.topicScorer.score(sentences, tagged.sides),
    };
  }
}

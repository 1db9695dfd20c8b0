/**
 * The classify stage: relevance to US–Russia diplomacy, topic tags, and named entities, each tag
 * and the score carrying the phrases that triggered them. Plain functions; no queue knowledge.
 */
import { ArticleAnalyser } from './article-analysis.js';
import { detectLanguage, isSupported } from './language.js';
import { loadGazetteer, type Gazetteer } from './gazetteer.js';
import { linearScore, sigmoid, type LinearModel } from './logistic.js';
import { loadModel, type ClassifierModel } from './model-file.js';
import { RelevanceScorer, WORD_PREFIX } from './relevance-scorer.js';
import { loadTaxonomy, RELEVANCE_WEIGHT_NAMES, type Taxonomy } from './taxonomy.js';
import { topicRow, topicWordEvidence } from './topic-model.js';
import type { Classification, ClassifyInput, Evidence, Where } from './types.js';

export type { Classification, ClassifyInput, Entity, Evidence } from './types.js';

/**
 * Relevance at or above this is "relevant". The score is a calibrated probability (see the
 * README's reliability table), so 0.5 means even odds; cross-validation showed no better cut worth
 * the risk of fitting it.
 */
export const DEFAULT_RELEVANCE_THRESHOLD = 0.5;
/** A topic with a fitted model is tagged when its probability reaches even odds. */
export const TOPIC_MODEL_THRESHOLD = 0.5;

/** Options of {@link createClassifier}. */
export interface ClassifierOptions {
  /** Relevance cut-off in [0, 1]; default {@link DEFAULT_RELEVANCE_THRESHOLD}. */
  threshold?: number;
  /** Entity gazetteer; default the shipped gazetteer.yaml. */
  gazetteer?: Gazetteer;
  /** Fitted weights; default the shipped classifier-model.json. */
  model?: ClassifierModel;
}

/** A ready classifier (taxonomy compiled once). */
export interface Classifier {
  classify(doc: ClassifyInput): Classification;
}

/** The relevance model: a taxonomy's own weights when it gives them, else the fitted model's. */
function relevanceModel(taxonomy: Taxonomy, model: ClassifierModel): LinearModel {
  const own = taxonomy.relevance.weights;
  if (!own) return model.relevance;
  const weights = Object.fromEntries(RELEVANCE_WEIGHT_NAMES.filter((n) => n !== 'bias').map((n) => [n, own[n]!]));
  return { bias: own.bias!, weights };
}

/** An article in a language the classifier does not read: not scored, with the reason as evidence. */
function unsupported(language: string): Classification {
  const reason = `language ${language} not supported`;
  return {
    language,
    skipReason: reason,
    relevance: 0,
    relevant: false,
    topics: [],
    evidence: { relevance: [{ phrase: language, where: 'body', rule: reason, weight: 0 }], topics: {} },
    entities: [],
  };
}

/** Builds a classifier from a taxonomy (default: the shipped taxonomy.yaml). */
export function createClassifier(taxonomy: Taxonomy = loadTaxonomy(), options: ClassifierOptions = {}): Classifier {
  const threshold = options.threshold ?? DEFAULT_RELEVANCE_THRESHOLD;
  if (!(threshold >= 0 && threshold <= 1))
    throw new RangeError(`relevance threshold must be in [0, 1], got ${threshold}`);
  const model = options.model ?? loadModel();
  const gazetteer = options.gazetteer ?? loadGazetteer();
  const weights = relevanceModel(taxonomy, model);
  const ownWeights = taxonomy.relevance.weights !== undefined;
  const usesWords =
    !ownWeights &&
    [model.relevance, ...Object.values(model.topics)].some((m) =>
      Object.keys(m.weights).some((f) => f.startsWith(WORD_PREFIX)),
    );
  const english = {
    analyser: new ArticleAnalyser(taxonomy, gazetteer, 'en', usesWords),
    scorer: new RelevanceScorer(taxonomy, weights),
  };
  let russian: typeof english | undefined; // built on the first Russian article

  return {
    classify(doc: ClassifyInput): Classification {
      const language = detectLanguage(doc.title, doc.text);
      if (language !== undefined && !isSupported(language)) return unsupported(language);
      if (language === 'ru') {
        russian ??= {
          analyser: new ArticleAnalyser(taxonomy, gazetteer, 'ru', usesWords),
          scorer: new RelevanceScorer(taxonomy, weights, 'ru'),
        };
      }
      const { analyser, scorer: relevanceScorer } = language === 'ru' ? russian! : english;
      const a = analyser.analyse(doc);
      const words = ownWeights ? new Map<string, Where>() : a.words;
      const relevance = relevanceScorer.scoreFeatures(
        a.relevance,
        a.relevanceEvidence.for,
        a.relevanceEvidence.against,
        words,
      );
      const topics: string[] = [];
      const evidence: Record<string, Evidence[]> = {};
      for (const t of a.topics) {
        const fitted = model.topics[t.id];
        if (fitted && !ownWeights) {
          if (sigmoid(linearScore(fitted, topicRow(t, a.words.keys(), fitted))) < TOPIC_MODEL_THRESHOLD) continue;
          evidence[t.id] = [...t.evidence, ...topicWordEvidence(fitted, a.words)];
        } else {
          if (t.score < t.threshold) continue;
          evidence[t.id] = t.evidence;
        }
        topics.push(t.id);
      }
      return {
        language,
        relevance: relevance.score,
        relevant: relevance.score >= threshold,
        topics,
        evidence: { relevance: relevance.evidence, topics: evidence },
        entities: a.tagged.entities,
      };
    },
  };
}

/**
 * Fitting and k-fold cross-validation of the classifier's models on labelled articles: each
 * article of a fold is predicted by models fitted without that fold. Shared by the fitting tool
 * (tools/fit-classifier.ts) and the quality gate, so both measure the same thing.
 */
import type { ArticleAnalysis } from './article-analysis.js';
import { assignFolds, type LabelledArticle, type Prediction } from './evaluation.js';
import { fitLogistic, linearScore, sigmoid, type LinearModel } from './logistic.js';
import type { ClassifierModel, FitSettings } from './model-file.js';
import { relevanceRow, WORD_PREFIX } from './relevance-scorer.js';
import { TOPIC_RULE_FEATURES, topicRow } from './topic-model.js';

/** A labelled article with what the analyser read from it. */
export interface Prepared {
  article: LabelledArticle;
  analysis: ArticleAnalysis;
}

export type RelevanceSettings = FitSettings['relevance'];
export type TopicSettings = FitSettings['topics'];

/** Thresholds of the relevance probability and of a topic model's probability. */
const RELEVANT_AT = 0.5;
const TOPIC_AT = 0.5;

/** Word features (prefixed) found in at least `minDocs` of the articles. */
export function vocabulary(train: Prepared[], minDocs: number): Set<string> {
  const df = new Map<string, number>();
  for (const p of train) for (const w of p.analysis.words.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  return new Set([...df].filter(([, n]) => n >= minDocs).map(([w]) => WORD_PREFIX + w));
}

const penalty = (dense: number, words: number) => (f: string) => (f.startsWith(WORD_PREFIX) ? words : dense);

/** Fits the relevance model on yes (1) and no (0) articles; borderline ones are left out. */
export function fitRelevance(train: Prepared[], s: RelevanceSettings): LinearModel {
  const rows = train.filter((p) => p.article.relevance !== 'borderline');
  const vocab = s.words ? vocabulary(rows, s.minDocs) : undefined;
  return fitLogistic(
    rows.map((p) => relevanceRow(p.analysis.relevance, s.words ? p.analysis.words.keys() : [])),
    rows.map((p) => (p.article.relevance === 'yes' ? 1 : 0)),
    {
      l2: penalty(s.l2, s.l2Words),
      vocabulary: vocab ? new Set([...vocab, ...relevanceRow(train[0]!.analysis.relevance).keys()]) : undefined,
    },
  );
}

/** Fits one topic's model on every article (topic labelled or not). */
export function fitTopic(train: Prepared[], id: string, s: TopicSettings, vocab: Set<string>): LinearModel {
  const rows = train.map((p) =>
    topicRow(
      p.analysis.topics.find((t) => t.id === id)!,
      s.words ? p.analysis.words.keys() : [],
    ),
  );
  return fitLogistic(
    rows,
    train.map((p) => (p.article.topics.includes(id) ? 1 : 0)),
    {
      l2: penalty(s.l2, s.l2Words),
      vocabulary: new Set([...vocab, ...TOPIC_RULE_FEATURES]),
    },
  );
}

/** Fits every model on the given articles. */
export function fitModels(
  train: Prepared[],
  rs: RelevanceSettings,
  ts: TopicSettings,
): Pick<ClassifierModel, 'relevance' | 'topics'> {
  const vocab = ts.words ? vocabulary(train, ts.minDocs) : new Set<string>();
  return {
    relevance: fitRelevance(train, rs),
    topics: Object.fromEntries(ts.fitted.map((id) => [id, fitTopic(train, id, ts, vocab)])),
  };
}

/** Predicts an analysed article with fitted models (topics without a model: their rule). */
export function predict(p: Prepared, models: Pick<ClassifierModel, 'relevance' | 'topics'>): Prediction {
  const relevance = sigmoid(linearScore(models.relevance, relevanceRow(p.analysis.relevance, p.analysis.words.keys())));
  const topics = p.analysis.topics
    .filter((t) => {
      const m = models.topics[t.id];
      return m ? sigmoid(linearScore(m, topicRow(t, p.analysis.words.keys(), m))) >= TOPIC_AT : t.score >= t.threshold;
    })
    .map((t) => t.id);
  return { id: p.article.id, relevance, relevant: relevance >= RELEVANT_AT, topics };
}

/** k-fold cross-validated predictions: each fold predicted by models fitted on the others. */
export function crossValidate(
  prepared: Prepared[],
  k: number,
  rs: RelevanceSettings,
  ts: TopicSettings,
): Map<string, Prediction> {
  const folds = assignFolds(
    prepared.map((p) => p.article),
    k,
  );
  const out = new Map<string, Prediction>();
  for (let f = 0; f < k; f++) {
    const models = fitModels(
      prepared.filter((_, i) => folds[i] !== f),
      rs,
      ts,
    );
    prepared.forEach((p, i) => {
      if (folds[i] === f) out.set(p.article.id, predict(p, models));
    });
  }
  return out;
}

/**
 * Scoring of relevance and topic predictions against labelled articles, the same counts as the
 * eval set's score.mjs (relevance: yes against no, borderline left out; topics: micro-F1 over all
 * pooled counts, macro-F1 the mean over topics that occur in the gold labels), plus the Brier
 * score and a reliability table of the relevance probability.
 */
import { readFileSync } from 'node:fs';

/** One labelled article (eval set line). */
export interface LabelledArticle {
  id: string;
  title: string;
  text: string;
  relevance: 'yes' | 'borderline' | 'no';
  topics: string[];
}

/** One prediction. */
export interface Prediction {
  id: string;
  relevance: number;
  relevant: boolean;
  topics: string[];
}

/** Precision, recall and F1 with their counts. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Relevance and topic figures of one set of predictions. */
export interface Scores {
  relevance: Counts;
  micro: Counts;
  macroF1: number;
  perTopic: Record<string, Counts & { support: number }>;
}

/** Reads a labelled JSONL file, naming the line of a bad entry. */
export function readLabelled(path: string): LabelledArticle[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.trim())
    .map(({ line, i }) => {
      const a = JSON.parse(line) as Partial<LabelledArticle>;
      if (
        typeof a.id !== 'string' ||
        typeof a.text !== 'string' ||
        !['yes', 'no', 'borderline'].includes(a.relevance ?? '')
      ) {
        throw new Error(`${path}:${i + 1}: needs a string id and text and a relevance of yes, no or borderline`);
      }
      return { id: a.id, title: a.title ?? '', text: a.text, relevance: a.relevance!, topics: a.topics ?? [] };
    });
}

export function counts(tp: number, fp: number, fn: number): Counts {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

/** Relevance counts at a threshold on the probability. */
export function relevanceAt(gold: LabelledArticle[], preds: Map<string, Prediction>, threshold: number): Counts {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const g of gold) {
    if (g.relevance === 'borderline') continue;
    const guess = (preds.get(g.id)?.relevance ?? 0) >= threshold;
    if (guess && g.relevance === 'yes') tp++;
    else if (guess) fp++;
    else if (g.relevance === 'yes') fn++;
  }
  return counts(tp, fp, fn);
}

/** Scores predictions against gold labels. */
export function score(gold: LabelledArticle[], preds: Map<string, Prediction>): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const g of gold) {
    if (g.relevance === 'borderline') continue;
    const guess = preds.get(g.id)?.relevant === true;
    if (guess && g.relevance === 'yes') tp++;
    else if (guess) fp++;
    else if (g.relevance === 'yes') fn++;
  }
  const topics = [...new Set(gold.flatMap((g) => g.topics))].sort();
  const perTopic: Scores['perTopic'] = {};
  let all = { tp: 0, fp: 0, fn: 0 };
  for (const t of topics) {
    const c = { tp: 0, fp: 0, fn: 0 };
    let support = 0;
    for (const g of gold) {
      const truth = g.topics.includes(t);
      const guess = preds.get(g.id)?.topics.includes(t) ?? false;
      if (truth) support++;
      if (truth && guess) c.tp++;
      else if (guess) c.fp++;
      else if (truth) c.fn++;
    }
    perTopic[t] = { ...counts(c.tp, c.fp, c.fn), support };
    all = { tp: all.tp + c.tp, fp: all.fp + c.fp, fn: all.fn + c.fn };
  }
  // Predicted topics that never occur in the gold set are false positives of the micro figure.
  for (const g of gold) for (const t of preds.get(g.id)?.topics ?? []) if (!topics.includes(t)) all.fp++;
  const macroF1 = topics.length ? topics.reduce((s, t) => s + perTopic[t]!.f1, 0) / topics.length : 0;
  return { relevance: counts(tp, fp, fn), micro: counts(all.tp, all.fp, all.fn), macroF1, perTopic };
}

/** Mean squared error of the relevance probability against yes = 1, no = 0 (borderline left out). */
export function brier(gold: LabelledArticle[], preds: Map<string, Prediction>): number {
  const rows = gold.filter((g) => g.relevance !== 'borderline');
  const sum = rows.reduce((s, g) => s + ((preds.get(g.id)?.relevance ?? 0) - (g.relevance === 'yes' ? 1 : 0)) ** 2, 0);
  return sum / Math.max(1, rows.length);
}

/** One row of a reliability table: predictions in [from, to), their mean and the share that were yes. */
export interface ReliabilityBin {
  from: number;
  to: number;
  n: number;
  meanPredicted: number;
  observed: number;
}

/** Reliability table of the relevance probability over `bins` equal-width bins. */
export function reliability(gold: LabelledArticle[], preds: Map<string, Prediction>, bins = 5): ReliabilityBin[] {
  const out: ReliabilityBin[] = Array.from({ length: bins }, (_, i) => ({
    from: i / bins,
    to: (i + 1) / bins,
    n: 0,
    meanPredicted: 0,
    observed: 0,
  }));
  for (const g of gold) {
    if (g.relevance === 'borderline') continue;
    const p = preds.get(g.id)?.relevance ?? 0;
    const bin = out[Math.min(bins - 1, Math.floor(p * bins))]!;
    bin.n++;
    bin.meanPredicted += p;
    bin.observed += g.relevance === 'yes' ? 1 : 0;
  }
  for (const b of out) {
    if (!b.n) continue;
    b.meanPredicted /= b.n;
    b.observed /= b.n;
  }
  return out;
}

/**
 * Fold of each article for k-fold cross-validation, stratified by relevance label: within each
 * label, articles in id order are dealt to folds in turn, so every fold holds its share of yes,
 * borderline and no, and the split does not depend on file order.
 */
export function assignFolds(articles: LabelledArticle[], k: number): number[] {
  const fold = new Array<number>(articles.length).fill(0);
  for (const label of ['yes', 'borderline', 'no'] as const) {
    const idx = articles.map((a, i) => ({ a, i })).filter(({ a }) => a.relevance === label);
    idx.sort((x, y) => (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0));
    idx.forEach(({ i }, j) => (fold[i] = j % k));
  }
  return fold;
}

/**
 * A contender of the fitting tool: each topic's rule threshold chosen inside the cross-validation
 * folds (the threshold that gives the topic its best F1 on the other folds), instead of the
 * taxonomy's fixed tiers. Measured, not shipped: it scored below the fixed thresholds.
 */
import type { Prepared } from './cross-validation.js';
import { assignFolds, counts, type Prediction } from './evaluation.js';

/** Thresholds tried: from a single hint deep in the body to several decisive hits. */
export const THRESHOLD_GRID = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 5, 6, 8];

interface Row {
  score: number;
  truth: boolean;
}

/** The grid's threshold with the best F1 on `rows`; ties go to the one nearest the taxonomy's. */
export function bestThreshold(rows: Row[], fixed: number): number {
  let best = fixed;
  let bestF1 = -1;
  for (const t of THRESHOLD_GRID) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const r of rows) {
      const guess = r.score >= t;
      if (guess && r.truth) tp++;
      else if (guess) fp++;
      else if (r.truth) fn++;
    }
    const f1 = counts(tp, fp, fn).f1;
    if (f1 > bestF1 + 1e-9 || (Math.abs(f1 - bestF1) <= 1e-9 && Math.abs(t - fixed) < Math.abs(best - fixed))) {
      bestF1 = f1;
      best = t;
    }
  }
  return best;
}

/**
 * Cross-validated topic predictions with per-topic thresholds chosen on the training folds;
 * relevance is copied from `relevance` (predictions of the same folds).
 */
export function crossValidateThresholds(
  prepared: Prepared[],
  k: number,
  relevance: Map<string, Prediction>,
): Map<string, Prediction> {
  const folds = assignFolds(
    prepared.map((p) => p.article),
    k,
  );
  const ids = prepared[0]?.analysis.topics.map((t) => t.id) ?? [];
  const out = new Map<string, Prediction>();
  for (let f = 0; f < k; f++) {
    const train = prepared.filter((_, i) => folds[i] !== f);
    const thresholds = new Map(
      ids.map((id, j) => [
        id,
        bestThreshold(
          train.map((p) => ({ score: p.analysis.topics[j]!.score, truth: p.article.topics.includes(id) })),
          prepared[0]!.analysis.topics[j]!.threshold,
        ),
      ]),
    );
    prepared.forEach((p, i) => {
      if (folds[i] !== f) return;
      const r = relevance.get(p.article.id)!;
      out.set(p.article.id, {
        ...r,
        topics: p.analysis.topics.filter((t) => t.score >= thresholds.get(t.id)!).map((t) => t.id),
      });
    });
  }
  return out;
}

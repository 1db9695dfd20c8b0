/**
 * Fits the relevance weights (taxonomy.yaml relevance.weights) by L2-regularised logistic
 * regression on a labelled set (gold "yes" = 1, "no" = 0, "borderline" left out), and prints
 * the weights with a 5-fold cross-validated F1 so the fit can be judged on unseen folds.
 *
 *   npx tsx src/stages/classify/tools/fit-relevance.ts /work/shared/eval/classify/dev.jsonl
 */
import { readFileSync } from 'node:fs';
import { EntityTagger } from '../entity-tagger.js';
import { loadGazetteer } from '../gazetteer.js';
import { RelevanceScorer, type RelevanceFeatures } from '../relevance-scorer.js';
import { segment } from '../segmenter.js';
import { loadTaxonomy, RELEVANCE_WEIGHT_NAMES } from '../taxonomy.js';

/** L2 penalty: chosen by 5-fold cross-validated F1 on dev (0.05, 0.01, 0.003, 0.001, 0.0003 tried). */
const L2 = Number(process.env.FIT_L2 ?? 0.001);
const STEPS = Number(process.env.FIT_STEPS ?? 20000);
const RATE = 0.3;
const FOLDS = 5;

/** One line of the labelled file. */
interface LabelledRow {
  id: string;
  title: string;
  text: string;
  relevance: 'yes' | 'no' | 'borderline';
}

const names = RELEVANCE_WEIGHT_NAMES.filter((n) => n !== 'bias') as Array<keyof RelevanceFeatures>;

function fit(xs: number[][], ys: number[]): number[] {
  const w = new Array<number>(names.length + 1).fill(0);
  for (let step = 0; step < STEPS; step++) {
    const g = new Array<number>(w.length).fill(0);
    xs.forEach((x, i) => {
      const z = w[0]! + x.reduce((s, v, j) => s + v * w[j + 1]!, 0);
      const err = 1 / (1 + Math.exp(-z)) - ys[i]!;
      g[0]! += err;
      x.forEach((v, j) => (g[j + 1]! += err * v));
    });
    for (let j = 0; j < w.length; j++) w[j]! -= RATE * (g[j]! / xs.length + (j > 0 ? L2 * w[j]! : 0));
  }
  return w;
}

const predict = (w: number[], x: number[]) => 1 / (1 + Math.exp(-(w[0]! + x.reduce((s, v, j) => s + v * w[j + 1]!, 0))));

const file = process.argv[2];
if (!file) throw new Error('usage: fit-relevance.ts LABELLED.jsonl');
const taxonomy = loadTaxonomy();
const tagger = new EntityTagger(loadGazetteer(), loadTaxonomy().relevance.notActor);
const scorer = new RelevanceScorer(taxonomy);
const rows = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as LabelledRow);
const data = rows
  .filter((r) => r.relevance !== 'borderline')
  .map((r) => {
    const { sentences } = segment(r);
    const { sides, actors } = tagger.tag(sentences);
    const f = scorer.features(sentences, sides, actors);
    return { id: r.id, x: names.map((n) => f[n]), y: r.relevance === 'yes' ? 1 : 0 };
  });

const w = fit(data.map((d) => d.x), data.map((d) => d.y));
console.log('weights:');
console.log(`  bias: ${w[0]!.toFixed(2)}`);
names.forEach((n, j) => console.log(`  ${n}: ${w[j + 1]!.toFixed(2)}`));

let tp = 0, fp = 0, fn = 0;
for (let k = 0; k < FOLDS; k++) {
  const train = data.filter((_, i) => i % FOLDS !== k);
  const test = data.filter((_, i) => i % FOLDS === k);
  const wk = fit(train.map((d) => d.x), train.map((d) => d.y));
  for (const d of test) {
    const p = predict(wk, d.x) >= 0.5;
    if (p && d.y) tp++; else if (p) fp++; else if (d.y) fn++;
  }
}
console.log(`${FOLDS}-fold cross-validated relevance F1 ${(2 * tp / (2 * tp + fp + fn)).toFixed(3)} (tp ${tp} fp ${fp} fn ${fn})`);

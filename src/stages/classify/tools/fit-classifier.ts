/**
 * Fits the classifier's weights (classifier-model.json) on labelled articles and chooses between
 * approaches by k-fold cross-validation: each fold is scored by models fitted without it.
 *
 *   npx tsx src/stages/classify/tools/fit-classifier.ts [--folds 10] [--write] [--topic-words] LABELLED.jsonl...
 *
 * Compares, in one run: relevance from the actor/evidence features alone vs the same features plus
 * word unigrams and bigrams (L2 logistic regression, penalties from a small grid); topics from the
 * taxonomy rules alone vs per-topic logistic models over the rule's evidence (score, title, lead,
 * distinct rules; with --topic-words also words, which is slow and measured worse). Prints each
 * contender's cross-validated figures (and the rules with per-topic thresholds chosen inside the folds), then the chosen one's per-topic table, Brier score,
 * reliability table and precision/recall at 0.3 / 0.5 / 0.7. With --write, fits the chosen settings
 * on all the articles and writes the model file.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ArticleAnalyser } from '../article-analysis.js';
import {
  crossValidate,
  fitModels,
  type Prepared,
  type RelevanceSettings,
  type TopicSettings,
} from '../cross-validation.js';
import { crossValidateThresholds } from '../fold-thresholds.js';
import { brier, readLabelled, relevanceAt, reliability, score, type Scores } from '../evaluation.js';
import { loadGazetteer } from '../gazetteer.js';
import { DEFAULT_MODEL_PATH, type ClassifierModel } from '../model-file.js';
import { loadTaxonomy } from '../taxonomy.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    folds: { type: 'string', default: '10' },
    write: { type: 'boolean', default: false },
    'topic-words': { type: 'boolean', default: false },
  },
});
if (positionals.length === 0) throw new Error('usage: fit-classifier.ts [--folds K] [--write] LABELLED.jsonl...');
const k = Number(values.folds);

const taxonomy = loadTaxonomy();
const analyser = new ArticleAnalyser(taxonomy, loadGazetteer());
const articles = positionals.flatMap((f) => readLabelled(f));
const started = performance.now();
const prepared: Prepared[] = articles.map((article) => ({ article, analysis: analyser.analyse(article) }));
console.log(
  `${articles.length} articles analysed in ${((performance.now() - started) / 1000).toFixed(2)} s; ${k}-fold cross-validation`,
);

const f3 = (x: number) => x.toFixed(3);
const line = (name: string, s: Scores) =>
  `${name.padEnd(52)} relevance F1 ${f3(s.relevance.f1)} P ${f3(s.relevance.precision)} R ${f3(s.relevance.recall)} | topics micro ${f3(s.micro.f1)} macro ${f3(s.macroF1)}`;

const rulesOnly: TopicSettings = { words: false, l2: 0.01, l2Words: 0.1, minDocs: 3, fitted: [] };
const relevanceGrid: RelevanceSettings[] = [
  ...[0.001, 0.01, 0.1].map((l2) => ({ words: false, l2, l2Words: 1, minDocs: 3 })),
  ...[0.01, 0.03, 0.1, 0.3].map((l2Words) => ({ words: true, l2: 0.01, l2Words, minDocs: 3 })),
];
let bestRelevance = relevanceGrid[0]!;
let bestF1 = -1;
for (const rs of relevanceGrid) {
  const t0 = performance.now();
  const s = score(articles, crossValidate(prepared, k, rs, rulesOnly));
  const name = rs.words
    ? `relevance: features + words, L2 words ${rs.l2Words}`
    : `relevance: features only, L2 ${rs.l2}`;
  console.log(`${line(name, s)}  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  if (s.relevance.f1 > bestF1 + 1e-9) {
    bestF1 = s.relevance.f1;
    bestRelevance = rs;
  }
}

const topicIds = taxonomy.topics.map((t) => t.id);
const topicGrid: TopicSettings[] = [
  rulesOnly,
  ...[0.001, 0.01, 0.1].map((l2) => ({ words: false, l2, l2Words: 1, minDocs: 3, fitted: topicIds })),
  ...(values['topic-words'] ? [{ words: true, l2: 0.01, l2Words: 0.1, minDocs: 3, fitted: topicIds }] : []),
];
const perTopic = new Map<TopicSettings, Scores>();
for (const ts of topicGrid) {
  const t0 = performance.now();
  const s = score(articles, crossValidate(prepared, k, bestRelevance, ts));
  perTopic.set(ts, s);
  const name = !ts.fitted.length
    ? 'topics: taxonomy rules'
    : ts.words
      ? `topics: models over rule features + words, L2 words ${ts.l2Words}`
      : `topics: models over rule features, L2 ${ts.l2}`;
  console.log(`${line(name, s)}  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
{
  const t0 = performance.now();
  const rulesPreds = crossValidate(prepared, k, bestRelevance, rulesOnly);
  const s = score(articles, crossValidateThresholds(prepared, k, rulesPreds));
  console.log(
    `${line('topics: rules, thresholds chosen inside the folds', s)}  (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
}
// Per topic, the fitted model where it beat the rules under cross-validation.
const [, ...fittedSettings] = topicGrid;
const bestModel = fittedSettings.reduce((a, b) => (perTopic.get(b)!.micro.f1 > perTopic.get(a)!.micro.f1 ? b : a));
const rulesScores = perTopic.get(rulesOnly)!;
const modelScores = perTopic.get(bestModel)!;
const chosen: TopicSettings = {
  ...bestModel,
  fitted: topicIds.filter((id) => (modelScores.perTopic[id]?.f1 ?? 0) > (rulesScores.perTopic[id]?.f1 ?? 0) + 0.005),
};
const final = crossValidate(prepared, k, bestRelevance, chosen);
const s = score(articles, final);
console.log(line(`chosen (models for: ${chosen.fitted.join(', ') || 'none'})`, s));

console.log('\nper topic, cross-validated (rules | chosen):');
for (const [id, c] of Object.entries(s.perTopic)) {
  console.log(
    `  ${id.padEnd(20)} support ${String(c.support).padStart(3)}  rules F1 ${f3(rulesScores.perTopic[id]!.f1)}  chosen P ${f3(c.precision)} R ${f3(c.recall)} F1 ${f3(c.f1)}`,
  );
}
console.log(`\nrelevance Brier score (cross-validated): ${f3(brier(articles, final))}`);
console.log('reliability (cross-validated): bin, articles, mean predicted, share yes');
for (const b of reliability(articles, final)) {
  console.log(
    `  ${b.from.toFixed(1)}–${b.to.toFixed(1)}  ${String(b.n).padStart(4)}  ${f3(b.meanPredicted)}  ${f3(b.observed)}`,
  );
}
for (const t of [0.3, 0.5, 0.7]) {
  const c = relevanceAt(articles, final, t);
  console.log(`  threshold ${t}: precision ${f3(c.precision)} recall ${f3(c.recall)} F1 ${f3(c.f1)}`);
}

if (values.write) {
  const fit = { folds: k, relevance: bestRelevance, topics: chosen };
  const model: ClassifierModel = {
    about: `Fitted by tools/fit-classifier.ts on ${articles.length} labelled articles; ${k}-fold cross-validated relevance F1 ${f3(s.relevance.f1)}, topics micro-F1 ${f3(s.micro.f1)}, macro-F1 ${f3(s.macroF1)}.`,
    fit,
    ...fitModels(prepared, bestRelevance, chosen),
  };
  writeFileSync(DEFAULT_MODEL_PATH, JSON.stringify(model, null, 1) + '\n');
  console.log(`wrote ${DEFAULT_MODEL_PATH}`);
}

/**
 * Quality gate of the classifier: cross-validated relevance F1 and topic micro/macro-F1 on the
 * labelled English sets (dev + dev2), with the settings the shipped model was fitted with, must
 * stay within 0.01 of the floors in classify-floors.json. Runs only when ../shared/eval is present.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticleAnalyser } from '../../src/stages/classify/article-analysis.js';
import { createClassifier } from '../../src/stages/classify/classifier.js';
import { crossValidate } from '../../src/stages/classify/cross-validation.js';
import { readLabelled, score, type Prediction } from '../../src/stages/classify/evaluation.js';
import { loadGazetteer } from '../../src/stages/classify/gazetteer.js';
import { loadModel } from '../../src/stages/classify/model-file.js';
import { loadTaxonomy } from '../../src/stages/classify/taxonomy.js';
import { SHARED_DIR } from '../helpers/shared-data.js';

/** How far below a floor a figure may fall before the gate fails (noise of a small rule change). */
const TOLERANCE = 0.01;
const EVAL = resolve(SHARED_DIR, 'eval/classify');
const floors = JSON.parse(readFileSync(new URL('./classify-floors.json', import.meta.url), 'utf8')) as {
  english: { relevanceF1: number; topicMicroF1: number; topicMacroF1: number };
  russian: { relevanceF1: number; topicMicroF1: number; topicMacroF1: number };
};
const RUSSIAN_SET = resolve(SHARED_DIR, 'eval/ru/dev.jsonl');

describe.skipIf(!existsSync(resolve(EVAL, 'dev2.jsonl')))(
  'classifier quality (cross-validated on the labelled sets)',
  () => {
    it('keeps relevance F1 and topic micro/macro-F1 within 0.01 of the recorded floors', { timeout: 180_000 }, () => {
      const model = loadModel();
      expect(model.fit, 'the shipped model records the settings it was fitted with').toBeDefined();
      const analyser = new ArticleAnalyser(loadTaxonomy(), loadGazetteer());
      const articles = [...readLabelled(resolve(EVAL, 'dev.jsonl')), ...readLabelled(resolve(EVAL, 'dev2.jsonl'))];
      const prepared = articles.map((article) => ({ article, analysis: analyser.analyse(article) }));
      const { folds, relevance, topics } = model.fit!;
      const s = score(articles, crossValidate(prepared, folds, relevance, topics));
      const f = floors.english;
      expect(s.relevance.f1).toBeGreaterThanOrEqual(f.relevanceF1 - TOLERANCE);
      expect(s.micro.f1).toBeGreaterThanOrEqual(f.topicMicroF1 - TOLERANCE);
      expect(s.macroF1).toBeGreaterThanOrEqual(f.topicMacroF1 - TOLERANCE);
    });
  },
);

describe.skipIf(!existsSync(RUSSIAN_SET))('classifier quality on Russian articles', () => {
  it(
    'keeps relevance F1 and topic micro/macro-F1 on the Russian dev set within 0.01 of the floors',
    { timeout: 60_000 },
    () => {
      const classifier = createClassifier();
      const articles = readLabelled(RUSSIAN_SET);
      const preds = new Map<string, Prediction>(
        articles.map((a) => {
          const c = classifier.classify(a);
          return [a.id, { id: a.id, relevance: c.relevance, relevant: c.relevant, topics: c.topics }];
        }),
      );
      const s = score(articles, preds);
      const f = floors.russian;
      expect(s.relevance.f1).toBeGreaterThanOrEqual(f.relevanceF1 - TOLERANCE);
      expect(s.micro.f1).toBeGreaterThanOrEqual(f.topicMicroF1 - TOLERANCE);
      expect(s.macroF1).toBeGreaterThanOrEqual(f.topicMacroF1 - TOLERANCE);
    },
  );
});

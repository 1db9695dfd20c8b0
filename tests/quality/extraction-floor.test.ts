/**
 * Extraction quality never silently drops: F1 on the dev sets stays at or above the floors in
 * extraction-floors.json. Runs only where the evaluation sets are present (../shared/eval beside
 * the project, or $PARLEY_EXTRACTION_DEV / $PARLEY_EXTRACTION2); skipped elsewhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTrafilatura, loadZyte, trafilaturaDir, zyteDir, type EvalSet } from '../../bench/_extraction-sets.js';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';

const floors = JSON.parse(readFileSync(new URL('./extraction-floors.json', import.meta.url), 'utf8')) as {
  zyte_dev_f1: number;
  trafilatura_dev_f1: number;
};

function f1(set: EvalSet): number {
  const docs = set.pages.map((p) => {
    let text = '';
    try {
      text = extractArticle(p.html, { url: p.url }).text;
    } catch {
      // no article found: scored as an empty extraction
    }
    return set.scorer.matchDoc(p.truth, text);
  });
  return set.scorer.aggregate(docs).f1;
}

describe('extraction quality floors', () => {
  it.skipIf(!existsSync(zyteDir()))('keeps F1 on Zyte dev at or above its floor', { timeout: 300_000 }, async () => {
    expect(f1(await loadZyte())).toBeGreaterThanOrEqual(floors.zyte_dev_f1);
  });

  it.skipIf(!existsSync(trafilaturaDir()))(
    'keeps F1 on trafilatura dev at or above its floor',
    { timeout: 600_000 },
    async () => {
      expect(f1(await loadTrafilatura())).toBeGreaterThanOrEqual(floors.trafilatura_dev_f1);
    },
  );
});

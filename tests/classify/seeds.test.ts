import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/stages/classify/classifier.js';

/** The seed table of /work/shared/eval/classify/GUIDELINES.md. */
const EXPECTED: Record<string, string[]> = {
  'seed-000': ['syria', 'chemical-weapons', 'meeting'],
  'seed-001': ['syria', 'iran', 'meeting'],
  'seed-002': ['syria', 'ukraine', 'sanctions', 'terrorism', 'meeting'],
  'seed-003': ['syria', 'chemical-weapons', 'iran', 'north-korea', 'terrorism', 'ukraine', 'sanctions', 'meeting'],
  'seed-004': [
    'syria',
    'chemical-weapons',
    'ukraine',
    'north-korea',
    'cyber-election',
    'sanctions',
    'terrorism',
    'meeting',
  ],
};

const DEV_SET = '/work/shared/eval/classify/dev.jsonl';
const seeds = readFileSync(DEV_SET, 'utf8')
  .split('\n')
  .filter((l) => l.includes('"seed-'))
  .map((l) => JSON.parse(l) as { id: string; title: string; text: string });

describe('the five seed documents (raw page text)', () => {
  const classifier = createClassifier();

  it('are all present in the dev set', () => {
    expect(seeds.map((s) => s.id).sort()).toEqual(Object.keys(EXPECTED));
  });

  for (const [id, topics] of Object.entries(EXPECTED)) {
    it(`${id} is relevant with exactly its guideline topics`, () => {
      const seed = seeds.find((s) => s.id === id)!;
      const c = classifier.classify(seed);
      expect(c.relevant).toBe(true);
      expect([...c.topics].sort()).toEqual([...topics].sort());
    });
  }

  it('name the two chief diplomats of the Kerry–Lavrov talks under normalised names', () => {
    const c = classifier.classify(seeds.find((s) => s.id === 'seed-001')!);
    const names = c.entities.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['John Kerry', 'Sergei Lavrov', 'Russia', 'United States']));
  });
});

/**
 * Quality gate of the event extractor: the labelled English event set and the Russian set, scored
 * by the eval's own scorer (../shared/eval/events/score.mjs), must stay within 0.01 of the floors
 * in events-floors.json. Runs only when ../shared/eval is present.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEventExtractor } from '../../src/stages/events/extractor.js';
import { SHARED_DIR } from '../helpers/shared-data.js';

/** How far below a floor a figure may fall before the gate fails (noise of a small rule change). */
const TOLERANCE = 0.01;
const SCORER = resolve(SHARED_DIR, 'eval/events/score.mjs');
const ENGLISH = resolve(SHARED_DIR, 'eval/events/dev.jsonl');
const RUSSIAN = resolve(SHARED_DIR, 'eval/ru/dev.jsonl');

interface Figures {
  f1: number;
  people: number;
  date: number;
}
const floors = JSON.parse(readFileSync(new URL('./events-floors.json', import.meta.url), 'utf8')) as {
  english: Figures;
  russian: Figures;
};

const work = mkdtempSync(join(tmpdir(), 'parley-events-quality-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const extractor = createEventExtractor();

/** Extracts the events of every article of a labelled set and scores them with the eval's scorer. */
function measure(goldPath: string): Figures {
  const lines = readFileSync(goldPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  const predictions = lines.map((line) => {
    const doc = JSON.parse(line) as { id: string; title?: string; text: string; date?: string | null };
    const { events } = extractor.extract({ title: doc.title ?? '', text: doc.text, date: doc.date ?? null });
    return JSON.stringify({ id: doc.id, events });
  });
  const predPath = join(work, `${goldPath.split('/').at(-2)}.jsonl`);
  writeFileSync(predPath, predictions.join('\n') + '\n');
  const out = execFileSync(process.execPath, [SCORER, goldPath, predPath, '-q'], { encoding: 'utf8' });
  const last = out.trim().split('\n').at(-1)!;
  const figure = (name: string) => Number(new RegExp(`${name} (\\d\\.\\d+)`).exec(last)?.[1]);
  return { f1: figure('events F1'), people: figure('people'), date: figure('date') };
}

describe.skipIf(!existsSync(SCORER) || !existsSync(ENGLISH))('event extraction quality (the eval scorer)', () => {
  it('keeps event F1 and the matched people and dates on the English set within 0.01 of the floors', () => {
    const s = measure(ENGLISH);
    expect(s.f1).toBeGreaterThanOrEqual(floors.english.f1 - TOLERANCE);
    expect(s.people).toBeGreaterThanOrEqual(floors.english.people - TOLERANCE);
    expect(s.date).toBeGreaterThanOrEqual(floors.english.date - TOLERANCE);
  });

  it.skipIf(!existsSync(RUSSIAN))(
    'keeps event F1 and the matched people and dates on the Russian set within 0.01 of the floors',
    () => {
      const s = measure(RUSSIAN);
      expect(s.f1).toBeGreaterThanOrEqual(floors.russian.f1 - TOLERANCE);
      expect(s.people).toBeGreaterThanOrEqual(floors.russian.people - TOLERANCE);
      expect(s.date).toBeGreaterThanOrEqual(floors.russian.date - TOLERANCE);
    },
  );
});

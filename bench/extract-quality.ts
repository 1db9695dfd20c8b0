/**
 * `npm run bench -- extract-quality [--dump DIR]`: extraction quality on both dev sets in one run,
 * without Readability or timing (quicker than `npm run bench -- extract` while tuning): F1 / precision / recall on Zyte dev, on trafilatura's
 * dev pages and on each half of them, plus title / author / date accuracy.
 *
 * Halves of trafilatura's dev pages: a page is in half A when the first hex digit of the SHA-1 of
 * its id is 0–7, else in half B (stable, independent of the file order).
 *
 * --dump DIR writes DIR/<set>/<id>.txt (the extracted text) and DIR/<set>.tsv (per-page scores),
 * for error analysis.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTrafilatura, loadZyte, type EvalPage, type EvalSet } from './_extraction-sets.js';
import { emptyTally, formatTally, tallyMetadata } from './_metadata-accuracy.js';
import { extractArticle, type PageMetadata } from '../src/stages/clean/html-extractor.js';

/** Half A or B of a page, by the SHA-1 of its id. */
export function halfOf(id: string): 'A' | 'B' {
  return parseInt(createHash('sha1').update(id).digest('hex')[0]!, 16) < 8 ? 'A' : 'B';
}

function extract(p: EvalPage): { text: string; metadata?: PageMetadata } {
  try {
    const a = extractArticle(p.html, { url: p.url });
    return { text: a.text, metadata: a.metadata };
  } catch {
    return { text: '' };
  }
}

function line(name: string, m: { f1: number; precision: number; recall: number }, n: number): string {
  return `${name.padEnd(24)} F1 ${m.f1.toFixed(4)}  precision ${m.precision.toFixed(4)}  recall ${m.recall.toFixed(4)}  n ${n}`;
}

function evaluate(set: EvalSet, dump: string | undefined): void {
  const outs = set.pages.map(extract);
  const docs = set.pages.map((p, i) => set.scorer.matchDoc(p.truth, outs[i]!.text));
  console.log(line(`${set.name} dev`, set.scorer.aggregate(docs), docs.length));
  if (set.name === 'trafilatura') {
    for (const h of ['A', 'B'] as const) {
      const sub = docs.filter((_, i) => halfOf(set.pages[i]!.id) === h);
      console.log(line(`${set.name} half ${h}`, set.scorer.aggregate(sub), sub.length));
    }
    const tally = emptyTally();
    set.pages.forEach((p, i) => tallyMetadata(tally, p.meta, outs[i]!.metadata));
    console.log(formatTally(tally));
  }
  if (dump !== undefined) {
    const dir = join(dump, set.name);
    mkdirSync(dir, { recursive: true });
    const rows = set.pages.map((p, i) => {
      writeFileSync(join(dir, `${p.id}.txt`), outs[i]!.text);
      const m = set.scorer.aggregate([docs[i]]);
      return [
        p.id,
        halfOf(p.id),
        m.f1.toFixed(3),
        m.precision.toFixed(3),
        m.recall.toFixed(3),
        JSON.stringify(docs[i]),
      ].join('\t');
    });
    writeFileSync(join(dump, `${set.name}.tsv`), rows.join('\n') + '\n');
  }
}

/** Runs the evaluation; `--dump DIR` also writes each extracted text and per-page scores. */
export async function run(args: string[]): Promise<void> {
  const i = args.indexOf('--dump');
  const dump = i >= 0 ? args[i + 1] : undefined;
  evaluate(await loadZyte(), dump);
  evaluate(await loadTrafilatura(), dump);
}

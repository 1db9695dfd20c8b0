/**
 * `npm run bench -- extract`: article extraction quality and speed on the dev set, for Parley and
 * for Mozilla Readability on linkedom, measured in the same run.
 *
 * Prints F1 / precision / recall (the eval's own scorer, score.mjs) and the median milliseconds per
 * page (parse included; each page's fastest of ROUNDS alternating runs) for both, and the speed ratio. The dev set is found at
 * ../shared/eval/extraction/dev from the project root, or at $PARLEY_EXTRACTION_DEV.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../src/stages/clean/html-extractor.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Pages run once untimed first, so both extractors are measured with warm JIT and caches. */
const WARMUP_PAGES = 5;
/** Each page is timed this many times per extractor; its fastest time counts. */
const ROUNDS = 3;

interface Scorer {
  matchDoc(truth: string, pred: string): { tp: number; fp: number; fn: number; exact: boolean };
  aggregate(docs: unknown[]): { f1: number; precision: number; recall: number; accuracy: number };
}

interface Page {
  id: string;
  html: string;
  url: string | undefined;
  truth: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function parley(page: Page): string {
  try {
    return extractArticle(page.html, { url: page.url }).text;
  } catch {
    return '';
  }
}

function readability(page: Page): string {
  try {
    // linkedom's document stands in for the DOM one Readability's types name (linkedom's own types do not
    // resolve under this project's settings, so ESLint sees an error type).
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
    const { document } = parseHTML(page.html);
    return new Readability(document).parse()?.textContent ?? '';
  } catch {
    return '';
  }
}

interface Extractor {
  name: string;
  extract: (p: Page) => string;
  /** Fastest time per page over the rounds. */
  ms: number[];
  docs: unknown[];
}

/**
 * Times both extractors page by page, alternating, over ROUNDS rounds, keeping each page's fastest
 * time: load from other processes then hits both alike, and the ratio stays stable on a busy machine.
 */
function measure(extractors: Extractor[], pages: readonly Page[], scorer: Scorer): void {
  for (const x of extractors) for (const p of pages.slice(0, WARMUP_PAGES)) x.extract(p);
  for (let round = 0; round < ROUNDS; round++) {
    pages.forEach((p, i) => {
      for (const x of extractors) {
        const t0 = process.hrtime.bigint();
        const text = x.extract(p);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        x.ms[i] = Math.min(x.ms[i] ?? Infinity, ms);
        if (round === 0) x.docs.push(scorer.matchDoc(p.truth, text));
      }
    });
  }
  for (const x of extractors) {
    const m = scorer.aggregate(x.docs);
    console.log(
      `${x.name.padEnd(22)} F1 ${m.f1.toFixed(3)}  precision ${m.precision.toFixed(3)}  recall ${m.recall.toFixed(3)}  median ${median(x.ms).toFixed(2)} ms/page  total ${x.ms.reduce((a, b) => a + b, 0).toFixed(0)} ms`,
    );
  }
}

/** Runs the benchmark (args are ignored). */
export async function run(): Promise<void> {
  const dir = process.env['PARLEY_EXTRACTION_DEV'] ?? join(projectRoot, '..', 'shared', 'eval', 'extraction', 'dev');
  const scorerPath = join(dir, '..', 'score.mjs');
  if (!existsSync(dir) || !existsSync(scorerPath)) {
    throw new Error(`extraction dev set not found at ${dir} (with ../score.mjs); set PARLEY_EXTRACTION_DEV`);
  }
  const scorer = (await import(pathToFileURL(scorerPath).href)) as Scorer;
  const pages: Page[] = readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => {
      const id = f.slice(0, -'.html'.length);
      const meta = JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as { url?: string; articleBody?: string };
      return { id, html: readFileSync(join(dir, f), 'utf8'), url: meta.url, truth: meta.articleBody ?? '' };
    });
  console.log(`dev set: ${pages.length} pages from ${dir}`);
  const ours: Extractor = { name: 'parley', extract: parley, ms: [], docs: [] };
  const theirs: Extractor = { name: 'readability+linkedom', extract: readability, ms: [], docs: [] };
  measure([ours, theirs], pages, scorer);
  const ratio = median(theirs.ms) / median(ours.ms);
  console.log(`speed: parley median is ${ratio.toFixed(1)}x faster than readability+linkedom (target >= 5x; fastest of ${ROUNDS} alternating rounds per page)`);
}

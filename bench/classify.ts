/**
 * `npm run bench -- classify [--seconds=N]`: articles per second of the classifier on the English
 * dev set and on the Russian dev set (one core, classification only — language detection
 * included — no I/O), against a baseline measured in the same run: the reference keyword rule (a
 * Russia and a US regex over title + lead, one regex per topic).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClassifier } from '../src/stages/classify/classifier.js';

const EVAL_DIR = resolve(process.env.PARLEY_SHARED_DIR ?? '../shared', 'eval');
const DEV_SET = resolve(EVAL_DIR, 'classify/dev.jsonl');
const RUSSIAN_SET = resolve(EVAL_DIR, 'ru/dev.jsonl');
/** Articles per second the classifier must reach on one core, in each language. */
const TARGET_RATE = 1000;
/** Seconds each contender runs for; long enough to smooth JIT warm-up and GC noise. */
const DEFAULT_SECONDS = 3;
/** Leading characters of the text that the baseline treats as the lead. */
const BASELINE_LEAD_CHARS = 400;

const RUSSIA = /\b(Russia|Russian|Moscow|Kremlin|Putin|Lavrov)\b/;
const US = /\b(U\.S\.|United States|Washington|White House|Trump|Obama|Tillerson|Kerry)\b/;
const BASELINE_TOPICS: Array<[string, RegExp]> = [
  ['syria', /\bSyria/],
  ['ukraine', /\b(Ukrain|Crimea)/],
  ['sanctions', /\bsanction/i],
  ['chemical-weapons', /\bchemical weapon/i],
  ['arms-control', /\b(arms control|New START|INF|missile treaty)/],
  ['iran', /\bIran/],
  ['north-korea', /\bNorth Korea/],
  ['terrorism', /\b(terror|Islamic State)/i],
  ['cyber-election', /\b(hack|cyber|meddl|interfer)/i],
  ['diplomatic-missions', /\b(embass|consulate|diplomats)/i],
  ['meeting', /\b(meet|met|talks|phone call|summit)\b/i],
];

function baseline(doc: { title: string; text: string }): { relevant: boolean; topics: string[] } {
  const head = `${doc.title}\n${doc.text.slice(0, BASELINE_LEAD_CHARS)}`;
  return {
    relevant: RUSSIA.test(head) && US.test(head),
    topics: BASELINE_TOPICS.filter(([, re]) => re.test(doc.text)).map(([t]) => t),
  };
}

function measure(
  name: string,
  docs: Array<{ title: string; text: string }>,
  seconds: number,
  fn: (d: { title: string; text: string }) => unknown,
): number {
  for (const d of docs) fn(d); // warm-up
  let n = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until) {
    for (const d of docs) fn(d);
    n += docs.length;
  }
  const rate = n / ((performance.now() - started) / 1000);
  // Per CPU-second of this process: what one core of its own would give, on a machine others share.
  const used = process.cpuUsage(cpu);
  const perCpu = n / ((used.user + used.system) / 1e6);
  console.log(
    `${name.padEnd(34)} ${rate.toFixed(0).padStart(8)} articles/s  (${n} classified; ${perCpu.toFixed(0)} per CPU-second)`,
  );
  return rate;
}

/** Runs the benchmark. */
export async function run(args: string[]): Promise<void> {
  const given = args.find((a) => a.startsWith('--seconds='));
  const seconds = given ? Number(given.slice('--seconds='.length)) : DEFAULT_SECONDS;
  const read = (path: string) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { title: string; text: string });
  const docs = read(DEV_SET);
  const chars = docs.reduce((s, d) => s + d.text.length, 0);
  console.log(`dev set: ${docs.length} articles, mean ${(chars / docs.length).toFixed(0)} characters`);
  const t0 = performance.now();
  const classifier = createClassifier();
  console.log(`classifier start-up (load + compile taxonomy and gazetteer): ${(performance.now() - t0).toFixed(0)} ms`);
  const base = measure('baseline (single-regex keyword rule)', docs, seconds, baseline);
  const ours = measure('classifier, English', docs, seconds, (d) => classifier.classify(d));
  console.log(
    `ratio classifier/baseline: ${(ours / base).toFixed(3)} (the classifier is ${(base / ours).toFixed(1)}x slower; target >= ${TARGET_RATE} articles/s)`,
  );
  if (existsSync(RUSSIAN_SET)) {
    const ru = read(RUSSIAN_SET);
    const ruChars = ru.reduce((s, d) => s + d.text.length, 0);
    console.log(`Russian dev set: ${ru.length} articles, mean ${(ruChars / ru.length).toFixed(0)} characters`);
    const baseRu = measure('baseline on Russian (finds nothing)', ru, seconds, baseline);
    const oursRu = measure('classifier, Russian', ru, seconds, (d) => classifier.classify(d));
    console.log(
      `ratio Russian/English: ${(oursRu / ours).toFixed(3)}; Russian classifier/baseline ${(oursRu / baseRu).toFixed(3)}; target >= ${TARGET_RATE} articles/s`,
    );
  }
}

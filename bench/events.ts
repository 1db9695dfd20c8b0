/**
 * `npm run bench -- events [--seconds=N]`: articles per second of the event extractor on the event
 * dev set (one core, no I/O), beside the classify stage's rate on the same articles in the same run;
 * then the time per hostile article (10,000 sentences naming both sides, impossible, contradictory,
 * far-future and pre-1990 dates), which must stay under 100 ms.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClassifier } from '../src/stages/classify/classifier.js';
import { createEventExtractor } from '../src/stages/events/extractor.js';

/** The labelled event set, beside the repository (override with EVENTS_DEV_SET). */
const DEV_SET = process.env.EVENTS_DEV_SET ?? resolve(process.cwd(), '../shared/eval/events/dev.jsonl');
const DEFAULT_SECONDS = 3;
/** Runs of each hostile article; the slowest counts. */
const HOSTILE_RUNS = 5;

interface Doc {
  title: string;
  text: string;
  date?: string | null;
}

function measure(name: string, docs: Doc[], seconds: number, fn: (d: Doc) => unknown): number {
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
    `${name.padEnd(34)} ${rate.toFixed(0).padStart(8)} articles/s  (${n} read; ${perCpu.toFixed(0)} per CPU-second)`,
  );
  return rate;
}

function hostile(): Array<[string, Doc]> {
  const both = 'U.S. Secretary of State Rex Tillerson met Russian Foreign Minister Sergei Lavrov in Moscow on Tuesday.';
  const repeat = (s: (i: number) => string, n: number) => Array.from({ length: n }, (_, i) => s(i)).join(' ');
  return [
    ['10,000 sentences naming both sides', { title: 'Talks', text: repeat(() => both, 10_000), date: '2017-04-12' }],
    [
      'impossible dates (February 30)',
      {
        title: 'Talks',
        text: repeat((i) => both.replace('Tuesday', `February ${29 + (i % 3)}`), 2_000),
        date: '2017-04-12',
      },
    ],
    [
      'contradictory dates',
      {
        title: 'Talks',
        text: repeat((i) => both.replace('Tuesday', `March ${(i % 28) + 1}, ${2000 + (i % 20)}`), 2_000),
        date: '2017-04-12',
      },
    ],
    [
      'far future and before 1990',
      {
        title: 'Talks',
        text: repeat((i) => both.replace('Tuesday', i % 2 ? 'June 3, 2400' : 'May 1, 1950'), 2_000),
        date: '2017-04-12',
      },
    ],
    [
      'one 1 MB sentence',
      { title: 'Talks', text: `${'Tillerson and Lavrov met and met '.repeat(30_000)}.`, date: null },
    ],
  ];
}

export async function run(args: string[]): Promise<void> {
  const given = args.find((a) => a.startsWith('--seconds='));
  const seconds = given ? Number(given.slice('--seconds='.length)) : DEFAULT_SECONDS;
  const docs = readFileSync(DEV_SET, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Doc);
  console.log(`event dev set: ${docs.length} articles`);
  const t0 = performance.now();
  const extractor = createEventExtractor();
  console.log(
    `extractor start-up (load + validate events.yaml and the gazetteer): ${(performance.now() - t0).toFixed(0)} ms`,
  );
  const classifier = createClassifier();
  const classify = measure('classify stage', docs, seconds, (d) => classifier.classify(d));
  const events = measure('event extraction', docs, seconds, (d) => extractor.extract(d));
  console.log(
    `ratio events/classify: ${(events / classify).toFixed(3)} (target >= 1,000 articles/s for event extraction)`,
  );
  for (const [name, doc] of hostile()) {
    let worst = 0;
    let result = extractor.extract(doc);
    for (let i = 0; i < HOSTILE_RUNS; i++) {
      const t = performance.now();
      result = extractor.extract(doc);
      worst = Math.max(worst, performance.now() - t);
    }
    console.log(
      `hostile: ${name.padEnd(36)} worst ${worst.toFixed(1).padStart(6)} ms  ${result.events.length} events; ${result.notes[0] ?? ''}`,
    );
  }
}

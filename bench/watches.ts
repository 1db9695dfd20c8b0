/**
 * `npm run bench -- watches`: CPU time to match 1,000 stored articles against 100 watches (each
 * article prepared once, then tested against every watch), as the match job does. The budget is
 * one second of CPU; the baseline in the same run is the naive matcher that lower-cases and splits
 * the article's text again for every watch.
 */
import { EVENT_TYPES } from '../src/shared/event-contract.js';
import { compileWatch, matches, prepareArticle, type WatchedArticle } from '../src/stages/watch/match.js';
import type { WatchFilter } from '../src/stages/watch/watch-spec.js';
import { ENTITIES, SITES, TOPICS, prng, syntheticArticles } from './_synthetic-articles.js';

/** The budget: 1,000 articles × 100 watches in at most this much CPU. */
const BUDGET_MS = 1_000;
const ARTICLES = 1_000;
const WATCHES = 100;

function watchesFor(random: () => number, words: string[]): WatchFilter[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  return Array.from({ length: WATCHES }, (_, i) => ({
    topics: random() < 0.8 ? [pick(TOPICS)] : [],
    entities: random() < 0.4 ? [pick(ENTITIES).split(' ').at(-1)!] : [],
    events: random() < 0.3 ? [pick(EVENT_TYPES)] : [],
    people: [],
    ...(random() < 0.5 ? { q: `${pick(words)} ${i % 3 === 0 ? pick(words) : ''}`.trim() } : {}),
    ...(random() < 0.2 ? { lang: 'en' } : {}),
    ...(random() < 0.3 ? { minRelevance: 0.5 } : {}),
    sites: random() < 0.2 ? [pick(SITES)] : [],
  }));
}

const cpuMs = (f: () => void) => {
  const before = process.cpuUsage();
  f();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1000;
};

export async function run(): Promise<void> {
  const random = prng(7);
  const stored = syntheticArticles(ARTICLES, 3);
  const articles: WatchedArticle[] = stored.map((a) => ({
    ...a,
    eventTypes: random() < 0.3 ? [EVENT_TYPES[Math.floor(random() * EVENT_TYPES.length)]!] : [],
    people: [],
    sites: [a.site],
  }));
  const words = stored.slice(0, 50).flatMap((a) => a.text.split(/\s+/).filter((w) => /^[a-z]{5,}$/.test(w)));
  const watches = watchesFor(random, words).map((f, i) => compileWatch(`w${i}`, f));

  let hits = 0;
  const once = () => {
    hits = 0;
    for (const a of articles) {
      const p = prepareArticle(a);
      for (const w of watches) if (matches(p, w)) hits++;
    }
  };
  const naive = () => {
    for (const a of articles) for (const w of watches) matches(prepareArticle(a), w);
  };
  once(); // warm-up
  const runs = Array.from({ length: 5 }, () => cpuMs(once)).sort((a, b) => a - b);
  const median = runs[2]!;
  const baseline = cpuMs(naive);
  console.log(`${ARTICLES} articles × ${WATCHES} watches: ${hits} matches`);
  console.log(
    `prepared once:   ${median.toFixed(0)} ms cpu (median of 5; budget ${BUDGET_MS} ms) ${median <= BUDGET_MS ? 'OK' : 'OVER'}`,
  );
  console.log(`baseline (naive, text split per watch): ${baseline.toFixed(0)} ms cpu`);
}

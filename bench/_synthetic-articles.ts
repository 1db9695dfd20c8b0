/**
 * Synthetic articles for the store benchmark: words drawn from the real texts in
 * tests/fixtures/stories by their real frequencies, so term statistics (common and rare words)
 * look like news; topics, entities, sites and dates drawn at random. Seeded, so runs compare.
 */
import { SOURCE_KINDS } from '../src/shared/contracts.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredArticle } from '../src/stages/store/article-store.js';

const FIXTURES = join(import.meta.dirname, '..', 'tests', 'fixtures', 'stories');
export const TOPICS = [
  'syria',
  'ukraine',
  'sanctions',
  'arms-control',
  'meeting',
  'chemical-weapons',
  'cyber-election',
  'iran',
  'north-korea',
  'terrorism',
  'diplomats',
  'energy',
];
export const ENTITIES = [
  'Sergei Lavrov',
  'Rex Tillerson',
  'John Kerry',
  'Vladimir Putin',
  'Donald Trump',
  'Barack Obama',
  'Bashar al-Assad',
  'Kremlin',
  'State Department',
  'NATO',
  'United Nations',
  'Moscow',
  'Washington',
  'Damascus',
  'Kiev',
];
export const SITES = Array.from({ length: 40 }, (_, i) => `site${i}.example`);
const START = Date.parse('2013-01-01T00:00:00Z');
const SPAN_MS = 10 * 365 * 24 * 3600 * 1000;

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The fixture texts' words, each as often as it occurs there. */
export function wordPool(): string[] {
  const words: string[] = [];
  for (const f of readdirSync(FIXTURES))
    words.push(...(readFileSync(join(FIXTURES, f), 'utf8').match(/[\p{L}][\p{L}'’-]*/gu) ?? []));
  return words;
}

export function syntheticArticles(count: number, seed = 1, idPrefix = 's'): StoredArticle[] {
  const rand = prng(seed);
  const pool = wordPool();
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(pool)).join(' ');
  const out: StoredArticle[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${idPrefix}${i.toString(16).padStart(20 - idPrefix.length, '0')}`;
    const paragraphs = Array.from(
      { length: 3 + Math.floor(rand() * 6) },
      () => `${words(30 + Math.floor(rand() * 50))}.`,
    );
    const published = new Date(START + Math.floor(rand() * SPAN_MS)).toISOString();
    const topics = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(TOPICS)))];
    const entities = [...new Set(Array.from({ length: Math.floor(rand() * 4) }, () => pick(ENTITIES)))].map((name) => ({
      name,
      type: 'person' as const,
      mentions: 1 + Math.floor(rand() * 5),
    }));
    const site = pick(SITES);
    out.push({
      id,
      url: `https://${site}/news/${id}`,
      canonicalUrl: `https://${site}/news/${id}`,
      title: words(6 + Math.floor(rand() * 8)),
      byline: null,
      published,
      modified: null,
      site,
      // One site in five of each kind, one in five with none (no random draw: the other fields stay as they were).
      sourceKind: [...SOURCE_KINDS, null][SITES.indexOf(site) % (SOURCE_KINDS.length + 1)] ?? null,
      language: 'en',
      description: null,
      image: null,
      text: paragraphs.join('\n\n'),
      topics,
      relevance: rand(),
      evidence: { relevance: [], topics: {} },
      entities,
      origin: 'feed',
      fetchedAt: published,
      cleanedAt: published,
      classifiedAt: published,
      storedAt: published,
    });
  }
  return out;
}

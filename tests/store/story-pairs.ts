/**
 * Real pairs for the story fingerprint, from tests/fixtures/stories (texts of the classify dev set):
 * - near copies: a text and the same text as another site would carry it — its first sentence (the
 *   dateline lead) dropped, cut from the bottom as papers cut wire copy, under other boilerplate;
 * - apart: two different articles on the same event (Reuters pieces on one bill, one hearing, …;
 *   four reports of Kerry's May 2013 Moscow visit).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'stories');

/** Each group is one event covered by different articles. */
export const SAME_EVENT_GROUPS: readonly (readonly string[])[] = [
  ['seed-001', 'seed-002', 'seed-003', 'seed-004'],
  ['isot-true-2528', 'isot-true-2561', 'isot-true-10853'],
  ['isot-true-636', 'isot-true-649', 'isot-true-5104', 'isot-true-641'],
  ['isot-true-832', 'isot-true-931'],
  ['isot-true-769', 'isot-true-795'],
  ['isot-true-458', 'isot-true-595'],
  ['isot-true-928', 'isot-true-1267', 'isot-true-18838'],
  ['isot-true-16594', 'isot-true-15365'],
  ['isot-true-6457', 'isot-true-6532', 'isot-true-6518'],
  ['isot-true-18705', 'isot-true-18756'],
  ['isot-true-12842', 'isot-true-12834', 'isot-true-11799'],
];

/** Another site's furniture around a syndicated copy (lines the clean stage may leave behind). */
const OTHER_SITE_HEAD = ['Advertisement', 'World News | Europe'];
const OTHER_SITE_TAIL = [
  'Related coverage',
  'Sign up for our newsletter',
  '© 2017 Daily Courier. All rights reserved.',
];

export function storyText(id: string): string {
  return readFileSync(join(DIR, `${id}.txt`), 'utf8');
}

export function storyIds(): string[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .sort();
}

const SENTENCE_END = /(?<=[.!?]["”’]?)\s+(?=["“‘]?[A-Z])/;

/**
 * The text as a syndicating site would carry it: without its title line and first sentence, only
 * the first `keep` share of the remaining sentences, between another site's boilerplate lines.
 */
export function syndicatedCopy(text: string, keep = 0.75): string {
  const body = text.split('\n').slice(1).join('\n').trim();
  const sentences = body.split(SENTENCE_END);
  const kept = sentences.slice(1, Math.max(2, Math.round(sentences.length * keep)));
  return [...OTHER_SITE_HEAD, '', kept.join(' '), '', ...OTHER_SITE_TAIL].join('\n');
}

/** Every pair of different articles within one event group. */
export function apartPairs(): [string, string][] {
  const pairs: [string, string][] = [];
  for (const group of SAME_EVENT_GROUPS) {
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) pairs.push([group[i]!, group[j]!]);
  }
  return pairs;
}

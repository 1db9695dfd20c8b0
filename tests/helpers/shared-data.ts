/** Reads the labelled material in ../shared (beside the repository; PARLEY_SHARED_DIR overrides). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED_DIR = resolve(process.env.PARLEY_SHARED_DIR ?? '../shared');

/** The expected topics of each seed document, from the seed table in the classification guidelines. */
export function seedTopicsFromGuidelines(): Map<string, string[]> {
  const md = readFileSync(resolve(SHARED_DIR, 'eval/classify/GUIDELINES.md'), 'utf8');
  const topics = new Map<string, string[]>();
  for (const m of md.matchAll(/^\|\s*(\d{3}_[0-9a-f]+)\.txt\s*\|\s*(\w+)\s*\|\s*([^|]+)\|/gm)) {
    topics.set(
      m[1]!,
      m[3]!
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
        .sort(),
    );
  }
  return topics;
}

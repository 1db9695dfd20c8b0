import { readdirSync } from 'node:fs';
import { EXTRACTION_DEV_DIR } from './_support.js';

/** Ids of the extraction dev pages (file names without .html), sorted. */
export function listPageIds(): string[] {
  return readdirSync(EXTRACTION_DEV_DIR)
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -5))
    .sort();
}

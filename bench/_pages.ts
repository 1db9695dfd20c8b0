import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EXTRACTION_DEV_DIR } from './_support.js';

/** Ids of the extraction dev pages (file names without .html), sorted. */
export function listPageIds(): string[] {
  return readdirSync(EXTRACTION_DEV_DIR)
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Average bytes of a dev page's HTML and of its true article text: the payloads the queues carry. */
export function averagePayloadBytes(): { html: number; text: number } {
  const ids = listPageIds();
  let html = 0;
  let text = 0;
  for (const id of ids) {
    html += statSync(join(EXTRACTION_DEV_DIR, `${id}.html`)).size;
    text += Buffer.byteLength(
      (JSON.parse(readFileSync(join(EXTRACTION_DEV_DIR, `${id}.json`), 'utf8')) as { articleBody: string }).articleBody,
    );
  }
  return { html: Math.round(html / ids.length), text: Math.round(text / ids.length) };
}

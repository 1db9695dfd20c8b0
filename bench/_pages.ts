import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLASSIFY_DEV_FILE, EXTRACTION_DEV_DIR } from './_support.js';

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

/** The classification dev set's articles labelled relevant ("yes"), as news pages: what the store keeps. */
export function relevantPages(): string[] {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return readFileSync(CLASSIFY_DEV_FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { title: string; text: string; relevance: string })
    .filter((a) => a.relevance === 'yes')
    .map((a) => {
      const paragraphs = a.text
        .split(/\n+/)
        .filter((p) => p.trim())
        .map((p) => `<p>${esc(p)}</p>`)
        .join('\n');
      return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)}</title></head><body><article><h1>${esc(a.title)}</h1>\n${paragraphs}</article></body></html>`;
    });
}

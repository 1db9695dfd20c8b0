/**
 * Classifier evidence as people read it: the matched phrases with their weights, grouped and folded
 * in <details>, never the rules (regular expressions) that found them.
 */
import { html, type SafeHtml } from '../html.js';

interface EvidenceItem {
  phrase?: unknown;
  where?: unknown;
  weight?: unknown;
}

/** Each distinct phrase once, with where it stood and its largest weight. */
function phrases(items: unknown): { phrase: string; where: string[]; weight: number | null }[] {
  if (!Array.isArray(items)) return [];
  const byPhrase = new Map<string, { phrase: string; where: string[]; weight: number | null }>();
  for (const e of items as EvidenceItem[]) {
    if (typeof e?.phrase !== 'string') continue;
    const key = e.phrase.toLowerCase();
    const entry = byPhrase.get(key) ?? { phrase: e.phrase, where: [], weight: null };
    if (typeof e.where === 'string' && !entry.where.includes(e.where)) entry.where.push(e.where);
    if (typeof e.weight === 'number') entry.weight = Math.max(entry.weight ?? e.weight, e.weight);
    byPhrase.set(key, entry);
  }
  return [...byPhrase.values()].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));
}

/** The phrases of one group as a list ("Lavrov" · title · 0.80). */
export function phraseList(items: unknown): SafeHtml {
  const list = phrases(items);
  if (list.length === 0) return html`<p class="muted">no phrases recorded</p>`;
  return html`<ul class="evidence">${list.map(
    (p) =>
      html`<li>“${p.phrase}” <span class="where">${p.where.join(', ')}${p.weight === null ? '' : ` · weight ${p.weight.toFixed(2)}`}</span></li>`,
  )}</ul>`;
}

/** A folded group: its summary line names the group and how many phrases matched. */
export function evidenceGroup(title: SafeHtml | string, items: unknown): SafeHtml {
  const n = phrases(items).length;
  return html`<details class="evidence"><summary>${title} <span class="where">${n} phrase${n === 1 ? '' : 's'}</span></summary>${phraseList(items)}</details>`;
}

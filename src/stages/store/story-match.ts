/**
 * Deciding whether a new text is a copy of a stored story. The MinHash estimate (fingerprint.ts)
 * decides when it is far from the threshold; near it, the estimate errs (±0.06 or more at 64
 * hashes), so the decision is taken on the exact containment of the two texts' shingle sets.
 */
import {
  SAME_STORY_CONTAINMENT,
  SIGNATURE_SIZE,
  containment,
  shingleHashes,
  similarity,
  type Fingerprint,
} from './fingerprint.js';

/**
 * Standard errors of the Jaccard estimate within which a pair counts as near the threshold and is
 * checked exactly. At 4, an estimate on the wrong side of the threshold by more than that happens
 * for fewer than 1 in 30,000 pairs at the threshold (normal tail), and fewer further from it.
 */
export const EXACT_CHECK_ERRORS = 4;

/** A stored (or earlier in the batch) story that shares an LSH band with the new text. */
export interface StoryCandidate {
  id: string;
  fp: Fingerprint;
  /** The story's text, when at hand (a story written earlier in the same batch). */
  text?: string;
}

/**
 * Whether the estimate for this pair could be on the wrong side of the threshold: the Jaccard
 * similarity J0 at which the pair's containment would equal the threshold (J0 = C·m / (a + b − C·m),
 * m the smaller shingle count), and its estimate's standard error sqrt(J0 (1 − J0) / n).
 */
export function nearThreshold(a: Fingerprint, b: Fingerprint): boolean {
  const m = Math.min(a.shingles, b.shingles);
  const cm = SAME_STORY_CONTAINMENT * m;
  const j0 = cm / (a.shingles + b.shingles - cm);
  const error = Math.sqrt((j0 * (1 - j0)) / SIGNATURE_SIZE);
  return Math.abs(similarity(a.signature, b.signature) - j0) <= EXACT_CHECK_ERRORS * error;
}

/** The share of the smaller set that the other set has too. */
export function exactContainment(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / small.size;
}

/**
 * The candidate the text is a copy of — the one with the highest containment at or above the
 * threshold — or null. Estimates far from the threshold decide alone; near ones are replaced by
 * the exact containment, with the texts loaded (one call, for the candidates without `text`).
 */
export async function closestStory(
  text: string,
  fp: Fingerprint,
  candidates: readonly StoryCandidate[],
  loadTexts: (ids: string[]) => Promise<Map<string, string>>,
): Promise<string | null> {
  const scored: { id: string; score: number }[] = [];
  const near: StoryCandidate[] = [];
  for (const c of candidates) {
    if (nearThreshold(fp, c.fp)) near.push(c);
    else scored.push({ id: c.id, score: containment(fp, c.fp) });
  }
  if (near.length > 0) {
    const missing = near.filter((c) => c.text === undefined).map((c) => c.id);
    const loaded = missing.length > 0 ? await loadTexts(missing) : new Map<string, string>();
    const own = shingleHashes(text);
    for (const c of near) {
      const other = c.text ?? loaded.get(c.id);
      if (other !== undefined) scored.push({ id: c.id, score: exactContainment(own, shingleHashes(other)) });
    }
  }
  let best: { id: string; score: number } | null = null;
  for (const s of scored) if (s.score >= SAME_STORY_CONTAINMENT && (!best || s.score > best.score)) best = s;
  return best?.id ?? null;
}

/**
 * Generated pairs of texts whose exact containment (shared three-word sequences over the smaller
 * text's) is a chosen value: a text of invented words, and the same text with runs of its words
 * replaced by other invented words. The containment is measured here on the word sequences
 * themselves (not on the store's hashes), so the expected decision does not come from the code tested.
 */

/** mulberry32: a small seeded generator, so every run builds the same pairs. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'de', 'po', 'zu', 'fe', 'gra', 'tin', 'bor', 'sel'];

function words(next: () => number, n: number): string[] {
  return Array.from({ length: n }, () => {
    const parts = 2 + Math.floor(next() * 3);
    return Array.from({ length: parts }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join('');
  });
}

/** The distinct three-word sequences of a text (its words as the store reads them: lower case). */
export function trigrams(text: string): Set<string> {
  const w = text.toLowerCase().split(/\s+/).filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i + 3 <= w.length; i++) out.add(w.slice(i, i + 3).join(' '));
  return out;
}

/** Exact containment of two texts: shared trigrams over the smaller text's count. */
export function exactShare(a: string, b: string): number {
  const [ta, tb] = [trigrams(a), trigrams(b)];
  const [small, large] = ta.size <= tb.size ? [ta, tb] : [tb, ta];
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  return shared / small.size;
}

const WORDS = 400;

/**
 * A pair (original, edited) of equal length whose containment is `share` (to within 1/400):
 * `runs` runs of the original's words, at seeded places, replaced by new words. A run of r words
 * inside the text removes r + 2 of the original's trigrams, so the runs remove (1 − share) of them.
 */
export function pairAt(share: number, seed: number, runs = 3): [string, string] {
  const next = random(seed);
  const original = words(next, WORDS);
  const total = WORDS - 2;
  const removed = Math.round(total * (1 - share));
  const lengths = Array.from({ length: runs }, (_, i) => Math.floor(removed / runs) + (i < removed % runs ? 1 : 0) - 2);
  // Runs at even spacing with a seeded offset, each inside the text and apart from the others.
  const slot = Math.floor(WORDS / runs);
  const edited = [...original];
  lengths.forEach((len, i) => {
    const start = i * slot + 1 + Math.floor(next() * Math.max(1, slot - len - 4));
    const fresh = words(next, len);
    for (let k = 0; k < len; k++) edited[start + k] = fresh[k]!;
  });
  return [original.join(' '), edited.join(' ')];
}

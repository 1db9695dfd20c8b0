/**
 * Content fingerprints for telling syndicated copies of one story from different articles: MinHash
 * over word shingles estimates the share of word sequences two texts have in common (Jaccard
 * similarity), and locality-sensitive banding turns a signature into a few keys that near copies
 * share, so the store finds candidates with an index instead of comparing every article.
 */

/** Words per shingle: three-word runs are rare enough that two different articles on one event share few. */
export const SHINGLE_WORDS = 3;
/** MinHash values per signature; the estimate's standard error is about sqrt(J(1-J)/n) ≈ 0.06 at J = 0.5. */
export const SIGNATURE_SIZE = 64;
/**
 * Rows per LSH band. A copy cut to half its source shares only a quarter to a half of the shingles
 * (Jaccard 0.25–0.5), so bands must be short: 32 bands of 2 find a pair at J = 0.25 with p ≈ 0.87,
 * at J = 0.4 with p ≈ 0.995, and unrelated texts (J ≈ 0.01) almost never.
 */
export const BAND_ROWS = 2;
export const BAND_COUNT = SIGNATURE_SIZE / BAND_ROWS;
/**
 * Estimated containment (shared shingles over the shorter text's) at or above which two texts are
 * one story. Containment rather than Jaccard, because a syndicated copy is usually a cut of the
 * wire text. Chosen on real pairs (tests/fixtures/stories, tests/store/fingerprint.test.ts): copies
 * under other boilerplate with the lead dropped and the tail cut score 0.61–1.0; different articles
 * on the same event 0.00–0.45 (the highest: two Reuters stories on one court case that reuse
 * background paragraphs). 0.55 sits in that gap, a little nearer the copies.
 */
export const SAME_STORY_CONTAINMENT = 0.55;
/** Texts shorter than this many shingles are not fingerprinted: too little text to call two of them one story. */
export const MIN_SHINGLES = 25;

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Deterministic per-position seeds for the hash family. */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE);
  let x = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    x = fmix32(x + 0x6d2b79f5 + i);
    seeds[i] = x;
  }
  return seeds;
})();

/** murmur3's finaliser: a cheap, well-mixing 32-bit hash. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 0x20;

/**
 * FNV-1a over the UTF-16 code units of `words[from]` to `words[from + SHINGLE_WORDS - 1]` joined by
 * single spaces, without making the joined string: the same value as hashing it, so stored
 * fingerprints and band keys stay comparable with new ones.
 */
function shingleHash(words: readonly string[], from: number): number {
  let h = FNV_OFFSET;
  for (let w = from; w < from + SHINGLE_WORDS; w++) {
    if (w > from) h = Math.imul(h ^ SPACE, FNV_PRIME);
    const word = words[w]!;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  }
  return h >>> 0;
}

/** The distinct word shingles of a text (lower-cased, punctuation ignored), as 32-bit hashes. */
export function shingleHashes(text: string): Set<number> {
  const words = text.toLowerCase().match(WORD) ?? [];
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) out.add(shingleHash(words, i));
  return out;
}

/** A text's fingerprint: its MinHash signature and how many distinct shingles it has. */
export interface Fingerprint {
  signature: Uint32Array;
  shingles: number;
}

/** A text's fingerprint, or null when the text is too short to judge. */
export function fingerprint(text: string): Fingerprint | null {
  const shingles = shingleHashes(text);
  if (shingles.size < MIN_SHINGLES) return null;
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const s of shingles) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = fmix32(s ^ SEEDS[i]!);
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return { signature: sig, shingles: shingles.size };
}

/** Estimated Jaccard similarity of the texts two signatures came from. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

/** The LSH keys of a signature ("band:hash"); two texts sharing any key are candidates. */
export function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BAND_COUNT; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < BAND_ROWS; r++) h = fmix32(h ^ sig[b * BAND_ROWS + r]!);
    keys.push(`${b}:${h.toString(16).padStart(8, '0')}`);
  }
  return keys;
}

/**
 * Estimated share of the shorter text's shingles that the other text has too: from the Jaccard
 * estimate J and the sizes, |A ∩ B| = J (|A| + |B|) / (1 + J).
 */
export function containment(a: Fingerprint, b: Fingerprint): number {
  const j = similarity(a.signature, b.signature);
  return Math.min(1, (j * (a.shingles + b.shingles)) / ((1 + j) * Math.min(a.shingles, b.shingles)));
}

/** Fingerprint as text for a TEXT column: `<shingles>:<hex signature>`. */
export function encodeFingerprint(fp: Fingerprint): string {
  return `${fp.shingles}:${Array.from(fp.signature, (v) => v.toString(16).padStart(8, '0')).join('')}`;
}

export function decodeFingerprint(text: string): Fingerprint {
  const [count, hex = ''] = text.split(':');
  const sig = new Uint32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) sig[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return { signature: sig, shingles: Number(count) };
}

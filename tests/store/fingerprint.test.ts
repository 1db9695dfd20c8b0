import { describe, expect, it } from 'vitest';
import {
  SAME_STORY_CONTAINMENT,
  SHINGLE_WORDS,
  containment,
  fingerprint,
  shingleHashes,
} from '../../src/stages/store/fingerprint.js';
import { apartPairs, storyIds, storyText, syndicatedCopy } from './story-pairs.js';

function score(a: string, b: string): number {
  const fa = fingerprint(a);
  const fb = fingerprint(b);
  if (!fa || !fb) throw new Error('fixture text too short to fingerprint');
  return containment(fa, fb);
}

describe('story fingerprint on real pairs', () => {
  it.each([1, 0.75])(
    'a syndicated copy (lead dropped, kept %s of the rest, other boilerplate) is the same story',
    (keep) => {
      for (const id of storyIds()) {
        expect({
          id,
          same: score(storyText(id), syndicatedCopy(storyText(id), keep)) >= SAME_STORY_CONTAINMENT,
        }).toEqual({ id, same: true });
      }
    },
  );

  it('two different articles on the same event are different stories', () => {
    const pairs = apartPairs();
    expect(pairs.length).toBeGreaterThan(20);
    for (const [a, b] of pairs) {
      expect({ a, b, same: score(storyText(a), storyText(b)) >= SAME_STORY_CONTAINMENT }).toEqual({
        a,
        b,
        same: false,
      });
    }
  });

  it('is symmetric and does not depend on letter case or punctuation', () => {
    const text = storyText('isot-true-2528');
    const shouted = text.toUpperCase().replace(/[,.]/g, ' ; ');
    expect(score(text, shouted)).toBe(1);
    const copy = syndicatedCopy(text);
    expect(score(text, copy)).toBe(score(copy, text));
  });

  it('gives no fingerprint to a text too short to judge', () => {
    expect(fingerprint('Lavrov and Tillerson met in Moscow.')).toBeNull();
  });
});

describe('shingle hashes', () => {
  /** The definition stored fingerprints were made by: FNV-1a over the words joined by spaces. */
  function definedHashes(text: string): Set<number> {
    const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
    const out = new Set<number>();
    for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
      let h = 0x811c9dc5;
      for (const c of words.slice(i, i + SHINGLE_WORDS).join(' ')) {
        for (let k = 0; k < c.length; k++) {
          h ^= c.charCodeAt(k);
          h = Math.imul(h, 0x01000193);
        }
      }
      out.add(h >>> 0);
    }
    return out;
  }

  it('stay those of the words joined by spaces, so stores written before still find their copies', () => {
    const texts = [
      ...storyIds().map(storyText),
      'Лавров и Рубио обсудили «Новый СНАРТ» в Эр-Рияде — don’t miss it, O’Brien said 😀 today',
    ];
    for (const text of texts) expect(shingleHashes(text)).toEqual(definedHashes(text));
  });
});

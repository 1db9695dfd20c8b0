import { describe, expect, it } from 'vitest';
import { countWords } from '../../src/stages/clean/word-count.js';

/** The definition the counter stands for. */
const byRegex = (text: string) => text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.length ?? 0;

describe('countWords', () => {
  it('counts runs through apostrophes, dots and hyphens as one word each', () => {
    expect(countWords('Don’t say U.S. talks on 3.5 percent of Jean-Luc’s plan')).toBe(10);
    expect(countWords('a--b --c ... -')).toBe(2);
  });

  it('counts words in any script, letters outside the BMP included', () => {
    expect(countWords('Лавров и Блинкен встретились в Женеве.')).toBe(6);
    expect(countWords('Größe: 𝐀𝐁𝐂 und 𝟙𝟚')).toBe(4);
    expect(countWords('emoji 😀 between 😀words')).toBe(3);
  });

  it('gives the count of the word pattern on mixed texts, lone surrogates included', () => {
    const texts = [
      'Sergei Lavrov’s talks, in Geneva — "no progress" (Reuters).',
      'Der Außenminister sagte am 31. Mai 2012: «Wir prüfen das.»',
      'abc\ud800def \udc00x 𝐀\ud800',
      '  ',
      '',
      '---',
      '’tis 1-2-3 a.b.c. x’y’',
      'Переговоры 24.02.2022 г. — «нет»',
    ];
    for (const t of texts) expect(countWords(t), t).toBe(byRegex(t));
  });
});

import { describe, expect, it } from 'vitest';
import { segment, splitSentences } from '../../src/stages/classify/segmenter.js';

describe('segmenter', () => {
  it('does not end a sentence after U.S., Dec. or an initial', () => {
    expect(splitSentences('The U.S. Senate met on Dec. 15 with H. R. McMaster. Russia said it would reply.')).toEqual([
      'The U.S. Senate met on Dec. 15 with H. R. McMaster.',
      'Russia said it would reply.',
    ]);
  });

  it('marks the title, the two lead sentences and the body, and strips a wire dateline', () => {
    const { sentences } = segment({ title: 'Headline here', text: 'MOSCOW (Reuters) - One. Two. Three. Four.' });
    expect(sentences.map((s) => [s.where, s.text])).toEqual([
      ['title', 'Headline here'],
      ['lead', 'One.'],
      ['lead', 'Two.'],
      ['body', 'Three.'],
      ['body', 'Four.'],
    ]);
    expect(sentences.at(-1)!.depth).toBe(1);
  });

  it('drops boilerplate lines and a title repeated as the first line', () => {
    const { title, sentences } = segment({
      title: 'Kerry meets Lavrov',
      text: 'Kerry meets Lavrov\nSkip to main content\nThe two met in Moscow.\nSubscribe to our newsletter',
    });
    expect(title).toBe('Kerry meets Lavrov');
    expect(sentences.map((s) => s.text)).toEqual(['Kerry meets Lavrov', 'The two met in Moscow.']);
  });
});

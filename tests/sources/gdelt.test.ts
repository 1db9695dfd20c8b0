import { describe, expect, it } from 'vitest';
import { usRussiaUrls } from '../../src/stages/backfill/gdelt.js';

/** An event record of `columns` columns with the two actors' country codes and a SOURCEURL last. */
function row(columns: number, a1: string, a2: string, url: string): string {
  const cols = Array.from({ length: columns }, (_, i) => String(i));
  cols[7] = a1;
  cols[17] = a2;
  cols[columns - 1] = url;
  return cols.join('\t');
}

describe('GDELT event exports', () => {
  it('give the source URLs of US–Russia events, either actor first, in 1.0 and 2.0 layouts, each once', () => {
    const text = [
      row(58, 'USA', 'RUS', 'https://news.example/a'),
      row(61, 'RUS', 'USA', 'https://news.example/b'),
      row(61, 'USA', 'CHN', 'https://news.example/c'),
      row(61, 'USA', 'USA', 'https://news.example/d'),
      row(58, 'RUS', 'USA', 'https://news.example/a'),
      'not\ta\trecord',
      '',
    ].join('\n');
    expect(usRussiaUrls(text)).toEqual({
      urls: ['https://news.example/a', 'https://news.example/b'],
      rows: 6,
      malformed: 1,
    });
  });
});

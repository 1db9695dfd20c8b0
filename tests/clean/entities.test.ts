/** Character references in metadata strings read as a browser reads them. */
import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../src/stages/clean/entities.js';

describe('decoding character references in metadata', () => {
  it.each([
    ['&Eacute;lys&eacute;e', 'Élysée'],
    ['C&ocirc;te d&rsquo;Ivoire', 'Côte d’Ivoire'],
    ['Bj&oslash;rn St&oslash;re', 'Bjørn Støre'],
    ['5&thinsp;000 km', '5\u2009000 km'],
    ['&OElig;uvre compl&egrave;te', 'Œuvre complète'],
    ['&copy 2020 Example Media', '© 2020 Example Media'],
  ])('decodes %s with its case and accents', (raw, expected) => {
    expect(decodeEntities(raw)).toBe(expected);
  });

  it('leaves ampersands that start no reference as they are', () => {
    expect(decodeEntities('AT&T and Procter & Gamble &bogus;')).toBe('AT&T and Procter & Gamble &bogus;');
  });

  it('decodes one level of escaping only', () => {
    expect(decodeEntities('Bike &amp;amp; Style')).toBe('Bike &amp; Style');
  });
});

import { describe, expect, it } from 'vitest';
import { articleId, canonicalUrl, parseHttpUrl, MAX_URL_LENGTH } from '../../src/shared/identity.js';
import { InvalidUrlError } from '../../src/shared/errors/index.js';

describe('canonicalUrl', () => {
  it('lower-cases scheme and host, drops default port and fragment', () => {
    expect(canonicalUrl('HTTPS://WWW.Example.ORG:443/News/Story?id=1#comments')).toBe('https://www.example.org/News/Story?id=1');
    expect(canonicalUrl('http://example.org:80/a')).toBe('http://example.org/a');
    expect(canonicalUrl('http://example.org:8080/a')).toBe('http://example.org:8080/a');
  });

  it('removes tracking parameters and sorts the rest', () => {
    expect(canonicalUrl('https://example.org/a?utm_source=x&b=2&fbclid=y&a=1&gclid=z&utm_campaign=q')).toBe(
      'https://example.org/a?a=1&b=2',
    );
    expect(canonicalUrl('https://example.org/a?utm_medium=rss')).toBe('https://example.org/a');
  });

  it('keeps path case and meaningful parameters', () => {
    expect(canonicalUrl('https://example.org/Path/X?page=2')).not.toBe(canonicalUrl('https://example.org/path/x?page=2'));
  });
});

describe('articleId', () => {
  it('is the same for every spelling of one article and differs between articles', () => {
    const a = articleId('https://example.org/story?utm_source=feed#top');
    expect(articleId('HTTPS://EXAMPLE.org:443/story')).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{20}$/);
    expect(articleId('https://example.org/other')).not.toBe(a);
  });
});

describe('parseHttpUrl', () => {
  it.each([
    ['not a url', /not a valid URL/],
    ['ftp://example.org/file', /unsupported scheme "ftp"/],
    ['javascript:alert(1)', /unsupported scheme "javascript"/],
    ['', /empty URL/],
    [`https://example.org/${'a'.repeat(MAX_URL_LENGTH)}`, /characters long; the limit is/],
  ])('rejects %j with a reason', (input, reason) => {
    expect(() => parseHttpUrl(input)).toThrow(InvalidUrlError);
    expect(() => parseHttpUrl(input)).toThrow(reason);
  });
});

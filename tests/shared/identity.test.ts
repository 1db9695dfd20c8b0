import { describe, expect, it } from 'vitest';
import { articleId, canonicalUrl, parseHttpUrl, MAX_URL_LENGTH, redactCredentials } from '../../src/shared/identity.js';
import { InvalidUrlError } from '../../src/shared/errors/index.js';

describe('canonicalUrl', () => {
  it('lower-cases scheme and host, drops default port and fragment', () => {
    expect(canonicalUrl('HTTPS://WWW.Example.ORG:443/News/Story?id=1#comments')).toBe(
      'https://www.example.org/News/Story?id=1',
    );
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
    expect(canonicalUrl('https://example.org/Path/X?page=2')).not.toBe(
      canonicalUrl('https://example.org/path/x?page=2'),
    );
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
    ['https://example.org/a b', /^URL contains a space at position 22;/],
    ['https://example.org/a\tb', /^URL contains a tab at position 22;/],
    ['https://example.org/a\r\nb', /^URL contains a line break at position 22;/],
    ['https://example.org/a\u0000b', /^URL contains a control character \(U\+0000\)/],
    ['https://example.org/a\u00a0b', /^URL contains a space character \(U\+00A0\)/],
    ['https://analyst:pw@example.org/a', /^URL carries credentials/],
    ['https://analyst@example.org/a', /^URL carries credentials/],
  ])('rejects %j with a reason', (input, reason) => {
    expect(() => parseHttpUrl(input)).toThrow(InvalidUrlError);
    expect(() => parseHttpUrl(input)).toThrow(reason);
  });
});

describe('credentials', () => {
  it('never appear in a rejection message', () => {
    for (const input of [
      'https://analyst:s3cret@example.org/a',
      'https://analyst:s3cret@/a',
      'http://analyst:s3cret@exa mple.org/',
    ]) {
      const message = (() => {
        try {
          parseHttpUrl(input);
          return 'accepted';
        } catch (err) {
          return (err as Error).message;
        }
      })();
      expect(message).not.toBe('accepted');
      expect(message).not.toContain('s3cret');
    }
  });

  it('are masked when a rejected URL is shown', () => {
    expect(redactCredentials('https://analyst:s3cret@example.org/a')).toBe('https://***@example.org/a');
    expect(redactCredentials('https://example.org/a@b')).toBe('https://example.org/a@b');
  });
});

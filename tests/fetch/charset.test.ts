import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/stages/fetch/charset.js';
import { fetchPage, type FetchOptions } from '../../src/stages/fetch/http-fetch.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';

const RUSSIAN = 'Министр иностранных дел России Сергей Лавров провёл переговоры с госсекретарём США.';
/** A long head (scripts, styles) pushes <meta charset> far beyond the first kilobyte. */
const LONG_HEAD = `<script>${'var analytics = "x";\n'.repeat(300)}</script>`;
const html = (meta: string, body: string = RUSSIAN): string =>
  `<!doctype html><html><head>${LONG_HEAD}${meta}<title>Новости</title></head><body><p>${body}</p></body></html>`;

const base: FetchOptions = { userAgent: 'ParleyTest/1.0', allowPrivate: true, bodyTimeoutMs: 2_000 };
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer({
    '/cp1251-header': {
      headers: { 'content-type': 'text/html; charset=windows-1251' },
      body: iconv.encode(html(''), 'windows-1251'),
    },
    '/cp1251-meta-late': {
      headers: { 'content-type': 'text/html' },
      body: iconv.encode(html('<meta charset="windows-1251">'), 'windows-1251'),
    },
    '/koi8-http-equiv': {
      headers: { 'content-type': 'text/html' },
      body: iconv.encode(html('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'), 'koi8-r'),
    },
    '/utf8-wrong-header': {
      headers: { 'content-type': 'text/html; charset=windows-1251' },
      body: Buffer.from(html(''), 'utf8'),
    },
    '/cp1251-claims-utf8': {
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: iconv.encode(html('<meta charset="windows-1251">'), 'windows-1251'),
    },
  });
});
afterAll(async () => {
  await server.close();
});

describe('charset decoding', () => {
  it('uses the HTTP header for a windows-1251 page', async () => {
    const page = await fetchPage(server.url('/cp1251-header'), base);
    expect(page.charset).toBe('windows-1251');
    expect(page.body).toContain(RUSSIAN);
  });

  it('finds <meta charset> beyond the first kilobyte', async () => {
    const page = await fetchPage(server.url('/cp1251-meta-late'), base);
    expect(page.charset).toBe('windows-1251');
    expect(page.body).toContain(RUSSIAN);
  });

  it('reads a KOI8-R http-equiv declaration', async () => {
    const page = await fetchPage(server.url('/koi8-http-equiv'), base);
    expect(page.charset).toBe('koi8-r');
    expect(page.body).toContain(RUSSIAN);
  });

  it('trusts valid UTF-8 bytes over a header claiming windows-1251', async () => {
    const page = await fetchPage(server.url('/utf8-wrong-header'), base);
    expect(page.charset).toBe('utf-8');
    expect(page.body).toContain(RUSSIAN);
  });

  it('falls back to the markup when a UTF-8 header is disproved by the bytes', async () => {
    const page = await fetchPage(server.url('/cp1251-claims-utf8'), base);
    expect(page.charset).toBe('windows-1251');
    expect(page.body).toContain(RUSSIAN);
  });

  it('honours a BOM over any declaration', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(html('<meta charset="koi8-r">'), 'utf8'),
    ]);
    const decoded = decodeBody(bytes, 'windows-1251');
    expect(decoded.source).toBe('bom');
    expect(decoded.text.startsWith('<!doctype')).toBe(true);
    expect(decoded.text).toContain(RUSSIAN);
  });

  it('reads the encoding of an XML declaration (feeds)', () => {
    const xml = `<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>${RUSSIAN}</title></channel></rss>`;
    expect(decodeBody(iconv.encode(xml, 'windows-1251')).text).toContain(RUSSIAN);
  });

  it('tells undeclared windows-1251 from undeclared KOI8-R by the bytes', () => {
    const plain = html('');
    expect(decodeBody(iconv.encode(plain, 'windows-1251'))).toMatchObject({ charset: 'windows-1251', source: 'guess' });
    expect(decodeBody(iconv.encode(plain, 'koi8-r'))).toMatchObject({ charset: 'koi8-r', source: 'guess' });
    expect(decodeBody(iconv.encode(plain, 'koi8-r')).text).toContain(RUSSIAN);
  });

  it('decodes undeclared Western text as windows-1252', () => {
    const decoded = decodeBody(iconv.encode('<p>Café déjà vu — naïve</p>', 'windows-1252'));
    expect(decoded.text).toBe('<p>Café déjà vu — naïve</p>');
  });
});

/**
 * A binary body (an image, random bytes) served as text/html is not a page: fetchPage fails it
 * with NotHtmlError instead of handing mojibake on as an article. Text with a few stray control
 * characters, and UTF-16 pages (whose NUL bytes are text), are still pages.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { fetchPage, type FetchOptions } from '../../src/stages/fetch/http-fetch.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';

const options: FetchOptions = { userAgent: 'ParleyTest/1.0', allowPrivate: true };
const PAGE = '<html><body><p>Tillerson met Lavrov in Moscow.</p></body></html>';
const html = { 'content-type': 'text/html; charset=utf-8' };

let server: FixtureServer;
beforeAll(async () => {
  const png = Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    Buffer.from([0, 0, 0, 13]),
    Buffer.from('IHDR'),
    randomBytes(4_000),
  ]);
  server = await startFixtureServer({
    '/random': { headers: html, body: randomBytes(50_000) },
    '/png': { headers: { 'content-type': 'text/html' }, body: png },
    '/stray-controls': { headers: html, body: PAGE.replace('met', 'met\u0000').replace('Lavrov', 'Lavrov\u0008') },
    '/utf16': { headers: { 'content-type': 'text/html; charset=utf-16le' }, body: iconv.encode(PAGE, 'utf-16le') },
  });
});
afterAll(() => server.close());

describe('binary bodies', () => {
  it.each(['/random', '/png'])('fails %s served as text/html, saying it is binary', async (path) => {
    const error = await fetchPage(server.url(path), options).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not-html' });
    expect((error as Error).message).toMatch(
      new RegExp(`${path} is not an HTML page: the body is binary \\(\\d+ of its first \\d+ bytes are not text\\)`),
    );
  });

  it('keeps a page with a few stray control characters', async () => {
    expect((await fetchPage(server.url('/stray-controls'), options)).body).toContain('Tillerson met\u0000 Lavrov');
  });

  it('keeps a UTF-16 page declared in the header', async () => {
    expect((await fetchPage(server.url('/utf16'), options)).body).toBe(PAGE);
  });
});

import { gzipSync, brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPage, type FetchOptions } from '../../src/stages/fetch/http-fetch.js';
import { PermanentError, TransientError } from '../../src/shared/errors/index.js';
import { tableLookup } from './lookup-stub.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const page = (title: string): string =>
  `<!doctype html><html><head><title>${title}</title></head><body><p>${title}</p></body></html>`;

const base: FetchOptions = {
  userAgent: 'ParleyTest/1.0',
  allowPrivate: true,
  connectTimeoutMs: 2_000,
  headersTimeoutMs: 2_000,
  bodyTimeoutMs: 2_000,
  maxRedirects: 3,
};

let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer({
    '/article': {
      headers: { ...HTML, etag: '"v1"', 'last-modified': 'Tue, 24 Nov 2026 10:00:00 GMT' },
      body: page('Lavrov meets Rubio'),
    },
    '/moved': { status: 301, headers: { location: '/hop2' } },
    '/hop2': { status: 302, headers: { location: 'article#top' } },
    '/loop-a': { status: 302, headers: { location: '/loop-b' } },
    '/loop-b': { status: 307, headers: { location: '/loop-a' } },
    '/chain-1': { status: 302, headers: { location: '/chain-2' } },
    '/chain-2': { status: 302, headers: { location: '/chain-3' } },
    '/chain-3': { status: 302, headers: { location: '/chain-4' } },
    '/chain-4': { status: 302, headers: { location: '/chain-5' } },
    '/chain-5': { headers: HTML, body: page('end of chain') },
    '/slow-drip': { headers: HTML, chunks: Array.from({ length: 40 }, () => '<p>drip</p>'), chunkDelayMs: 100 },
    '/slow-headers': { delayMs: 1_500, headers: HTML, body: page('late') },
    '/huge-declared': { headers: { ...HTML, 'content-length': 2_000_000 }, chunks: [Buffer.alloc(2_000_000, 'a')] },
    '/huge-streamed': { headers: HTML, chunks: Array.from({ length: 40 }, () => Buffer.alloc(64 * 1024, 'b')) },
    '/gzip-bomb': {
      headers: { ...HTML, 'content-encoding': 'gzip' },
      body: gzipSync(Buffer.alloc(50 * 1024 * 1024, 0)),
    },
    '/gzip-ok': { headers: { ...HTML, 'content-encoding': 'gzip' }, body: gzipSync(page('compressed')) },
    '/brotli-ok': { headers: { ...HTML, 'content-encoding': 'br' }, body: brotliCompressSync(page('brotli')) },
    '/pdf': { headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.4' },
    '/gone': { status: 410, body: 'gone' },
    '/forbidden': { status: 403, body: 'no' },
    '/broken': { status: 500, body: 'oops' },
    '/busy': { status: 429, headers: { 'retry-after': '120' }, body: 'slow down' },
    '/maintenance': {
      status: 503,
      headers: { 'retry-after': new Date(Date.now() + 60_000).toUTCString() },
      body: 'later',
    },
    '/hang': { delayMs: 10_000, body: 'never' },
  });
});

afterAll(async () => {
  await server.close();
});

describe('fetchPage', () => {
  it('returns the decoded page with its validators', async () => {
    const result = await fetchPage(server.url('/article'), base);
    expect(result.status).toBe(200);
    expect(result.body).toContain('Lavrov meets Rubio');
    expect(result.charset).toBe('utf-8');
    expect(result.etag).toBe('"v1"');
    expect(result.lastModified).toBe('Tue, 24 Nov 2026 10:00:00 GMT');
    expect(result.notModified).toBe(false);
    const sent = server.requests.at(-1)!;
    expect(sent.headers['user-agent']).toBe('ParleyTest/1.0');
    expect(sent.headers['accept-encoding']).toContain('gzip');
  });

  it('follows redirects and reports the final URL', async () => {
    const result = await fetchPage(server.url('/moved'), base);
    expect(result.url).toBe(server.url('/article'));
    expect(result.body).toContain('Lavrov meets Rubio');
  });

  it('detects a redirect loop', async () => {
    await expect(fetchPage(server.url('/loop-a'), base)).rejects.toMatchObject({ code: 'redirect-loop' });
  });

  it('stops after maxRedirects hops', async () => {
    const error = await fetchPage(server.url('/chain-1'), base).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'too-many-redirects' });
    expect((error as Error).message).toContain(server.url('/chain-1'));
    await expect(fetchPage(server.url('/chain-1'), { ...base, maxRedirects: 4 })).resolves.toMatchObject({
      url: server.url('/chain-5'),
    });
  });

  it('times out a server that drips the body slower than the whole-body limit', async () => {
    const started = Date.now();
    const error = await fetchPage(server.url('/slow-drip'), { ...base, bodyTimeoutMs: 500 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'body-timeout' });
    expect(error).toBeInstanceOf(TransientError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('times out a server that is slow to send headers', async () => {
    const error = await fetchPage(server.url('/slow-headers'), { ...base, headersTimeoutMs: 300 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'headers-timeout' });
  });

  it('refuses bodies over the cap, declared or streamed', async () => {
    const options = { ...base, maxBodyBytes: 1_000_000 };
    await expect(fetchPage(server.url('/huge-declared'), options)).rejects.toMatchObject({ code: 'body-too-large' });
    const error = await fetchPage(server.url('/huge-streamed'), options).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'body-too-large' });
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain('/huge-streamed');
  });

  it('stops inflating a gzip bomb at the cap', async () => {
    const error = await fetchPage(server.url('/gzip-bomb'), { ...base, maxBodyBytes: 1_000_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'body-too-large' });
    expect((error as Error).message).toContain('decompressed');
  });

  it('decodes gzip and brotli bodies', async () => {
    expect((await fetchPage(server.url('/gzip-ok'), base)).body).toContain('<p>compressed</p>');
    expect((await fetchPage(server.url('/brotli-ok'), base)).body).toContain('<p>brotli</p>');
  });

  it('rejects a PDF where an article page was expected', async () => {
    const error = await fetchPage(server.url('/pdf'), base).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not-html' });
    expect((error as Error).message).toContain('not an HTML page: application/pdf');
  });

  it('judges a body sent without Content-Type by whether it is markup', async () => {
    server.route('/unlabelled-page', { body: page('no header') });
    server.route('/unlabelled-pdf', { body: '%PDF-1.4\n%\xe2\xe3' });
    await expect(fetchPage(server.url('/unlabelled-page'), base)).resolves.toMatchObject({ contentType: '' });
    await expect(fetchPage(server.url('/unlabelled-pdf'), base)).rejects.toMatchObject({ code: 'not-html' });
  });

  it('sorts HTTP errors into permanent and transient', async () => {
    await expect(fetchPage(server.url('/gone'), base)).rejects.toMatchObject({ code: 'not-found' });
    await expect(fetchPage(server.url('/no-such-page'), base)).rejects.toMatchObject({ code: 'not-found' });
    await expect(fetchPage(server.url('/forbidden'), base)).rejects.toMatchObject({ code: 'client-error' });
    const broken = await fetchPage(server.url('/broken'), base).catch((e: unknown) => e);
    expect(broken).toMatchObject({ code: 'server-error' });
    expect(broken).toBeInstanceOf(TransientError);
  });

  it('passes Retry-After on 429 (seconds) and 503 (HTTP date)', async () => {
    const busy = await fetchPage(server.url('/busy'), base).catch((e: unknown) => e);
    expect(busy).toMatchObject({ code: 'rate-limited' });
    expect((busy as TransientError).retryAfterMs).toBe(120_000);
    const maintenance = await fetchPage(server.url('/maintenance'), base).catch((e: unknown) => e);
    expect(maintenance).toMatchObject({ code: 'server-error' });
    expect((maintenance as TransientError).retryAfterMs).toBeGreaterThan(50_000);
    expect((maintenance as TransientError).retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('sends validators and reports 304 as not modified', async () => {
    server.route('/conditional', (req) =>
      req.headers['if-none-match'] === '"abc"'
        ? { status: 304, headers: { etag: '"abc"' } }
        : { headers: { ...HTML, etag: '"abc"' }, body: page('fresh') },
    );
    const first = await fetchPage(server.url('/conditional'), base);
    expect(first.notModified).toBe(false);
    const second = await fetchPage(server.url('/conditional'), { ...base, conditional: { etag: first.etag } });
    expect(second.notModified).toBe(true);
    expect(second.body).toBe('');
  });

  it('cancels the request on the socket when the signal aborts', async () => {
    let closed = false;
    server.route('/watch-close', {
      handler: (req, res) => {
        res.writeHead(200, HTML);
        res.write('<html>');
        req.socket.on('close', () => (closed = true));
      },
    });
    const controller = new AbortController();
    const pending = fetchPage(server.url('/watch-close'), { ...base, signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    await expect.poll(() => closed, { timeout: 2_000 }).toBe(true);
  });

  it('cancels a request still waiting for headers', async () => {
    const controller = new AbortController();
    const pending = fetchPage(server.url('/hang'), { ...base, headersTimeoutMs: 20_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
  });
});

describe('fetchPage edge cases', () => {
  it('reports a refused connection as such, naming the host, and retryable', async () => {
    const closed = await startFixtureServer();
    const url = closed.url('/x');
    await closed.close();
    const error = await fetchPage(url, base).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'connection-refused', message: `connection refused: ${new URL(url).host}` });
    expect(error).toBeInstanceOf(TransientError);
  });

  it('reports a host that does not exist as "host not found", at once (no retry can fix a typo)', async () => {
    const error = await fetchPage('http://exmaple.org/news', {
      ...base,
      allowPrivate: false,
      lookup: tableLookup({}),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'host-not-found', message: 'host not found: exmaple.org' });
    expect(error).toBeInstanceOf(PermanentError);
  });

  it('reports a host that never accepts the connection as unreachable (here: a resolver that never answers)', async () => {
    const stalled = (() => undefined) as unknown as FetchOptions['lookup'];
    const error = await fetchPage('http://stalled.example/', {
      ...base,
      allowPrivate: false,
      connectTimeoutMs: 200,
      lookup: stalled,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'host-unreachable',
      message: 'host unreachable: stalled.example did not accept a connection within 200 ms',
    });
    expect(error).toBeInstanceOf(TransientError);
  });

  it('rejects corrupt and unknown content encodings as permanent', async () => {
    server.route('/corrupt-gzip', {
      headers: { ...HTML, 'content-encoding': 'gzip' },
      body: Buffer.from('this is not gzip at all'),
    });
    server.route('/zstd', { headers: { ...HTML, 'content-encoding': 'zstd' }, body: 'xx' });
    await expect(fetchPage(server.url('/corrupt-gzip'), base)).rejects.toMatchObject({ code: 'unsupported-encoding' });
    await expect(fetchPage(server.url('/zstd'), base)).rejects.toThrow(/Content-Encoding "zstd"/);
  });

  it('accepts XML and JSON Feed for feeds but not images', async () => {
    server.route('/feed.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: '<rss version="2.0"><channel></channel></rss>',
    });
    server.route('/feed.json', { headers: { 'content-type': 'application/feed+json' }, body: '{}' });
    server.route('/logo.png', { headers: { 'content-type': 'image/png' }, body: 'PNG' });
    await expect(fetchPage(server.url('/feed.xml'), { ...base, accept: 'feed' })).resolves.toMatchObject({
      status: 200,
    });
    await expect(fetchPage(server.url('/feed.xml'), base)).rejects.toMatchObject({ code: 'not-html' });
    await expect(fetchPage(server.url('/feed.json'), { ...base, accept: 'feed' })).resolves.toMatchObject({
      status: 200,
    });
    await expect(fetchPage(server.url('/logo.png'), { ...base, accept: 'feed' })).rejects.toMatchObject({
      code: 'not-feed',
    });
  });

  it('sends validators only to the URL they belong to, not to a redirect target', async () => {
    server.route('/old-feed', { status: 301, headers: { location: '/article' } });
    await fetchPage(server.url('/old-feed'), { ...base, conditional: { etag: '"x"' } });
    const [hop1, hop2] = server.requests.slice(-2);
    expect(hop1!.headers['if-none-match']).toBe('"x"');
    expect(hop2!.headers['if-none-match']).toBeUndefined();
  });

  it('calls beforeRequest for every hop', async () => {
    const seen: string[] = [];
    await fetchPage(server.url('/moved'), { ...base, beforeRequest: async (url) => void seen.push(url.pathname) });
    expect(seen).toEqual(['/moved', '/hop2', '/article']);
  });
});

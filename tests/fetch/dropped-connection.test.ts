/**
 * A server may close a kept-alive connection just as the next request is sent on it. The request is
 * then sent once more on a fresh connection; a host that drops every request is still an error.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchPage } from '../../src/stages/fetch/http-fetch.js';

const PAGE = '<html><head><title>T</title></head><body><p>Body</p></body></html>';
const OK = `HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(PAGE)}\r\nconnection: keep-alive\r\n\r\n${PAGE}`;

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A raw HTTP server: `answer(n)` says, for the n-th request overall, whether to answer or reset. */
async function rawServer(answer: (n: number) => boolean): Promise<{ url: string; requests: () => number }> {
  let n = 0;
  server = createServer((socket: Socket) => {
    socket.on('error', () => {});
    socket.on('data', () => {
      n += 1;
      if (answer(n)) socket.write(OK);
      else socket.resetAndDestroy();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/page`, requests: () => n };
}

const options = { userAgent: 'ParleyTest/1.0', allowPrivate: true };

describe('a connection dropped before any answer', () => {
  it('sends the request once more when the kept-alive connection is reset as it is reused', async () => {
    const s = await rawServer((n) => n !== 2);
    expect((await fetchPage(s.url, options)).status).toBe(200);
    const again = await fetchPage(s.url, options);
    expect(again.body).toContain('Body');
    expect(s.requests()).toBe(3);
  });

  it('gives up after the second drop, naming the URL and the reset', async () => {
    const s = await rawServer(() => false);
    await expect(fetchPage(s.url, options)).rejects.toThrow(/\/page failed: connection reset/);
    expect(s.requests()).toBe(2);
  });
});

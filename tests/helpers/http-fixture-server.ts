/**
 * A small local HTTP server for tests: declare routes with a status, headers, a body (whole, or
 * in chunks with delays), a delay before the headers, or a custom handler. Listens on
 * 127.0.0.1 with an OS-assigned port; `close()` also drops keep-alive and hanging connections.
 *
 *   const server = await startFixtureServer({ '/a': { body: '<html>…', headers: { 'content-type': 'text/html' } } });
 *   await fetch(server.url('/a'));
 *   await server.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How a route answers. */
export interface FixtureRoute {
  /** HTTP status (default 200). */
  status?: number;
  headers?: Record<string, string | number | string[]>;
  /** Whole body, sent at once. */
  body?: string | Buffer;
  /** Body sent piece by piece, `chunkDelayMs` apart (slow-drip servers, streams). */
  chunks?: ReadonlyArray<string | Buffer>;
  chunkDelayMs?: number;
  /** Wait this long before sending the status line and headers. */
  delayMs?: number;
  /** Full control; the other fields are ignored when present. */
  handler?: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

/** A route table: path (without query) → answer, or a function choosing one per request. */
export type FixtureRoutes = Record<string, FixtureRoute | ((req: IncomingMessage) => FixtureRoute)>;

/** One request the server received. */
export interface RecordedRequest {
  method: string;
  /** Path with query string. */
  url: string;
  headers: IncomingMessage['headers'];
  /** When it arrived (epoch ms). */
  at: number;
}

/** A running fixture server. */
export interface FixtureServer {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  port: number;
  /** Absolute URL for a path on this server. */
  url(path: string): string;
  /** Requests received so far, in order. */
  requests: RecordedRequest[];
  /** Adds or replaces a route while running. */
  route(path: string, answer: FixtureRoutes[string]): void;
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function answer(route: FixtureRoute, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (route.handler) return route.handler(req, res);
  if (route.delayMs) await sleep(route.delayMs);
  if (res.destroyed) return;
  res.writeHead(route.status ?? 200, route.headers);
  if (route.chunks) {
    for (const chunk of route.chunks) {
      if (res.destroyed) return;
      res.write(chunk);
      if (route.chunkDelayMs) await sleep(route.chunkDelayMs);
    }
    res.end();
    return;
  }
  res.end(route.body ?? '');
}

/** Starts a fixture server on 127.0.0.1 (port chosen by the OS). Unknown paths answer 404. */
export async function startFixtureServer(routes: FixtureRoutes = {}): Promise<FixtureServer> {
  const table = new Map(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, at: Date.now() });
    const path = (req.url ?? '/').split('?')[0]!;
    const entry = table.get(path);
    const route = typeof entry === 'function' ? entry(req) : (entry ?? { status: 404, body: 'not found' });
    answer(route, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    url: (path) => new URL(path, origin).href,
    requests,
    route: (path, route) => void table.set(path, route),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * A child process that serves the extraction dev pages: GET /p/<id>?n=<anything> answers <id>.html;
 * GET /r/<k>?n=<anything> answers the k-th relevant article of the classification dev set as a page.
 * Prints `ready <port>` once listening. Runs apart so its CPU is not counted as Parley's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { EXTRACTION_DEV_DIR } from './_support.js';
import { relevantPages } from './_pages.js';

const pages = new Map<string, Buffer>();
for (const f of readdirSync(EXTRACTION_DEV_DIR)) {
  if (f.endsWith('.html')) pages.set(f.slice(0, -5), readFileSync(join(EXTRACTION_DEV_DIR, f)));
}
const relevant = relevantPages().map((html) => Buffer.from(html));
const server = createServer((req, res) => {
  const id = /^\/p\/([0-9a-f]+)/.exec(req.url ?? '')?.[1];
  const k = /^\/r\/(\d+)/.exec(req.url ?? '')?.[1];
  const body = id ? pages.get(id) : k ? relevant[Number(k)] : undefined;
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length }).end(body);
});
server.listen(0, '127.0.0.1', () => console.log(`ready ${(server.address() as { port: number }).port}`));

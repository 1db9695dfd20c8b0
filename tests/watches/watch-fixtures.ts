/** A local webhook receiver that can go down and come back, and classified articles to store. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { articleId } from '../../src/shared/identity.js';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export class Receiver {
  readonly received: Received[] = [];
  private server: Server | undefined;
  port = 0;

  async up(): Promise<void> {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        this.received.push({ path: req.url ?? '', headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((ok) => server.listen(this.port, '127.0.0.1', ok));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening: connections are refused until up() again. */
  async down(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise((ok) => s.close(ok));
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  on(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }
}

const WORDS =
  'the foreign ministers met in geneva to discuss a ceasefire in syria and the future of arms control talks between washington and moscow while officials said progress was slow and further meetings would follow next month according to diplomats familiar with the agenda'.split(
    ' ',
  );

/** A text of `n` words, different for each seed (so two seeds are two stories). */
export function storyText(seed: number, n = 160): string {
  const out: string[] = [];
  let x = seed * 7919 + 17;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out.push(WORDS[x % WORDS.length]!);
  }
  return `${out.join(' ')}.`;
}

/** A store-queue payload: a relevant article about Syria naming Lavrov, at `url`. */
export function classified(url: string, text: string, over: { title?: string; topics?: string[] } = {}) {
  const site = new URL(url).hostname;
  return {
    id: articleId(url),
    url,
    canonicalUrl: url,
    origin: { kind: 'enqueue' as const },
    handled: {},
    title: over.title ?? `Lavrov and Tillerson talk Syria (${site})`,
    site,
    language: 'en',
    text,
    classification: {
      relevance: 0.9,
      relevant: true,
      topics: over.topics ?? ['syria'],
      evidence: {},
      entities: [{ name: 'Sergei Lavrov', type: 'person' as const, mentions: 2 }],
      events: [],
    },
  };
}

/**
 * `npm run bench -- feeds [--rounds 5]`: feed parsing speed of Parley's liberal parser
 * (src/stages/feeds) against rss-parser, measured in the same run on the same feeds.
 *
 * - Typical feeds: generated RSS 2.0, Atom 1.0 and RSS 1.0 documents of news size (30 items with
 *   HTML descriptions) plus, when ../shared/eval/feeds is there, its feeds that both parsers
 *   accept. Each round parses every feed with each parser (alternating which goes first); the
 *   fastest round counts. Prints feeds/s from CPU time (steadier on a shared machine) and wall time.
 * - A 5 MB feed (about 9,000 items): fastest of the rounds, against the 500 ms budget of issue 12.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Parser from 'rss-parser';
import { parseFeedSync } from '../src/stages/feeds/parse-feed.js';
import { numberArg, SHARED_DIR } from './_support.js';

/** The parse budget for a 5 MB feed (issue 12). */
const BIG_FEED_BUDGET_MS = 500;
const BIG_FEED_BYTES = 5 * 1024 * 1024;
const FEED_URL = 'https://bench.example/feed.xml';

const LOREM =
  'Ministers met in Geneva on Friday to discuss the ceasefire, the exchange of prisoners and the <b>next round</b> of talks &amp; sanctions. ';

function rssItem(n: number): string {
  return `<item><title>Talks resume, round ${n} &amp; more</title><link>https://bench.example/news/${n}</link>
<guid isPermaLink="false">bench-${n}</guid><pubDate>Tue, 24 Nov 2026 13:${String(n % 60).padStart(2, '0')}:00 +0300</pubDate>
<dc:creator>Desk ${n % 7}</dc:creator><category>Diplomacy</category><category>Russia</category>
<description>${LOREM.repeat(4).replace(/</g, '&lt;').replace(/>/g, '&gt;')}</description></item>\n`;
}

function rss(items: number, from = 0): string {
  let body = '';
  for (let n = from; n < from + items; n++) body += rssItem(n);
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench wire</title><link>https://bench.example/</link>
${body}</channel></rss>`;
}

function atom(entries: number, from = 0): string {
  let body = '';
  for (let n = from; n < from + entries; n++) {
    body += `<entry><title type="html">Talks resume, round ${n}</title><link rel="alternate" type="text/html" href="/news/${n}"/>
<link rel="self" href="/api/${n}"/><id>tag:bench.example,2026:${n}</id><published>2026-11-24T13:${String(n % 60).padStart(2, '0')}:00+03:00</published>
<updated>2026-11-25T08:00:00Z</updated><author><name>Desk ${n % 7}</name></author><category term="diplomacy"/>
<summary type="html">${LOREM.repeat(4).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</summary></entry>\n`;
  }
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://bench.example/">
<title>Bench atom</title><id>tag:bench.example,2026:feed</id><updated>2026-11-25T08:00:00Z</updated>\n${body}</feed>`;
}

function rdf(items: number, from = 0): string {
  let body = '';
  for (let n = from; n < from + items; n++) {
    body += `<item rdf:about="https://bench.example/rdf/${n}"><title>Embassy note ${n}</title><link>https://bench.example/rdf/${n}</link>
<dc:date>2026-11-22T09:00:00+03:00</dc:date><description>${LOREM.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</description></item>\n`;
  }
  return `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://bench.example/"><title>RDF</title><link>https://bench.example/</link></channel>
${body}</rdf:RDF>`;
}

function bigFeed(): string {
  const one = rssItem(0).length;
  return rss(Math.ceil(BIG_FEED_BYTES / one));
}

/** The eval's feeds (as text), when the shared folder is there. */
function evalFeeds(): string[] {
  const dir = join(SHARED_DIR, 'eval/feeds');
  const expected = join(dir, 'expected.jsonl');
  if (!existsSync(expected)) return [];
  return readFileSync(expected, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { case: string }).case)
    .map((c) => readFileSync(join(dir, 'cases', c), 'utf8'));
}

const rssParser = new Parser();

async function rssParserAccepts(body: string): Promise<boolean> {
  try {
    await rssParser.parseString(body);
    return true;
  } catch {
    return false;
  }
}

interface Timing {
  cpuMs: number;
  wallMs: number;
}

async function timed(fn: () => Promise<void>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const d = process.cpuUsage(cpu);
  return { cpuMs: (d.user + d.system) / 1000, wallMs: performance.now() - t0 };
}

function best(timings: Timing[]): Timing {
  return { cpuMs: Math.min(...timings.map((t) => t.cpuMs)), wallMs: Math.min(...timings.map((t) => t.wallMs)) };
}

function parleyAll(feeds: string[]): Promise<void> {
  for (const body of feeds) parseFeedSync(body, FEED_URL);
  return Promise.resolve();
}

async function rssParserAll(feeds: string[]): Promise<void> {
  for (const body of feeds) await rssParser.parseString(body);
}

export async function run(args: string[]): Promise<void> {
  const rounds = numberArg(args, 'rounds', 5);
  const generated: string[] = [];
  for (let i = 0; i < 20; i++) generated.push(rss(30, i * 30), atom(30, i * 30), rdf(15, i * 15));
  const fromEval: string[] = [];
  for (const body of evalFeeds()) {
    let parleyOk = true;
    try {
      parseFeedSync(body, FEED_URL);
    } catch {
      parleyOk = false;
    }
    if (parleyOk && (await rssParserAccepts(body))) fromEval.push(body);
  }
  const feeds = [...generated, ...fromEval];
  await parleyAll(feeds);
  await rssParserAll(feeds);
  const parley: Timing[] = [];
  const baseline: Timing[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      parley.push(await timed(() => parleyAll(feeds)));
      baseline.push(await timed(() => rssParserAll(feeds)));
    } else {
      baseline.push(await timed(() => rssParserAll(feeds)));
      parley.push(await timed(() => parleyAll(feeds)));
    }
  }
  const p = best(parley);
  const b = best(baseline);
  const rate = (t: number) => ((feeds.length / t) * 1000).toFixed(0);
  console.log(
    `typical feeds: ${generated.length} generated + ${fromEval.length} from the eval that both parsers accept; best of ${rounds} rounds`,
  );
  console.log(`  parley      ${rate(p.cpuMs).padStart(6)} feeds/s (cpu)  ${rate(p.wallMs).padStart(6)} feeds/s (wall)`);
  console.log(`  rss-parser  ${rate(b.cpuMs).padStart(6)} feeds/s (cpu)  ${rate(b.wallMs).padStart(6)} feeds/s (wall)`);
  console.log(
    `  parley / rss-parser: ${(b.cpuMs / p.cpuMs).toFixed(2)}x (cpu), ${(b.wallMs / p.wallMs).toFixed(2)}x (wall)`,
  );

  const big = bigFeed();
  const bigParley: Timing[] = [];
  const bigBaseline: Timing[] = [];
  let items = 0;
  for (let r = 0; r < Math.min(rounds, 3); r++) {
    bigParley.push(
      await timed(() => {
        items = parseFeedSync(big, FEED_URL).items.length;
        return Promise.resolve();
      }),
    );
    bigBaseline.push(await timed(() => rssParser.parseString(big).then(() => undefined)));
  }
  const bp = best(bigParley);
  const bb = best(bigBaseline);
  console.log(
    `5 MB feed (${(big.length / 1024 / 1024).toFixed(1)} MiB, ${items} items), fastest of ${bigParley.length}:`,
  );
  console.log(
    `  parley      ${bp.cpuMs.toFixed(0).padStart(5)} ms cpu  ${bp.wallMs.toFixed(0).padStart(5)} ms wall  (budget ${BIG_FEED_BUDGET_MS} ms: ${bp.cpuMs <= BIG_FEED_BUDGET_MS ? 'within' : 'OVER'})`,
  );
  console.log(`  rss-parser  ${bb.cpuMs.toFixed(0).padStart(5)} ms cpu  ${bb.wallMs.toFixed(0).padStart(5)} ms wall`);
}

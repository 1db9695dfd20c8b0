/**
 * `npm run enqueue -- [--wait] [--timeout S] [--file F] [--feed URL] [-] URL...`: checks each URL, queues
 * the good ones for fetching, and says why any other was rejected; `--feed` polls a feed once, now,
 * and queues its new items. With --wait, waits for each to be stored, skipped as not relevant, or
 * failed. Exits 1 when any was rejected or failed.
 */
import { parseArgs } from 'node:util';
import { identify, redactCredentials, type UrlIdentity } from '../shared/identity.js';
import type { FeedPollReport, FeedService } from '../pipeline/feed-service.js';
import { DeferError } from '../shared/errors/index.js';
import { BULK_CHUNK } from '../pipeline/pipeline-queues.js';
import { startRuntime, type Runtime } from '../runtime/runtime.js';
import { progress, withProgress } from './progress.js';
import { waitForOutcomes, type Tracked } from './wait-for-outcomes.js';
import { endQuietlyOnEpipe, exitWhenFlushed } from './pipe-safe-output.js';
import { givenUrls } from './url-lines.js';

endQuietlyOnEpipe();

/** How long --wait waits by default before reporting what is still in the pipeline. */
const DEFAULT_WAIT_S = 300;

const USAGE = [
  'usage: npm run enqueue -- [--wait] [--timeout SECONDS] [--file FILE] [--feed FEED_URL] [--sitemap SITEMAP_URL [--since DATE] [--limit N]] [-] [URL ...]',
  '  --wait             wait for each URL to be stored, skipped or failed',
  '  --file FILE        read URLs from FILE, one a line, # comments (repeatable)',
  '  --feed FEED_URL    poll a feed once, now, and queue its new items (repeatable)',
  '  --sitemap URL      read a sitemap (index, url set, Google News, .gz) and queue its new pages, newest first (repeatable)',
  '  --since DATE       with --sitemap: only pages dated (news date, else lastmod) on or after DATE (YYYY-MM-DD or ISO 8601)',
  '  --limit N          with --sitemap: queue at most N new pages per sitemap',
  `  --timeout SECONDS  longest wait for a busy feed host's turn and, with --wait, for the outcomes (default ${DEFAULT_WAIT_S})`,
  '  -                  read URLs from standard input, one a line',
  '  -h, --help         show this help',
].join('\n');

/** The options parseArgs accepts, named in the error when another is given. */
const VALID_OPTIONS = '--wait, --timeout, --file, --feed, --sitemap, --since, --limit, --help';

function parseOrExit() {
  try {
    return parseArgs({
      options: {
        wait: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        file: { type: 'string', multiple: true },
        feed: { type: 'string', multiple: true },
        sitemap: { type: 'string', multiple: true },
        since: { type: 'string' },
        limit: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (err) {
    console.error(
      `${(err as Error).message}; valid options: ${VALID_OPTIONS}\n${USAGE.split('\n')[0]}\n(--help lists every option)`,
    );
    process.exit(2);
  }
}
const { values, positionals } = parseOrExit();
const sitemapOptions = readSitemapOptions();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const feedUrls = values.feed ?? [];
const sitemapUrls = values.sitemap ?? [];
if (positionals.length === 0 && (values.file ?? []).length === 0 && feedUrls.length === 0 && sitemapUrls.length === 0) {
  console.error(`nothing to enqueue\n${USAGE}`);
  process.exit(2);
}

let bad = 0;
let rt: Runtime | undefined;
/** --timeout bounds the whole run: waiting for a busy feed host's turn, then for the outcomes. */
const deadline = Date.now() + (values.timeout ? Number(values.timeout) : DEFAULT_WAIT_S) * 1000;
const tracked: Tracked[] = [];
if (feedUrls.length > 0 || sitemapUrls.length > 0) {
  rt = await startRuntime('enqueue');
  for (const feedUrl of feedUrls) {
    const polled = await pollFeedOnce(rt, feedUrl, deadline);
    if (polled) tracked.push(...polled);
    else bad++;
  }
  for (const sitemapUrl of sitemapUrls) {
    const read = await readSitemapOnce(rt, sitemapUrl);
    if (read) tracked.push(...read);
    else bad++;
  }
}
/** Ids already taken from the input: an article given twice (however spelled) is queued once. */
const seen = new Set<string>();
let inputs = 0;
let chunk: UrlIdentity[] = [];
const shown = progress('queued');
/**
 * Queues a chunk of accepted URLs with one bulk submit (the runtime starts with the first one) and
 * prints its lines in one write, waiting while a slow reader's pipe is full, so memory stays bounded.
 */
async function flush(): Promise<void> {
  if (chunk.length === 0) return;
  rt ??= await startRuntime('enqueue');
  const results = await rt.queues.submitMany(
    chunk.map((a) => ({
      id: a.id,
      url: a.url,
      canonicalUrl: a.canonicalUrl,
      origin: { kind: 'enqueue' },
      handled: {},
    })),
  );
  shown.clear();
  if (values.wait) for (const a of chunk) tracked.push({ id: a.id, label: a.url });
  else {
    const text = chunk.map((a, i) => `${results[i]!.queued ? 'queued ' : 'in flight'}  ${a.id}  ${a.url}\n`).join('');
    if (!process.stdout.write(text)) await new Promise((r) => process.stdout.once('drain', r));
  }
  shown.tick(chunk.length);
  chunk = [];
}
for await (const { url: input, where } of givenUrls(positionals, values.file ?? [])) {
  inputs++;
  try {
    const given = identify(input);
    if (seen.has(given.id)) continue; // the same article twice in the input
    seen.add(given.id);
    chunk.push(given);
    if (chunk.length >= BULK_CHUNK) await flush();
  } catch (err) {
    bad++;
    shown.clear();
    const at = where ? `  (${where})` : '';
    console.log(`rejected ${JSON.stringify(redactCredentials(input)).slice(1, -1)}  ${(err as Error).message}${at}`);
  }
}
await flush();
shown.done();
if (inputs === 0 && feedUrls.length === 0 && sitemapUrls.length === 0) {
  console.error(`nothing to enqueue\n${USAGE}`);
  process.exit(2);
}
if (rt) {
  if (values.wait) bad += await waitForOutcomes(rt.queues, tracked, Math.max(0, deadline - Date.now()));
  await rt.close();
}
await exitWhenFlushed(bad > 0 ? 1 : 0);

/** The feed service, loaded only for --feed and --sitemap: a URL list starts without the feed parsers. */
async function feedService(rt: Runtime): Promise<FeedService> {
  const { FeedService } = await import('../pipeline/feed-service.js');
  return new FeedService(rt.redis, rt.config, rt.queues, rt.store);
}

/** Polls a feed now (registering it for the poll when it is not registered) and lists what it queued. */
async function pollFeedOnce(rt: Runtime, feedUrl: string, deadline: number): Promise<Tracked[] | undefined> {
  const feeds = await feedService(rt);
  try {
    const registered = (await feeds.registry.get(feedUrl)) !== null;
    if (!registered) await feeds.registry.add(feedUrl);
    try {
      const report = await pollInTurn(feeds, feedUrl, deadline);
      console.log(
        `feed     ${feedUrl}  ${report.outcome}: ${report.totalItems} items, ${report.queued.length} new queued`,
      );
      const items = report.queued.map((q) => ({ id: q.id, label: q.url }));
      if (!values.wait) for (const t of items) console.log(`queued   ${t.id}  ${t.label}`);
      return items;
    } finally {
      if (!registered) await feeds.registry.remove(feedUrl);
    }
  } catch (err) {
    console.log(`failed   feed ${feedUrl}  ${(err as Error).message}`);
    return undefined;
  }
}

/**
 * Polls a feed, waiting for its host's turn (the per-host gate, Crawl-delay) as the feed worker
 * would, until `deadline`; a host still busy then is reported as such.
 */
async function pollInTurn(feeds: FeedService, feedUrl: string, deadline: number): Promise<FeedPollReport> {
  for (;;) {
    try {
      return await withProgress('feed items queued', (shown) => feeds.poll(feedUrl, true, shown));
    } catch (err) {
      if (!(err instanceof DeferError) || Date.now() + err.retryAfterMs > deadline) throw err;
      await new Promise((r) => setTimeout(r, err.retryAfterMs));
    }
  }
}

/** --since and --limit, checked before anything is queued. */
function readSitemapOptions(): { since?: number; limit?: number } {
  const out: { since?: number; limit?: number } = {};
  if ((values.since !== undefined || values.limit !== undefined) && !values.sitemap) {
    console.error(`--since and --limit go with --sitemap\n${USAGE}`);
    process.exit(2);
  }
  if (values.since !== undefined) {
    const since = Date.parse(values.since);
    if (Number.isNaN(since)) {
      console.error(`--since: "${values.since}" is not a date (YYYY-MM-DD or ISO 8601)`);
      process.exit(2);
    }
    out.since = since;
  }
  if (values.limit !== undefined) {
    if (!/^[1-9]\d*$/.test(values.limit)) {
      console.error(`--limit: "${values.limit}" is not a whole number of pages (1 or more)`);
      process.exit(2);
    }
    out.limit = Number(values.limit);
  }
  return out;
}

/** Reads a sitemap now and lists what it queued; its notes (loops, limits, failed children) go to stderr. */
async function readSitemapOnce(rt: Runtime, sitemapUrl: string): Promise<Tracked[] | undefined> {
  const feeds = await feedService(rt);
  try {
    const report = await withProgress('sitemap pages checked', (shown) =>
      feeds.readSitemapOnce(sitemapUrl, sitemapOptions, shown),
    );
    console.log(
      `sitemap  ${sitemapUrl}  ${report.listed} pages in ${report.documents} documents, ${report.queued.length} new queued, ${report.known} already known`,
    );
    for (const note of report.notes) console.error(`note     ${sitemapUrl}: ${note}`);
    const items = report.queued.map((q) => ({ id: q.id, label: q.url }));
    if (!values.wait) for (const t of items) console.log(`queued   ${t.id}  ${t.label}`);
    return items;
  } catch (err) {
    console.log(`failed   sitemap ${sitemapUrl}  ${(err as Error).message}`);
    return undefined;
  }
}

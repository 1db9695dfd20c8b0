/**
 * `npm run enqueue -- [--wait] [--timeout S] [--file F] [--feed URL] [-] URL...`: checks each URL, queues
 * the good ones for fetching, and says why any other was rejected; `--feed` polls a feed once, now,
 * and queues its new items. With --wait, waits for each to be stored, skipped as not relevant, or
 * failed. Exits 1 when any was rejected or failed.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { articleId, canonicalUrl, parseHttpUrl, redactCredentials } from '../shared/identity.js';
import { FeedService, type FeedPollReport } from '../pipeline/feed-service.js';
import { DeferError } from '../shared/errors/index.js';
import { startRuntime, type Runtime } from '../runtime/runtime.js';
import { waitForOutcomes, type Tracked } from './wait-for-outcomes.js';
import { endQuietlyOnEpipe, exitWhenFlushed } from './pipe-safe-output.js';

endQuietlyOnEpipe();

/** How long --wait waits by default before reporting what is still in the pipeline. */
const DEFAULT_WAIT_S = 300;

const USAGE = [
  'usage: npm run enqueue -- [--wait] [--timeout SECONDS] [--file FILE] [--feed FEED_URL] [-] [URL ...]',
  `  --timeout SECONDS  longest wait for a busy feed host's turn and, with --wait, for the outcomes (default ${DEFAULT_WAIT_S})`,
].join('\n');

const { values, positionals } = parseArgs({
  options: {
    wait: { type: 'boolean', default: false },
    timeout: { type: 'string' },
    file: { type: 'string', multiple: true },
    feed: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

/** Lines of a URL list: one URL a line, blank lines and `#` comments ignored. */
function urlLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
}

const inputs: string[] = [];
for (const p of positionals) {
  if (p === '-') inputs.push(...urlLines(await readStdin()));
  else inputs.push(p);
}
for (const f of values.file ?? []) inputs.push(...urlLines(await readFile(f, 'utf8')));
const feedUrls = values.feed ?? [];
if (inputs.length === 0 && feedUrls.length === 0) {
  console.error(`nothing to enqueue\n${USAGE}`);
  process.exit(2);
}

let bad = 0;
const accepted: { url: string; canonical: string; id: string }[] = [];
for (const input of inputs) {
  try {
    const url = parseHttpUrl(input).href;
    accepted.push({ url, canonical: canonicalUrl(url), id: articleId(url) });
  } catch (err) {
    bad++;
    console.log(`rejected ${JSON.stringify(redactCredentials(input)).slice(1, -1)}  ${(err as Error).message}`);
  }
}

if (accepted.length > 0 || feedUrls.length > 0) {
  const rt = await startRuntime('enqueue');
  /** --timeout bounds the whole run: waiting for a busy feed host's turn, then for the outcomes. */
  const deadline = Date.now() + (values.timeout ? Number(values.timeout) : DEFAULT_WAIT_S) * 1000;
  const tracked: Tracked[] = [];
  for (const feedUrl of feedUrls) {
    const polled = await pollFeedOnce(rt, feedUrl, deadline);
    if (polled) tracked.push(...polled);
    else bad++;
  }
  const seen = new Set<string>();
  for (const a of accepted) {
    if (seen.has(a.id)) continue; // the same article twice on the command line
    seen.add(a.id);
    const r = await rt.queues.submit({
      id: a.id,
      url: a.url,
      canonicalUrl: a.canonical,
      origin: { kind: 'enqueue' },
      handled: {},
    });
    if (!values.wait) console.log(`${r.queued ? 'queued ' : 'in flight'}  ${a.id}  ${a.url}`);
    tracked.push({ id: a.id, label: a.url });
  }
  if (values.wait) bad += await waitForOutcomes(rt.queues, tracked, Math.max(0, deadline - Date.now()));
  await rt.close();
}
await exitWhenFlushed(bad > 0 ? 1 : 0);

/** Polls a feed now (registering it for the poll when it is not registered) and lists what it queued. */
async function pollFeedOnce(rt: Runtime, feedUrl: string, deadline: number): Promise<Tracked[] | undefined> {
  const feeds = new FeedService(rt.redis, rt.config, rt.queues, rt.store);
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
      return await feeds.poll(feedUrl, true);
    } catch (err) {
      if (!(err instanceof DeferError) || Date.now() + err.retryAfterMs > deadline) throw err;
      await new Promise((r) => setTimeout(r, err.retryAfterMs));
    }
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

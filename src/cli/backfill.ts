/**
 * `npm run backfill -- --urls FILE | --sitemap URL --from D --to D | --gdelt FILE.csv [--wayback] [--wait]`:
 * queues past articles behind live work (a lower BullMQ priority), through the same fetch stage
 * and its politeness gate. Resumable: a URL list's position is kept in Redis, and a sitemap's pages
 * already taken are known, so running the same command again goes on where it stopped. With
 * --wayback, a listed page that is gone is fetched from the web archive (WAYBACK_CDX_URL) instead.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { FeedService } from '../pipeline/feed-service.js';
import { startRuntime } from '../runtime/runtime.js';
import { articleId, canonicalUrl, parseHttpUrl } from '../shared/identity.js';
import { usRussiaUrls } from '../stages/backfill/gdelt.js';
import { endQuietlyOnEpipe, exitWhenFlushed } from './pipe-safe-output.js';
import { waitForOutcomes, type Tracked } from './wait-for-outcomes.js';
import { progress, withProgress } from './progress.js';
import { urlOfLine } from './url-lines.js';

endQuietlyOnEpipe();

/** BullMQ priority of backfilled fetches: jobs without a priority (live work) all run first. */
const BACKFILL_PRIORITY = 100;
/** Progress is saved every this many URLs: a restart repeats at most this many (and they are then known). */
const SAVE_EVERY = 50;
/** How long a saved position is kept: a backfill resumed after a month starts again. */
const PROGRESS_TTL_S = 30 * 86_400;

const USAGE = `usage: npm run backfill -- (--urls FILE | --sitemap URL [--from DATE] [--to DATE] | --gdelt FILE.csv) [--wayback] [--wait] [--timeout S]
  --urls FILE      one URL a line, # comments
  --sitemap URL    a sitemap or sitemap index; its pages dated within --from/--to, newest first
  --from DATE      with --sitemap: earliest page date (YYYY-MM-DD or ISO 8601)
  --to DATE        with --sitemap: latest page date, the whole day included
  --gdelt FILE     a GDELT event export (1.0 or 2.0, tab-separated): the source URLs of US–Russia events
  --wayback        with --urls or --gdelt: a page that is gone (404/410, host unknown) comes from the
                   web archive's closest snapshot (WAYBACK_CDX_URL), under its own URL
  --wait           wait for each article to be stored, skipped or failed
  --timeout S      with --wait: longest wait in seconds (default 3600)
  -h, --help       show this help`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      urls: { type: 'string' },
      sitemap: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      gdelt: { type: 'string' },
      wayback: { type: 'boolean', default: false },
      wait: { type: 'boolean', default: false },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (err) {
  console.error(
    `${(err as Error).message}; valid options: --urls, --sitemap, --from, --to, --gdelt, --wayback, --wait, --timeout, --help\n${USAGE}`,
  );
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const sources = [values.urls, values.sitemap, values.gdelt].filter((v) => v !== undefined);
if (sources.length !== 1) {
  console.error(`give exactly one of --urls, --sitemap, --gdelt\n${USAGE}`);
  process.exit(2);
}
const date = (name: string, v: string | undefined, endOfDay: boolean): number | undefined => {
  if (v === undefined) return undefined;
  const t = Date.parse(/^\d{4}-\d\d-\d\d$/.test(v) && endOfDay ? `${v}T23:59:59.999Z` : v);
  if (Number.isNaN(t)) {
    console.error(`--${name}: "${v}" is not a date (YYYY-MM-DD or ISO 8601)`);
    process.exit(2);
  }
  return t;
};
const from = date('from', values.from, false);
const to = date('to', values.to, true);
if ((from !== undefined || to !== undefined) && !values.sitemap) {
  console.error(`--from and --to go with --sitemap\n${USAGE}`);
  process.exit(2);
}

if (values.wayback && values.sitemap) {
  console.error(`--wayback goes with --urls or --gdelt (a sitemap lists pages that are there)\n${USAGE}`);
  process.exit(2);
}

const rt = await startRuntime('backfill');
const summary = { queued: 0, known: 0, failed: 0 };
const tracked: Tracked[] = [];
let code = 0;
try {
  if (values.sitemap) {
    const feeds = new FeedService(rt.redis, rt.config, rt.queues, rt.store);
    if (process.stderr.isTTY) process.stderr.write(`reading ${values.sitemap}…\n`);
    const options = {
      ...(from === undefined ? {} : { since: from }),
      ...(to === undefined ? {} : { until: to }),
      priority: BACKFILL_PRIORITY,
    };
    const sitemapUrl = values.sitemap;
    const report = await withProgress('sitemap pages checked', (shown) =>
      feeds.readSitemapOnce(sitemapUrl, options, shown),
    );
    for (const note of report.notes) console.error(`note     ${note}`);
    summary.queued = report.queued.length;
    summary.known = report.known;
    tracked.push(...report.queued.map((q) => ({ id: q.id, label: q.url })));
  } else {
    const text = await readFile((values.urls ?? values.gdelt)!, 'utf8');
    const urls = values.gdelt ? usRussiaUrls(text).urls : text.split(/\r?\n/).map(urlOfLine).filter(Boolean);
    const key = `${rt.config.queuePrefix}:backfill:${createHash('sha256')
      // The same list with --wayback is another run: the pages that failed before are asked of the archive.
      .update(urls.join('\n') + (values.wayback ? '\n--wayback' : ''))
      .digest('hex')
      .slice(0, 20)}`;
    const start = Number((await rt.redis.get(key)) ?? 0);
    if (start > 0) console.error(`resuming at ${start} of ${urls.length}`);
    const shown = progress('queued', urls.length);
    shown.tick(start);
    for (let i = start; i < urls.length; i++) {
      try {
        const url = parseHttpUrl(urls[i]!).href;
        const id = articleId(url);
        const r = await rt.queues.submit(
          {
            id,
            url,
            canonicalUrl: canonicalUrl(url),
            origin: { kind: 'enqueue' },
            handled: {},
            ...(values.wayback ? { archiveLookup: true } : {}),
          },
          { priority: BACKFILL_PRIORITY },
        );
        if (r.queued) {
          summary.queued++;
          tracked.push({ id, label: url });
        } else summary.known++;
      } catch (err) {
        summary.failed++;
        shown.clear();
        console.log(`failed   ${urls[i]}  ${(err as Error).message}`);
      }
      if ((i + 1) % SAVE_EVERY === 0 || i + 1 === urls.length)
        await rt.redis.set(key, String(i + 1), 'EX', PROGRESS_TTL_S);
      shown.tick();
    }
    shown.done();
  }
  if (values.wait) {
    const failed = await waitForOutcomes(rt.queues, tracked, Number(values.timeout ?? 3600) * 1000);
    summary.failed += failed;
  }
  console.log(
    `backfill: ${summary.queued} queued, ${summary.known} already known or in flight, ${summary.failed} failed`,
  );
  code = summary.failed > 0 ? 1 : 0;
} catch (err) {
  console.error(`parley: ${(err as Error).message}`);
  code = 1;
}
await rt.close();
await exitWhenFlushed(code);

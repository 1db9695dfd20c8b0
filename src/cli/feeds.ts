/**
 * `npm run feeds -- add <url> [--every 15m] | list | remove <url>`: the feeds Parley polls. Each
 * feed is polled by a job scheduler in the `feeds` queue (run by `npm start` or `npm run worker -- feeds`).
 */
import { parseArgs } from 'node:util';
import { FeedService } from '../pipeline/feed-service.js';
import { formatDuration, parseDuration } from '../stages/feeds/duration.js';
import type { FeedRecord } from '../stages/feeds/feed-registry.js';
import { startRuntime } from '../runtime/runtime.js';
import { endQuietlyOnEpipe, exitWhenFlushed } from './pipe-safe-output.js';

endQuietlyOnEpipe();

const USAGE = `usage: npm run feeds -- add <url> [--every 15m] [--discover]
       npm run feeds -- list [--json]
       npm run feeds -- remove <url>
       npm run feeds -- import FILE.opml [--every 15m]
       npm run feeds -- export > feeds.opml
       npm run feeds -- parse FILE [--base URL] | parse --jsonl IN --out OUT
       npm run feeds -- discover <site-url>`;

// parse reads files only: no Redis, no runtime.
if (process.argv[2] === 'parse') {
  const { runParse } = await import('./feeds-parse.js');
  process.exit(runParse(process.argv.slice(3)));
}
if (process.argv[2] === 'discover') {
  const { runDiscover } = await import('./feeds-discover.js');
  process.exit(await runDiscover(process.argv.slice(3)));
}

let args;
try {
  args = parseArgs({
    options: {
      every: { type: 'string' },
      json: { type: 'boolean', default: false },
      discover: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const [command, url, ...extra] = args.positionals;
const NEEDS_ARGUMENT = ['add', 'remove', 'import'];
if (
  !command ||
  ![...NEEDS_ARGUMENT, 'list', 'export'].includes(command) ||
  (NEEDS_ARGUMENT.includes(command) && !url) ||
  (!NEEDS_ARGUMENT.includes(command) && url) ||
  extra.length > 0
) {
  console.error(USAGE);
  process.exit(2);
}
let everyMs: number | undefined;
try {
  everyMs = args.values.every === undefined ? undefined : parseDuration(args.values.every);
} catch (err) {
  console.error(`--every: ${(err as Error).message}`);
  process.exit(2);
}

const rt = await startRuntime('feeds');
const feeds = new FeedService(rt.redis, rt.config, rt.queues, rt.store);
let code = 0;
try {
  if (command === 'add' && args.values.discover) {
    const { discoverWithConfig, formatDiscovered } = await import('./feeds-discover.js');
    const found = await discoverWithConfig(url!);
    if (found.length === 0) {
      console.log(`no feeds found at ${url}; nothing added`);
      code = 1;
    }
    for (const f of found) {
      const r = await feeds.add(f.url, everyMs);
      console.log(`added ${formatDiscovered([f])[0]}: polled every ${formatDuration(r.everyMs)}, the first time now`);
    }
  } else if (command === 'import') {
    const { importOpml } = await import('./feeds-opml.js');
    code = await importOpml(feeds, url!, everyMs);
  } else if (command === 'export') {
    const { writeOpml } = await import('../stages/feeds/opml.js');
    process.stdout.write(writeOpml((await feeds.list()).map((f) => ({ url: f.url }))));
  } else if (command === 'add') {
    const r = await feeds.add(url!, everyMs);
    console.log(`added ${r.url}: polled every ${formatDuration(r.everyMs)}, the first time now`);
  } else if (command === 'remove') {
    const removed = await feeds.remove(url!);
    console.log(removed ? `removed ${url}` : `${url} was not registered`);
    code = removed ? 0 : 1;
  } else {
    const list = await feeds.list();
    if (args.values.json) for (const f of list) console.log(JSON.stringify(f));
    else if (list.length === 0) console.log('no feeds; add one with: npm run feeds -- add <url>');
    else printTable(list);
  }
} catch (err) {
  console.error(`parley: ${(err as Error).message}`);
  code = 1;
}
await rt.close();
await exitWhenFlushed(code);

function printTable(list: FeedRecord[]): void {
  const when = (t: number | null) => (t === null ? 'never' : new Date(t).toISOString().replace(/\.\d+Z$/, 'Z'));
  const rows = list.map((f) => [
    f.status,
    when(f.lastPollAt),
    String(f.itemsSeen),
    String(f.consecutiveErrors),
    when(f.nextPollAt),
    formatDuration(f.everyMs),
    f.url,
  ]);
  const header = ['status', 'last poll', 'items seen', 'errors', 'next poll', 'every', 'url'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [header, ...rows])
    console.log(r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join('  '));
  for (const f of list) if (f.lastError) console.log(`  ${f.url}: last error: ${f.lastError}`);
}

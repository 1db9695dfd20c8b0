/**
 * `npm run feeds -- add <url> [--every 15m] | list | remove <url>`: the feeds Parley polls. Each
 * feed is polled by a job scheduler in the `feeds` queue (run by `npm start` or `npm run worker -- feeds`).
 */
import { parseArgs } from 'node:util';
import { FeedService } from '../pipeline/feed-service.js';
import { formatDuration, parseDuration } from '../stages/feeds/duration.js';
import { POLL_HISTORY, type FeedRecord } from '../stages/feeds/feed-registry.js';
import { formatAverage, newItemsPerPoll } from '../stages/feeds/poll-counts.js';
import { startRuntime } from '../runtime/runtime.js';
import { SOURCE_KINDS } from '../shared/contracts.js';
import { loadSourceList, type SourceList } from '../stages/feeds/source-list.js';
import { endQuietlyOnEpipe, exitWhenFlushed } from './pipe-safe-output.js';

endQuietlyOnEpipe();

const USAGE = `usage: npm run feeds -- add <url> [--every 15m] [--discover] [--sitemap] [--kind KIND]
       npm run feeds -- add --preset us-russia [--every 15m]
       npm run feeds -- list [--json]
       npm run feeds -- remove <url>
       npm run feeds -- import FILE.opml [--every 15m]
       npm run feeds -- export > feeds.opml
       npm run feeds -- parse FILE [--base URL] | parse --jsonl IN --out OUT
       npm run feeds -- discover <site-url>
  --every DURATION  poll interval (e.g. 15m, 1h; at least 1m)
  --discover        add: register every feed and sitemap the site offers (see discover)
  --sitemap         add: the URL is a sitemap (index, url set, Google News, .gz), polled like a feed
  --kind KIND       add: the kind of source its articles are stored with (official, wire, state media, press)
  --preset NAME     add: register every source of sources/NAME.yaml (or a .yaml path), with its format and kind
  --json            list: one JSON object a line
  --base URL        parse: resolve the feed's relative links against URL
  --jsonl IN        parse: parse each saved feed listed in IN (with --out)
  --out OUT         parse: write the parsed items of --jsonl to OUT
  -h, --help        show this help`;

// parse reads files only: no Redis, no runtime.
if (process.argv[2] === 'parse') {
  const { runParse } = await import('./feeds-parse.js');
  process.exit(runParse(process.argv.slice(3)));
}
if (process.argv[2] === 'discover') {
  const { runDiscover } = await import('./feeds-discover.js');
  process.exit(await runDiscover(process.argv.slice(3)));
}

if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) {
  console.log(USAGE);
  process.exit(0);
}

let args;
try {
  args = parseArgs({
    options: {
      every: { type: 'string' },
      json: { type: 'boolean', default: false },
      discover: { type: 'boolean', default: false },
      sitemap: { type: 'boolean', default: false },
      kind: { type: 'string' },
      preset: { type: 'string' },
    },
    allowPositionals: true,
  });
} catch (err) {
  console.error(
    `${(err as Error).message}; valid options: --every, --json, --discover, --sitemap, --kind, --preset, --help\n${USAGE}`,
  );
  process.exit(2);
}
const [command, url, ...extra] = args.positionals;
const preset = args.values.preset;
const NEEDS_ARGUMENT = ['add', 'remove', 'import'];
if (
  !command ||
  ![...NEEDS_ARGUMENT, 'list', 'export'].includes(command) ||
  (NEEDS_ARGUMENT.includes(command) && !url && !(command === 'add' && preset)) ||
  (!NEEDS_ARGUMENT.includes(command) && url) ||
  (preset !== undefined && (command !== 'add' || url !== undefined)) ||
  extra.length > 0
) {
  console.error(USAGE);
  process.exit(2);
}
const sourceKind = args.values.kind?.toLowerCase();
if (sourceKind !== undefined && !(SOURCE_KINDS as readonly string[]).includes(sourceKind)) {
  console.error(`--kind: "${args.values.kind}" is not one of ${SOURCE_KINDS.join(', ')}`);
  process.exit(2);
}
// A preset is read and validated before anything is registered: a bad list registers nothing.
let presetList: SourceList | undefined;
try {
  presetList = preset === undefined ? undefined : await loadSourceList(preset);
} catch (err) {
  console.error(`parley: ${(err as Error).message}`);
  process.exit(1);
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
  if (presetList) {
    for (const s of presetList.sources) {
      const every = everyMs ?? (s.every === undefined ? undefined : parseDuration(s.every));
      const r = await feeds.add(s.url, every, s.format, s.kind);
      console.log(
        `added ${s.kind.padEnd(11)} ${s.language}  ${r.url}  "${s.name}": polled every ${formatDuration(r.everyMs)}`,
      );
    }
    console.log(`${presetList.sources.length} sources of ${presetList.name} registered`);
  } else if (command === 'add' && args.values.discover) {
    const { discoverWithConfig, formatDiscovered } = await import('./feeds-discover.js');
    const found = await discoverWithConfig(url!);
    if (found.length === 0) {
      console.log(`no feeds found at ${url}; nothing added`);
      code = 1;
    }
    for (const f of found) {
      const r = await feeds.add(f.url, everyMs, f.format === 'sitemap' ? 'sitemap' : 'feed', sourceKind);
      console.log(`added ${formatDiscovered([f])[0]}: polled every ${formatDuration(r.everyMs)}, the first time now`);
    }
  } else if (command === 'import') {
    const { importOpml } = await import('./feeds-opml.js');
    code = await importOpml(feeds, url!, everyMs);
  } else if (command === 'export') {
    const { writeOpml } = await import('../stages/feeds/opml.js');
    process.stdout.write(writeOpml((await feeds.list()).map((f) => ({ url: f.url }))));
  } else if (command === 'add') {
    const r = await feeds.add(url!, everyMs, args.values.sitemap ? 'sitemap' : 'feed', sourceKind);
    console.log(
      `added ${r.kind === 'sitemap' ? 'sitemap ' : ''}${r.url}: polled every ${formatDuration(r.everyMs)}, the first time now`,
    );
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
    String(newItemsPerPoll(f).last ?? '–'),
    formatAverage(newItemsPerPoll(f).average),
    String(f.itemsSeen),
    String(f.consecutiveErrors),
    when(f.nextPollAt),
    formatDuration(f.everyMs),
    f.url,
  ]);
  const header = [
    'status',
    'last poll',
    'new items, last poll',
    `new items per poll (mean, last ${POLL_HISTORY} polls)`,
    'items seen, all polls',
    'errors in a row',
    'next poll',
    'polled every',
    'url',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [header, ...rows])
    console.log(r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join('  '));
  for (const f of list) if (f.lastError) console.log(`  ${f.url}: last error: ${f.lastError}`);
}

/**
 * `npm run events -- --jsonl IN [--out OUT]` reads lines {id, title, text, date} and writes lines
 *   {id, events} (to stdout without --out).
 * `npm run events -- --list [--type T] [--actor NAME] [--from D] [--to D] [--status S] [--json|--csv]`
 *   lists the stored timeline (STORE_URL).
 */
import { csvRow } from '../shared/csv.js';
import { createEventExtractor, type EventExtractor } from '../stages/events/extractor.js';
import { EVENT_CSV_HEADER, eventCsvRow } from '../stages/store/csv-rows.js';
import type { TimelineEntry } from '../stages/store/event-queries.js';
import { parseEventQuery } from '../stages/store/event-query.js';
import { openStore } from '../stages/store/open-store.js';
import { configOrExit, queryOrExit } from './cli-input.js';
import { mapJsonl, type JsonlArticle } from './jsonl-files.js';
import { parseCommand, type CommandHelp } from './usage.js';
import { EVENT_STATUSES, EVENT_TYPES } from '../shared/event-contract.js';

const COMMAND: CommandHelp = {
  usage:
    'usage: npm run events -- --jsonl IN [--out OUT]\n' +
    '       npm run events -- --list [--type T] [--actor NAME] [--from D] [--to D] [--status S] [--site S] [--limit N] [--offset N] [--json|--csv]',
  summary: 'Reads events (who did what, when) from a JSONL file of articles, or lists the stored events.',
  options: {
    jsonl: {
      type: 'string',
      value: 'IN',
      help: 'read events from each {id, title, text, date} line of this JSONL file',
    },
    out: { type: 'string', value: 'OUT', help: 'write the --jsonl results to OUT instead of standard output' },
    list: { type: 'boolean', help: 'list the events in the store, newest first' },
    type: { type: 'string', value: 'T', help: 'only events of this type', choices: EVENT_TYPES },
    actor: { type: 'string', value: 'NAME', help: 'only events with this actor' },
    from: { type: 'string', value: 'D', help: 'only events on or after this date (YYYY-MM-DD)' },
    to: { type: 'string', value: 'D', help: 'only events on or before this date (YYYY-MM-DD)' },
    status: { type: 'string', value: 'S', help: 'only events with this status', choices: EVENT_STATUSES },
    site: { type: 'string', value: 'S', help: 'only events from articles of this site' },
    limit: { type: 'string', value: 'N', help: 'print at most N events (default 50)' },
    offset: { type: 'string', value: 'N', help: 'skip the first N events (for paging)' },
    json: { type: 'boolean', help: 'one JSON object a line' },
    csv: { type: 'boolean', help: 'CSV with a header row' },
  },
};
const USAGE = COMMAND.usage;

/** The events of one {id, title, text, date} line; the extractor's notes go to stderr as IN:LINE: note. */
function eventsOf(extractor: EventExtractor, doc: JsonlArticle, where: string): object {
  const date = typeof doc.date === 'string' ? doc.date : typeof doc.published === 'string' ? doc.published : null;
  const { events, notes } = extractor.extract({ title: doc.title, text: doc.text, date });
  for (const note of notes) console.error(`${where}: ${note}`);
  return { id: doc.id, events };
}

async function main(): Promise<void> {
  const values = parseCommand(COMMAND).values as Record<string, string | undefined> & {
    list?: boolean;
    json?: boolean;
    csv?: boolean;
  };
  if (!values.jsonl === !values.list) {
    console.error(USAGE);
    process.exit(2);
  }
  if (values.jsonl) {
    const started = performance.now();
    const extractor = createEventExtractor();
    const n = await mapJsonl(values.jsonl, values.out, (doc, where) => eventsOf(extractor, doc, where));
    if (values.out)
      console.error(
        `read events from ${n} articles in ${((performance.now() - started) / 1000).toFixed(2)} s → ${values.out}`,
      );
    return;
  }
  const query = queryOrExit(parseEventQuery, values, USAGE);
  const config = configOrExit();
  const store = await openStore(config.storeUrl);
  try {
    const { total, events } = await store.events.listEvents(query);
    if (values.csv) process.stdout.write(csvRow(EVENT_CSV_HEADER));
    for (const e of events) {
      if (values.csv) process.stdout.write(csvRow(eventCsvRow(e)));
      else console.log(values.json ? JSON.stringify(e) : describe(e));
    }
    if (!values.json && !values.csv) {
      if (events.length === 0) console.error('no events match');
      else if (total > events.length) {
        console.error(
          `${query.offset + 1}–${query.offset + events.length} of ${total}; --offset ${query.offset + events.length} for more`,
        );
      }
    }
  } finally {
    await store.close();
  }
}

function describe(e: TimelineEntry): string {
  const who = `${e.us.join(', ')} – ${e.ru.join(', ')}`;
  const lines = [
    `${(e.date ?? '(undated)').padEnd(10)}  ${e.type} ${e.status}  ${who}${e.place ? ` · ${e.place}` : ''}  [${e.id}]`,
  ];
  for (const r of e.reports)
    lines.push(
      `            ${r.site ?? new URL(r.url, 'http://x').host}: ${r.evidence.replace(/\s+/g, ' ').slice(0, 160)}`,
    );
  return lines.join('\n');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

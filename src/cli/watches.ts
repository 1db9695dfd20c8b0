/**
 * `npm run watches -- add NAME … | list | remove NAME | test NAME`: saved filters that alert a
 * webhook, a Slack channel or a mailbox when a matching story is stored (run by `npm start` or
 * `npm run worker -- alerts`).
 */
import { parseArgs } from 'node:util';
import { addWatch, testDelivery, WatchNameTaken, type WatchContext } from '../jobs/watch-jobs.js';
import { startRuntime } from '../runtime/runtime.js';
import { WatchError, type Watch } from '../stages/watch/watch-spec.js';
import { endQuietlyOnEpipe, exitWhenFlushed } from './pipe-safe-output.js';

endQuietlyOnEpipe();

const USAGE = `usage: npm run watches -- add NAME [filters] [--source-health] (--webhook URL | --slack URL | --email ADDRESS) [--digest SPEC]
       npm run watches -- list [--json]
       npm run watches -- remove NAME
       npm run watches -- test NAME

filters (all must hold; a repeated --topic, --event or --site means any of them):
  --topic ID            a topic of the taxonomy (syria, sanctions, arms-control, …)
  --entity NAME         part of an entity's name, case-insensitive (Lavrov); repeat: each must appear
  --event TYPE          an event type the article reports: meeting, call, agreement, sanctions, expulsion, veto
  --person NAME         part of the name of a person in the article's events or entities; repeat: each
  --q TEXT              every word in the title or text
  --lang CODE           the article's language (en, ru)
  --min-relevance X     at least this relevance (0–1)
  --site HOST           a site that carried the story (a copy counts)
  --source-health       also hear when a feed fails or falls silent, and when it recovers (at once);
                        with no filter the watch hears only of sources
delivery (one of):
  --webhook URL         POST a JSON document, signed (X-Parley-Signature) and keyed (X-Parley-Delivery)
  --slack URL           POST to a Slack-compatible incoming webhook ({text, blocks})
  --email ADDRESS       send an email (HTML and plain text) through SMTP_URL
  --digest SPEC         gather matches into a digest: hourly, or daily@HH:MM/Zone (daily@08:00/Europe/Berlin);
                        without it each story alerts at once
other:
  --json                list: one JSON object a line
  -h, --help            this help`;

/** Watch fields as the flags that set them. */
const FLAG_OF: Record<string, string> = {
  topics: '--topic',
  entities: '--entity',
  events: '--event',
  people: '--person',
  q: '--q',
  lang: '--lang',
  minRelevance: '--min-relevance',
  sites: '--site',
  url: '--webhook/--slack',
  to: '--email',
  digest: '--digest',
  sourceHealth: '--source-health',
  name: 'NAME',
};

let args;
try {
  args = parseArgs({
    options: {
      topic: { type: 'string', multiple: true },
      entity: { type: 'string', multiple: true },
      event: { type: 'string', multiple: true },
      person: { type: 'string', multiple: true },
      q: { type: 'string' },
      lang: { type: 'string' },
      'min-relevance': { type: 'string' },
      site: { type: 'string', multiple: true },
      webhook: { type: 'string' },
      slack: { type: 'string' },
      email: { type: 'string' },
      digest: { type: 'string' },
      'source-health': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const v = args.values;
if (v.help) {
  console.log(USAGE);
  process.exit(0);
}
const [command, name, ...extra] = args.positionals;
const COMMANDS = ['add', 'list', 'remove', 'test'];
if (!command || !COMMANDS.includes(command) || (command !== 'list' && !name) || extra.length > 0) {
  console.error(
    `${command && !COMMANDS.includes(command) ? `unknown command ${JSON.stringify(command)}; valid: ${COMMANDS.join(', ')}\n` : ''}${USAGE}`,
  );
  process.exit(2);
}

function deliveryOf(): unknown {
  const given = (['webhook', 'slack', 'email'] as const).filter((k) => v[k] !== undefined);
  if (given.length !== 1) {
    console.error(`add needs exactly one of --webhook, --slack, --email (got ${given.length})\n${USAGE}`);
    process.exit(2);
  }
  const kind = given[0]!;
  return kind === 'email' ? { kind, to: v.email } : { kind, url: v[kind] };
}

function describe(w: Watch): string {
  const f = w.filter;
  const parts = [
    ...f.topics.map((t) => `topic=${t}`),
    ...f.entities.map((e) => `entity=${e}`),
    ...f.events.map((e) => `event=${e}`),
    ...f.people.map((p) => `person=${p}`),
    ...(f.q ? [`q=${JSON.stringify(f.q)}`] : []),
    ...(f.lang ? [`lang=${f.lang}`] : []),
    ...(f.minRelevance !== undefined ? [`min-relevance=${f.minRelevance}`] : []),
    ...f.sites.map((s) => `site=${s}`),
    ...(w.sourceHealth ? ['source-health'] : []),
  ];
  const to = w.delivery.kind === 'email' ? w.delivery.to : new URL(w.delivery.url).host;
  const state = w.failingSince
    ? `FAILING since ${w.failingSince} (${w.failures} in a row: ${w.lastError})`
    : w.failures > 0
      ? `ok (${w.failures} failed in a row: ${w.lastError})`
      : 'ok';
  const held = w.held > 0 ? `, ${w.held} held until it answers` : '';
  return `${w.name}\t${parts.join(' ') || '(everything)'}\t${w.delivery.kind} ${to}\t${w.mode}\t${state}${held}\tlast delivery ${w.lastDeliveryAt ?? 'never'}`;
}

const rt = await startRuntime('watches');
const ctx: WatchContext = { config: rt.config, store: rt.store, now: () => new Date() };
let code = 0;
try {
  if (command === 'add') {
    const minRelevance = v['min-relevance'] === undefined ? undefined : Number(v['min-relevance']);
    const input = {
      name,
      filter: {
        topics: v.topic ?? [],
        entities: v.entity ?? [],
        events: v.event ?? [],
        people: v.person ?? [],
        sites: v.site ?? [],
        ...(v.q !== undefined ? { q: v.q } : {}),
        ...(v.lang !== undefined ? { lang: v.lang } : {}),
        ...(minRelevance !== undefined ? { minRelevance } : {}),
      },
      delivery: deliveryOf(),
      mode: v.digest ?? 'immediate',
      ...(v['source-health'] ? { sourceHealth: true } : {}),
    };
    const w = await addWatch(input, ctx);
    await rt.queues.alerts.schedule(w);
    console.log(`added ${describe(w)}`);
    console.log(`secret (verify X-Parley-Signature with it; shown once): ${w.secret}`);
  } else if (command === 'remove') {
    const removed = await (await rt.store()).watches.remove(name!);
    await rt.queues.alerts.unschedule(name!);
    console.log(removed ? `removed ${name}` : `no watch named ${name}`);
    code = removed ? 0 : 1;
  } else if (command === 'test') {
    const m = await testDelivery(name!, ctx);
    console.log(
      `delivered test ${m.deliveryId} to ${name} (${m.items.length} ${m.items.length === 1 ? 'story' : 'stories'})`,
    );
  } else {
    for (const w of await (await rt.store()).watches.list()) {
      const { secret: _secret, ...shown } = w;
      console.log(v.json ? JSON.stringify(shown) : describe(w));
    }
  }
} catch (err) {
  if (err instanceof WatchError) {
    console.error(
      `${FLAG_OF[err.field.replace(/\[\d+\]$/, '')] ?? err.field}: ${err.message.slice(err.field.length + 2)}`,
    );
    code = 2;
  } else if (err instanceof WatchNameTaken || /^no watch named/.test((err as Error).message)) {
    console.error((err as Error).message);
    code = 1;
  } else {
    console.error(`${command} failed: ${(err as Error).message}`);
    code = 1;
  }
}
await rt.close();
await exitWhenFlushed(code);

/**
 * `npm run articles -- [--topic T] [--entity E] [--q TEXT] [--limit N] [--offset N] [--json]`:
 * lists stored articles, newest first. --json prints one JSON object a line with every stored field.
 */
import { parseArgs } from 'node:util';
import { ConfigError, parseConfig } from '../shared/config.js';
import { DEFAULT_LIMIT } from '../stages/store/article-store.js';
import { openStore } from '../stages/store/open-store.js';

const USAGE = 'usage: npm run articles -- [--topic T] [--entity NAME] [--q TEXT] [--limit N] [--offset N] [--json]';

let parsed;
try {
  parsed = parseArgs({
    options: {
      topic: { type: 'string' },
      entity: { type: 'string' },
      q: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
const offset = values.offset === undefined ? 0 : Number(values.offset);
if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) {
  console.error(`--limit must be a whole number ≥ 1 and --offset ≥ 0\n${USAGE}`);
  process.exit(2);
}

let config;
try {
  config = parseConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`parley: ${err.message}`);
    process.exit(2);
  }
  throw err;
}
const store = await openStore(config.storeUrl);
const articles = await store.listArticles({ topic: values.topic, entity: values.entity, q: values.q, limit, offset });
for (const a of articles) {
  if (values.json) {
    console.log(JSON.stringify(a));
  } else {
    const date = a.published?.slice(0, 10) ?? '          ';
    console.log(`${date}  ${a.id}  ${a.title}\n            ${a.site ?? ''} · relevance ${a.relevance.toFixed(2)} · ${a.topics.join(', ') || 'no topics'}`);
  }
}
if (!values.json && articles.length === 0) console.error('no articles match');
await store.close();

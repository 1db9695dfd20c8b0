/**
 * `npm run articles -- [--q TEXT] [--topic T] [--entity E] [--site S] [--from DATE] [--to DATE]
 * [--limit N] [--offset N] [--json|--csv]`: lists stored stories, newest first, or by relevance with a
 * highlighted snippet when searching. --json prints one JSON object a line with every stored field.
 */
import { parseArgs } from 'node:util';
import { parseArticleQuery } from '../stages/store/article-query.js';
import type { FoundArticle } from '../stages/store/article-store.js';
import { csvRow } from '../shared/csv.js';
import { ARTICLE_CSV_HEADER, articleCsvRow } from '../stages/store/csv-rows.js';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../stages/store/dialect.js';
import { openStore } from '../stages/store/open-store.js';
import { configOrExit, queryOrExit } from './cli-input.js';
import { endQuietlyOnEpipe } from './pipe-safe-output.js';

endQuietlyOnEpipe();

const USAGE =
  'usage: npm run articles -- [--q TEXT] [--topic T] [--entity NAME] [--site SITE] [--lang en|ru] [--kind official|wire|state media|press] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N] [--offset N] [--json|--csv]\n       npm run articles -- --skipped [--q WORDS] [--limit N] [--offset N] [--json]   (articles judged not relevant, newest first)';

/** Bold on a terminal; «» otherwise, so a highlight survives a pipe. */
const MARK = process.stdout.isTTY ? ['\x1b[1m', '\x1b[22m'] : ['«', '»'];

let parsed;
try {
  parsed = parseArgs({
    options: {
      q: { type: 'string' },
      topic: { type: 'string' },
      entity: { type: 'string' },
      site: { type: 'string' },
      lang: { type: 'string' },
      kind: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
      json: { type: 'boolean', default: false },
      csv: { type: 'boolean', default: false },
      skipped: { type: 'boolean', default: false },
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
if (values.skipped) {
  const { printSkipped } = await import('./skipped-list.js');
  const skippedStore = await openStore(configOrExit().storeUrl);
  await printSkipped(skippedStore, values);
  await skippedStore.close();
  process.exit(0);
}
const { skipped: _skipped, ...filters } = values;
const query = queryOrExit(parseArticleQuery, filters, USAGE);
const config = configOrExit();
const store = await openStore(config.storeUrl);
const { total, articles } = await store.searchArticles(query);
if (values.csv) process.stdout.write(csvRow(ARTICLE_CSV_HEADER));
for (const a of articles) {
  if (values.csv) process.stdout.write(csvRow(articleCsvRow(a)));
  else console.log(values.json ? JSON.stringify(a) : describe(a));
}
if (!values.json && !values.csv) {
  if (articles.length === 0) console.error('no articles match');
  else if (total > articles.length) {
    const first = query.offset + 1;
    console.error(
      `${first}–${query.offset + articles.length} of ${total}; --offset ${query.offset + articles.length} for more`,
    );
  }
}
await store.close();

function describe(a: FoundArticle): string {
  const date = a.published?.slice(0, 10) ?? '          ';
  const sites = [...new Set(a.copies.map((c) => c.site ?? new URL(c.url, 'http://x').host))].join(', ') || a.site || '';
  const lines = [
    `${date}  ${a.id}  ${a.title}`,
    `            ${sites} · relevance ${a.relevance.toFixed(2)} · ${a.topics.join(', ') || 'no topics'}`,
  ];
  if (a.snippet) {
    const snippet = a.snippet
      .replace(/\s+/g, ' ')
      .replaceAll(HIGHLIGHT_START, MARK[0]!)
      .replaceAll(HIGHLIGHT_END, MARK[1]!);
    lines.push(`            ${snippet}`);
  }
  return lines.join('\n');
}

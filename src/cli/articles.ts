/**
 * `npm run articles -- [--q TEXT] [--topic T] [--entity E] [--site S] [--feed URL] [--from DATE] [--to DATE]
 * [--limit N] [--offset N] [--json|--csv]`: lists stored stories, newest first, or by relevance with a
 * highlighted snippet when searching. --json prints one JSON object a line with every stored field.
 */
import { parseArticleQuery } from '../stages/store/article-query.js';
import type { FoundArticle } from '../stages/store/article-store.js';
import { csvRow } from '../shared/csv.js';
import { ARTICLE_CSV_HEADER, articleCsvRow } from '../stages/store/csv-rows.js';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../stages/store/dialect.js';
import { openStore } from '../stages/store/open-store.js';
import { configOrExit, queryOrExit } from './cli-input.js';
import { endQuietlyOnEpipe } from './pipe-safe-output.js';
import { parseCommand, type CommandHelp } from './usage.js';
import { loadTaxonomy } from '../stages/classify/taxonomy.js';
import { SOURCE_KINDS } from '../shared/contracts.js';

endQuietlyOnEpipe();

const COMMAND: CommandHelp = {
  usage:
    'usage: npm run articles -- [--q TEXT] [--topic T] [--entity NAME] [--site SITE] [--feed URL] [--lang CODE] [--kind KIND] [--from DATE] [--to DATE] [--limit N] [--offset N] [--json|--csv]\n' +
    '       npm run articles -- --skipped [--q WORDS] [--limit N] [--offset N] [--json]',
  summary:
    'Lists stored articles, newest first, or by relevance with a highlighted snippet when searching;\n--skipped lists the articles judged not relevant instead.',
  options: {
    q: { type: 'string', value: 'TEXT', help: 'full-text search; results come by relevance with a snippet' },
    topic: {
      type: 'string',
      value: 'T',
      help: 'only articles classified under this topic',
      choices: loadTaxonomy().topics.map((t) => t.id),
    },
    entity: { type: 'string', value: 'NAME', help: 'only articles that mention this person, place or organisation' },
    site: { type: 'string', value: 'SITE', help: 'only articles from this site (its name or host name)' },
    feed: { type: 'string', value: 'URL', help: 'only articles a poll of this feed brought (its URL as registered)' },
    lang: { type: 'string', value: 'CODE', help: 'only articles in this language, such as en or ru' },
    kind: {
      type: 'string',
      value: 'KIND',
      help: `only articles from this kind of source (${SOURCE_KINDS.join(', ')})`,
    },
    from: { type: 'string', value: 'DATE', help: 'published on or after this date (YYYY-MM-DD)' },
    to: { type: 'string', value: 'DATE', help: 'published on or before this date (YYYY-MM-DD)' },
    limit: { type: 'string', value: 'N', help: 'print at most N articles (default 20)' },
    offset: { type: 'string', value: 'N', help: 'skip the first N articles (for paging)' },
    json: { type: 'boolean', help: 'one JSON object a line with every stored field' },
    csv: { type: 'boolean', help: 'CSV with a header row' },
    skipped: { type: 'boolean', help: 'list skipped (not relevant) articles, newest first, instead' },
  },
};
const USAGE = COMMAND.usage;

/** Bold on a terminal; «» otherwise, so a highlight survives a pipe. */
const MARK = process.stdout.isTTY ? ['\x1b[1m', '\x1b[22m'] : ['«', '»'];

const values = parseCommand(COMMAND).values as {
  q?: string;
  topic?: string;
  entity?: string;
  site?: string;
  feed?: string;
  lang?: string;
  kind?: string;
  from?: string;
  to?: string;
  limit?: string;
  offset?: string;
  json?: boolean;
  csv?: boolean;
  skipped?: boolean;
};
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
const { total, totalIsLowerBound, articles } = await store.searchArticles(query);
if (values.csv) process.stdout.write(csvRow(ARTICLE_CSV_HEADER));
for (const a of articles) {
  if (values.csv) process.stdout.write(csvRow(articleCsvRow(a)));
  else console.log(values.json ? JSON.stringify(a) : describe(a));
}
if (!values.json && !values.csv) {
  if (articles.length === 0) console.error('no articles match');
  else if (total > articles.length || totalIsLowerBound) {
    const first = query.offset + 1;
    console.error(
      `${first}–${query.offset + articles.length} of ${totalIsLowerBound ? 'more than ' : ''}${total}; --offset ${query.offset + articles.length} for more`,
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

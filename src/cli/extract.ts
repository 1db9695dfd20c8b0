/**
 * `npm run extract -- <file.html> [--url U] [--json]`: prints the article text of one page (or, with
 * --json, a JSON object with title, text and metadata).
 *
 * `npm run extract -- --dir D --out O [--truth T.jsonl]`: for every D/<id>.html writes O/<id>.txt
 * (text) and O/<id>.json (title, text, metadata), using D/<id>.json's "url" when present, or the
 * "url" of the line with that "id" in T.jsonl. Pages are read as bytes and decoded as the fetch
 * stage decodes responses (BOM, UTF-8 bytes, declared charset, guess). Pages without an article get
 * an empty .txt and an "error" in their .json.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { extractArticle } from '../stages/clean/html-extractor.js';
import { NoArticleError } from '../stages/clean/no-article-error.js';
import { decodeBody } from '../stages/fetch/charset.js';
import { parseCommand, type CommandHelp } from './usage.js';
import { endQuietlyOnEpipe } from './pipe-safe-output.js';

endQuietlyOnEpipe();

const COMMAND: CommandHelp = {
  usage:
    'usage: npm run extract -- <file.html> [--url U] [--json]\n       npm run extract -- --dir D --out O [--truth T.jsonl]',
  summary: 'Prints the article text of a saved page, or extracts every page of a folder into another.',
  options: {
    url: { type: 'string', value: 'U', help: "the page's address (helps resolve links and site-specific rules)" },
    json: { type: 'boolean', help: 'print title, text and metadata as JSON instead of the text' },
    dir: { type: 'string', value: 'D', help: 'extract every D/<id>.html (with --out)' },
    out: { type: 'string', value: 'O', help: 'write O/<id>.txt and O/<id>.json for each page of --dir' },
    truth: {
      type: 'string',
      value: 'T.jsonl',
      help: 'with --dir: take page addresses from the "url" of lines with that "id"',
    },
  },
};
const USAGE = COMMAND.usage;

function pageUrl(jsonPath: string): string | undefined {
  if (!existsSync(jsonPath)) return undefined;
  const parsed = JSON.parse(readFileSync(jsonPath, 'utf8')) as { url?: unknown };
  return typeof parsed.url === 'string' ? parsed.url : undefined;
}

/** id → url from a JSON-lines file whose lines carry "id" and "url". */
function urlsFromTruth(path: string | undefined): Map<string, string> {
  const urls = new Map<string, string>();
  if (path === undefined) return urls;
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let row: { id?: unknown; url?: unknown };
      try {
        row = JSON.parse(line) as { id?: unknown; url?: unknown };
      } catch {
        throw new Error(`${path}:${i + 1}: not JSON`);
      }
      if (typeof row.id === 'string' && typeof row.url === 'string') urls.set(row.id, row.url);
    });
  return urls;
}

function runDir(dir: string, out: string, truth: string | undefined): void {
  mkdirSync(out, { recursive: true });
  const urls = urlsFromTruth(truth);
  const ids = readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => basename(f, '.html'))
    .sort();
  let failed = 0;
  for (const id of ids) {
    const html = decodeBody(readFileSync(join(dir, `${id}.html`))).text;
    const url = pageUrl(join(dir, `${id}.json`)) ?? urls.get(id);
    try {
      const article = extractArticle(html, { url });
      writeFileSync(join(out, `${id}.txt`), article.text + '\n');
      writeFileSync(join(out, `${id}.json`), JSON.stringify({ url, ...article }, null, 2) + '\n');
    } catch (err) {
      if (!(err instanceof NoArticleError)) throw err;
      failed += 1;
      writeFileSync(join(out, `${id}.txt`), '');
      writeFileSync(join(out, `${id}.json`), JSON.stringify({ url, error: err.message }, null, 2) + '\n');
    }
  }
  console.error(
    `extracted ${ids.length - failed} of ${ids.length} pages into ${out}${failed ? ` (${failed} without an article)` : ''}`,
  );
}

function main(): void {
  const parsed = parseCommand(COMMAND);
  const positionals = parsed.positionals;
  const values = parsed.values as { url?: string; json?: boolean; dir?: string; out?: string; truth?: string };
  if (values.dir !== undefined || values.out !== undefined) {
    if (values.dir === undefined || values.out === undefined) throw new Error(`--dir and --out go together\n${USAGE}`);
    runDir(values.dir, values.out, values.truth);
    return;
  }
  const file = positionals[0];
  if (file === undefined || positionals.length > 1) throw new Error(USAGE);
  const article = extractArticle(decodeBody(readFileSync(file)).text, { url: values.url });
  console.log(values.json ? JSON.stringify(article, null, 2) : article.text);
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = err instanceof NoArticleError ? 3 : 2;
}

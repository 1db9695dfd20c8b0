/**
 * `npm run feeds -- parse FILE [--base URL]`: prints one feed file's items (one JSON line each:
 * title, link, published; notes and a summary on stderr).
 * `npm run feeds -- parse --jsonl IN --out OUT`: parses many, for evaluation: IN lines
 * `{case, path, base_url}` (path relative to IN's folder unless absolute), OUT lines
 * `{case, items: [{title, link, published}]}` or `{case, error}`. Needs no Redis.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { decodeBody } from '../stages/fetch/charset.js';
import { parseFeedSync, type ParsedFeed } from '../stages/feeds/parse-feed.js';

export const PARSE_USAGE = `usage: npm run feeds -- parse FILE [--base URL]
       npm run feeds -- parse --jsonl IN --out OUT`;

interface CaseLine {
  case: string;
  path: string;
  base_url?: string;
}

function parseFile(path: string, base: string): ParsedFeed {
  return parseFeedSync(decodeBody(readFileSync(path)).text, base);
}

function brief(feed: ParsedFeed): Array<{ title: string; link: string; published: string | null }> {
  return feed.items.map((i) => ({ title: i.title, link: i.link, published: i.published }));
}

function runBatch(input: string, output: string): number {
  const folder = dirname(resolve(input));
  const lines = readFileSync(input, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const out: string[] = [];
  let failed = 0;
  for (const [n, line] of lines.entries()) {
    let c: CaseLine;
    try {
      c = JSON.parse(line) as CaseLine;
      if (typeof c.case !== 'string' || typeof c.path !== 'string') throw new Error('needs "case" and "path" strings');
    } catch (error) {
      console.error(`${input}:${n + 1}: not a case line: ${(error as Error).message}`);
      return 2;
    }
    const base = c.base_url ?? pathToFileURL(resolve(folder, c.path)).href;
    try {
      out.push(JSON.stringify({ case: c.case, items: brief(parseFile(resolve(folder, c.path), base)) }));
    } catch (error) {
      failed++;
      out.push(JSON.stringify({ case: c.case, error: (error as Error).message }));
    }
  }
  writeFileSync(output, out.length > 0 ? `${out.join('\n')}\n` : '');
  console.error(`parsed ${lines.length - failed} of ${lines.length} feeds into ${output}`);
  return 0;
}

/** Runs `parse` with the arguments after it; returns the exit code. */
export function runParse(argv: string[]): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: { jsonl: { type: 'string' }, out: { type: 'string' }, base: { type: 'string' } },
      allowPositionals: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${PARSE_USAGE}`);
    return 2;
  }
  const { jsonl, out, base } = args.values;
  if (jsonl !== undefined || out !== undefined) {
    if (!jsonl || !out || args.positionals.length > 0) {
      console.error(PARSE_USAGE);
      return 2;
    }
    return runBatch(jsonl, out);
  }
  const [file, ...extra] = args.positionals;
  if (!file || extra.length > 0) {
    console.error(PARSE_USAGE);
    return 2;
  }
  try {
    const feed = parseFile(file, base ?? pathToFileURL(resolve(file)).href);
    for (const item of brief(feed)) console.log(JSON.stringify(item));
    console.error(
      `${feed.format} feed "${feed.title}": ${feed.items.length} items, ${feed.skipped} without an http(s) link`,
    );
    for (const note of feed.notes) console.error(`note: ${note}`);
    return 0;
  } catch (error) {
    console.error(`parley: ${(error as Error).message}`);
    return 1;
  }
}

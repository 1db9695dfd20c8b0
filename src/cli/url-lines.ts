/**
 * The URLs `enqueue` is given, one at a time, each with where it came from (an argument, or a line
 * of standard input or of a file), so a rejected line can be named by its line number. Files and
 * standard input are streamed: a 1,000,000-line file is never held whole.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** One URL given, and where: `urls.txt line 17`, `stdin line 3`, or '' for an argument. */
export interface GivenUrl {
  url: string;
  where: string;
}

/** A URL list's line without its `#` comment and spaces ('' for a blank or comment line). */
export function urlOfLine(line: string): string {
  return line.replace(/(^|\s)#.*$/, '').trim();
}

/** The URLs of a stream's lines, numbered from 1, blank and comment lines skipped. */
export async function* urlsOfLines(input: NodeJS.ReadableStream, name: string): AsyncGenerator<GivenUrl> {
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    n++;
    const url = urlOfLine(line);
    if (url) yield { url, where: `${name} line ${n}` };
  }
}

/** Every URL given, in order: arguments, stdin ('-'), then the files. */
export async function* givenUrls(positionals: readonly string[], files: readonly string[]): AsyncGenerator<GivenUrl> {
  for (const p of positionals) {
    if (p !== '-') yield { url: p, where: '' };
    else yield* urlsOfLines(process.stdin, 'stdin');
  }
  for (const f of files) yield* urlsOfLines(createReadStream(f), f);
}

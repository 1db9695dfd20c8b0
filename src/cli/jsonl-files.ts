/**
 * The `--jsonl IN [--out OUT]` loop of the offline commands (classify, events): each non-blank line
 * of IN is a JSON object with a string "text"; each gives one JSON line to OUT (standard output
 * without --out), written as fast as the reader takes it. A line that is not JSON, or has no text,
 * stops the run with an error naming IN:LINE.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** One input line: its own fields as written, with `title` ('' when absent) and `text` checked. */
export type JsonlArticle = Record<string, unknown> & { title: string; text: string };

/** Maps every line of `input` through `each` (given the line as `IN:LINE` for notes); returns how many. */
export async function mapJsonl(
  input: string,
  output: string | undefined,
  each: (doc: JsonlArticle, where: string) => object,
): Promise<number> {
  const out = output ? createWriteStream(output) : process.stdout;
  const lines = createInterface({ input: createReadStream(input), crlfDelay: Infinity });
  let n = 0;
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    const where = `${input}:${lineNo}`;
    let doc: Record<string, unknown> | null;
    try {
      doc = JSON.parse(line) as Record<string, unknown> | null;
    } catch (e) {
      throw new Error(`${where}: not JSON: ${(e as Error).message}`);
    }
    if (typeof doc?.text !== 'string') throw new Error(`${where}: "text" must be a string`);
    const title = typeof doc.title === 'string' ? doc.title : '';
    const ok = out.write(JSON.stringify(each({ ...doc, title, text: doc.text }, where)) + '\n');
    if (!ok) await new Promise<void>((r) => out.once('drain', () => r()));
    n++;
  }
  if (output)
    await new Promise<void>((resolve, reject) =>
      (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())),
    );
  return n;
}

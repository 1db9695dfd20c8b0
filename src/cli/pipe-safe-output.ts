/**
 * Output for programs whose stdout is a pipe. Writes to a full pipe are queued, and process.exit
 * drops the queue, so a program that exits right after printing loses lines; and a reader that
 * stops early (`| head -2`) makes the next write fail with EPIPE, which is no error for a CLI.
 */
import type { Writable } from 'node:stream';

/** Ends the program quietly (exit 0) when whoever reads its output has stopped reading. */
export function endQuietlyOnEpipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
}

/** Resolves once everything written to `stream` so far has been handed to the OS. */
function flushed(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableLength === 0) resolve();
    else stream.write('', () => resolve());
  });
}

/** Exits with `code` once stdout and stderr hold nothing unwritten. */
export async function exitWhenFlushed(code: number): Promise<never> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

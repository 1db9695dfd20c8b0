/**
 * A progress line for long CLI runs (a big URL file, a big feed, the seeds): on a terminal it is
 * redrawn in place on stderr — done, total and rate — at most every REDRAW_MS; when stderr is not a
 * terminal (a pipe, a file, CI) it prints nothing at all, so output stays clean for programs.
 */

/** Redraws at most this often: a terminal does not need more, and 100,000 ticks cost nothing. */
const REDRAW_MS = 100;
/** Width of the bar in characters. */
const BAR_WIDTH = 24;

export interface Progress {
  /** Counts `n` more items done (default 1). */
  tick(n?: number): void;
  /** Sets or raises the total once it is known (e.g. after a feed is parsed). */
  setTotal(total: number): void;
  /** Wipes the line so other output can be printed; the next tick draws it again. */
  clear(): void;
  /** Draws the final state and ends the line (nothing when not on a terminal). */
  done(): void;
}

/** The stream the line goes to: stderr, or any stream with the same shape (tests). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const number = (n: number) => Math.round(n).toLocaleString('en-US');

/** The text of one progress line (exported for tests). */
export function progressLine(label: string, done: number, total: number | undefined, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? `${number((done * 1000) / elapsedMs)}/s` : '';
  if (!total) return `${label} ${number(done)} ${rate}`.trimEnd();
  const share = Math.min(1, done / total);
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  return `${label} ${bar} ${number(done)}/${number(total)} ${Math.floor(share * 100)}% ${rate}`.trimEnd();
}

/** A progress line labelled `label`, e.g. "queued". */
export function progress(
  label: string,
  total?: number,
  stream: ProgressStream = process.stderr,
  now: () => number = Date.now,
): Progress {
  const started = now();
  let count = 0;
  let last = 0;
  let drawn = false;
  const draw = () => {
    const line = progressLine(label, count, total, now() - started).slice(0, Math.max(20, (stream.columns ?? 80) - 1));
    stream.write(`\r\x1b[2K${line}`);
    drawn = true;
  };
  if (!stream.isTTY)
    return { tick: () => undefined, setTotal: () => undefined, clear: () => undefined, done: () => undefined };
  return {
    tick(n = 1) {
      count += n;
      const t = now();
      if (!drawn || t - last >= REDRAW_MS) {
        last = t;
        draw();
      }
    },
    setTotal(n) {
      total = Math.max(n, total ?? 0);
    },
    clear() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
    done() {
      draw();
      if (drawn) stream.write('\n');
    },
  };
}

/** Runs `work` with a progress line labelled `label`, and ends the line however the work ends. */
export async function withProgress<T>(label: string, work: (shown: Progress) => Promise<T>): Promise<T> {
  const shown = progress(label);
  try {
    return await work(shown);
  } finally {
    shown.done();
  }
}

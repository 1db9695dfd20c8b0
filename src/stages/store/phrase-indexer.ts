/**
 * Drains `phrase_pending` (phrase-index.ts) in the background of a store process. A write's commit
 * nudges it; the drain starts once writes pause (QUIET_MS) or a while after the first nudge
 * (MAX_LAG_MS), whichever comes first, and takes a batch at a time until none is left, or until a
 * write commits meanwhile (it gives way, and starts again at the next pause). While writes
 * pour in, the pairs wait and the writes keep the database to themselves; searches meanwhile read the
 * pending articles themselves, or past PAIRS_PENDING_AT_MOST search as before the index. One drain
 * runs at a time. A failure is reported once and leaves the articles pending: nothing is lost.
 */
import { performance } from 'node:perf_hooks';
import { indexPendingPhrases, PHRASE_BATCH } from './phrase-index.js';
import type { SqlClient } from './sql-client.js';

/** A drain starts once no write has committed for this long: a burst of writes is not slowed. */
export const QUIET_MS = 250;

/**
 * … or this long after the first write it waits for, so a steady stream of writes is indexed too. A
 * burst of writes shorter than this (a backfill's minute) keeps the database's time; its pairs cost
 * ~0.45 ms of the database's CPU an article (measured at 20,000 articles, where 0.45 ms made writes
 * of two store processes 11% slower when the drain ran 5 s into them), paid after it.
 */
export const MAX_LAG_MS = 60_000;

/** After a failed drain, nudges wait this long before another try: one report, not one per write. */
export const RETRY_AFTER_MS = 30_000;

export class PhraseIndexer {
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** When the first nudge still waiting for a drain came. */
  private waitingSince: number | null = null;
  private closed = false;
  private failedAt = -Infinity;

  constructor(
    private readonly db: SqlClient,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** Asks for a drain: after QUIET_MS without another nudge, at most MAX_LAG_MS after the first. */
  nudge(): void {
    if (this.closed || performance.now() - this.failedAt < RETRY_AFTER_MS) return;
    const now = performance.now();
    this.waitingSince ??= now;
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(QUIET_MS, this.waitingSince + MAX_LAG_MS - now));
    this.timer = setTimeout(() => this.start(), wait);
    this.timer.unref();
  }

  /** Drains now, whatever the timers and writes say, and resolves when nothing is pending (tests, benchmarks). */
  async drainNow(): Promise<void> {
    await this.idle();
    this.failedAt = -Infinity;
    this.start(true);
    await this.idle();
  }

  /** Stops after the batch in progress. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle();
  }

  private async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private start(always = false): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed) return;
    if (this.running) {
      // Still draining: ask again once it is done (or has given way to writes).
      this.nudge();
      return;
    }
    this.waitingSince = null;
    this.running = this.drain(always).finally(() => (this.running = null));
  }

  /** Batches until none is left, or (unless `always`) a write commits meanwhile: the drain gives way. */
  private async drain(always: boolean): Promise<void> {
    const writing = () => this.waitingSince !== null && performance.now() - this.waitingSince < MAX_LAG_MS;
    try {
      while (!this.closed && (await indexPendingPhrases(this.db)) === PHRASE_BATCH && (always || !writing()));
    } catch (err) {
      this.failedAt = performance.now();
      this.onError(err);
    }
  }
}

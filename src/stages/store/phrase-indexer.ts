/**
 * Drains `phrase_pending` (phrase-index.ts) in the background of a store process. A write's commit
 * nudges it; the drain starts once writes pause (QUIET_MS) or a while after the first nudge
 * (MAX_LAG_MS), whichever comes first, and takes a batch at a time until none is left. While writes
 * pour in, the pairs wait and the writes keep the database to themselves; searches meanwhile read the
 * pending articles themselves, or past PAIRS_PENDING_AT_MOST search as before the index. One drain
 * runs at a time. A failure is reported once and leaves the articles pending: nothing is lost.
 */
import { performance } from 'node:perf_hooks';
import { indexPendingPhrases, PHRASE_BATCH } from './phrase-index.js';
import type { SqlClient } from './sql-client.js';

/** A drain starts once no write has committed for this long: a burst of writes is not slowed. */
export const QUIET_MS = 250;

/** … or this long after the first write it waits for, so a steady stream of writes is indexed too. */
export const MAX_LAG_MS = 5_000;

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

  /** Drains now, whatever the timers say, and resolves when nothing is pending (tests, benchmarks). */
  async drainNow(): Promise<void> {
    await this.idle();
    this.failedAt = -Infinity;
    this.start();
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

  private start(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed) return;
    if (this.running) {
      // Writes committed during this drain: their articles are taken by its next batch or the next drain.
      this.nudge();
      return;
    }
    this.waitingSince = null;
    this.running = this.drain().finally(() => (this.running = null));
  }

  private async drain(): Promise<void> {
    try {
      while (!this.closed && (await indexPendingPhrases(this.db)) === PHRASE_BATCH);
    } catch (err) {
      this.failedAt = performance.now();
      this.onError(err);
    }
  }
}

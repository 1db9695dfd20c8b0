/**
 * Group commit: writes that arrive while a transaction is running wait for it, then go together
 * in the next one. One write alone is committed at once (no timer, no added latency); many at once
 * (a store worker's concurrent jobs) share one transaction and one commit. A batch that fails is
 * tried again one write per transaction, so a bad article fails alone and the others are kept.
 */

/** Most writes in one transaction: bounds how long the story lock is held and how much is redone on failure. */
export const MAX_BATCH = 100;

interface Pending<T, R> {
  item: T;
  resolve(result: R): void;
  reject(err: unknown): void;
}

/**
 * Lets writes submitted in the same turn of the event loop join the first: jobs that finish
 * together (a batch's callers, resolved at once) submit their next writes in the microtasks that
 * follow, and without this the first would go alone and the rest wait for its commit.
 * setImmediate runs after those microtasks and before any I/O: no timer, no added latency.
 */
const joinersOfThisTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class GroupCommit<T, R> {
  private queue: Pending<T, R>[] = [];
  private running = false;

  /**
   * `writeBatch` writes items in order in one transaction and gives one result per item;
   * `writeOne` writes one item in its own transaction.
   */
  constructor(
    private readonly writeBatch: (items: T[]) => Promise<R[]>,
    private readonly writeOne: (item: T) => Promise<R>,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      await joinersOfThisTurn();
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.flush(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async flush(batch: Pending<T, R>[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const results = await this.writeBatch(batch.map((p) => p.item));
        batch.forEach((p, i) => p.resolve(results[i]!));
        return;
      } catch {
        // Fall through: each on its own, so only the write that fails reports a failure.
      }
    }
    for (const p of batch) {
      try {
        p.resolve(await this.writeOne(p.item));
      } catch (err) {
        p.reject(err);
      }
    }
  }
}

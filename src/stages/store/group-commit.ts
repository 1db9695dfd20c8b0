/**
 * Group commit: writes that arrive while a transaction is running wait for it, then go together
 * in the next one. One write alone is committed at once (no timer, no added latency); many at once
 * (a store worker's concurrent jobs) share one transaction and one commit. A batch that fails is
 * tried again one write per transaction, so a bad article fails alone and the others are kept.
 *
 * Each write is made ready (`prepare`: for an article, its fingerprint and row) by the group commit
 * itself: the writes waiting for the next transaction are prepared while the database works on
 * the current one, one per turn of the event loop, so this process's CPU and the database's
 * overlap instead of taking turns.
 */

/**
 * Most writes in one transaction by default: bounds how long the story lock is held and how much
 * is redone on failure. SQLite's: its driver runs a transaction inside this process, so nothing
 * overlaps it, and a bigger batch spreads each transaction's fixed cost (32 wrote ~14% fewer
 * articles a second there).
 */
export const MAX_BATCH = 100;

/**
 * Most writes in one transaction where a server runs it (PostgreSQL): half a store worker's default
 * 64 jobs, so its writes make two batches, one written while the other's are prepared. With one
 * batch of all 64, every job waited on the same commit and nothing was left to prepare meanwhile.
 */
export const OVERLAPPED_BATCH = 32;

interface Pending<T, P, R> {
  item: T;
  /** Set once prepared. */
  ready?: { op: P };
  resolve(result: R): void;
  reject(err: unknown): void;
}

/**
 * The end of this turn of the event loop: setImmediate runs after the turn's microtasks, with no
 * timer and no added latency, and the next turn handles replies from the database.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class GroupCommit<T, P, R> {
  private queue: Pending<T, P, R>[] = [];
  private running = false;

  /**
   * `prepare` makes an item's write ready (its CPU work, done outside the transaction); a throw
   * fails that write alone. `writeBatch` writes prepared items in order in one transaction and gives
   * one result per item; `writeOne` writes one in its own transaction.
   */
  constructor(
    private readonly prepare: (item: T) => P,
    private readonly writeBatch: (ops: P[]) => Promise<R[]>,
    private readonly writeOne: (op: P) => Promise<R>,
    private readonly maxBatch = MAX_BATCH,
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
      // Writes submitted in the same turn join the first: jobs that finish together (a batch's
      // callers, resolved at once) submit their next writes in the microtasks that follow, and
      // without this the first would go alone and the rest wait for its commit.
      await nextTurn();
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch).filter((p) => this.prepared(p));
        const writing = this.flush(batch);
        await this.prepareWhile(writing);
        await writing;
      }
    } finally {
      this.running = false;
    }
  }

  /** Prepares `p` if it is not yet; false (and its write failed) if that throws. */
  private prepared(p: Pending<T, P, R>): boolean {
    if (p.ready) return true;
    try {
      p.ready = { op: this.prepare(p.item) };
      return true;
    } catch (err) {
      p.reject(err);
      return false;
    }
  }

  /** Prepares the waiting writes one per turn until `writing` ends or none is left to prepare. */
  private async prepareWhile(writing: Promise<void>): Promise<void> {
    let done = false;
    void writing.then(() => (done = true));
    for (;;) {
      await nextTurn();
      if (done) return;
      const i = this.queue.findIndex((p) => !p.ready);
      if (i < 0) return;
      if (!this.prepared(this.queue[i]!)) this.queue.splice(i, 1);
    }
  }

  private async flush(batch: Pending<T, P, R>[]): Promise<void> {
    const op = (p: Pending<T, P, R>) => p.ready!.op;
    if (batch.length > 1) {
      try {
        const results = await this.writeBatch(batch.map(op));
        batch.forEach((p, i) => p.resolve(results[i]!));
        return;
      } catch {
        // Fall through: each on its own, so only the write that fails reports a failure.
      }
    }
    for (const p of batch) {
      try {
        p.resolve(await this.writeOne(op(p)));
      } catch (err) {
        p.reject(err);
      }
    }
  }
}

/**
 * Riding out a store outage of any length. When a job finds the store unreachable, the job goes
 * back to the delayed set without spending an attempt, this process's workers that use the store
 * stop taking jobs, and a probe asks the store every STORE_PROBE_INTERVAL_MS; when it answers, the
 * workers resume and the held jobs run. Errors that are not about reaching the store (a bad row, a
 * constraint) still fail or retry as before.
 */
import type { Job, Worker } from 'bullmq';
import type { DependencyHealth } from '../shared/dependency-health.js';
import type { Logger } from '../shared/logger.js';

/**
 * How often a paused worker asks the store whether it is back, and how long a held job waits before
 * it is due again. Short enough that work resumes within seconds of the store's return; long enough
 * that a down store sees a handful of connection attempts a minute from each process, not a storm.
 */
export const STORE_PROBE_INTERVAL_MS = 2_000;

export class StoreOutageGate {
  private readonly workers = new Set<Worker>();
  private probing: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly health: DependencyHealth,
    /** Resolves when the store answers a trivial query. */
    private readonly probe: () => Promise<unknown>,
    private readonly log: Logger,
    private readonly probeIntervalMs = STORE_PROBE_INTERVAL_MS,
  ) {}

  /** A worker whose jobs need the store: paused while it is down. */
  attach(worker: Worker): void {
    this.workers.add(worker);
  }

  /**
   * Holds a job that found the store unreachable: back to the delayed set (no attempt spent), and
   * this process's store workers pause until the probe sees the store again. The caller then throws
   * BullMQ's DelayedError.
   */
  async hold(job: Job, token: string | undefined, reason: string): Promise<void> {
    this.health.markDown('store', reason);
    this.startProbing();
    await job.moveToDelayed(Date.now() + this.probeIntervalMs, token);
  }

  /** Stops probing (the process is shutting down). */
  close(): void {
    this.closed = true;
    clearTimeout(this.probing);
    this.probing = undefined;
  }

  private startProbing(): void {
    if (this.probing || this.closed) return;
    for (const w of this.workers) void w.pause(true);
    this.log.info(
      { workers: [...this.workers].map((w) => w.name), probeEveryMs: this.probeIntervalMs },
      'store workers paused until the store answers',
    );
    const tick = () => {
      this.probe().then(
        () => {
          this.probing = undefined;
          if (this.closed) return;
          this.health.markUp('store');
          for (const w of this.workers) if (!w.closing) void w.resume();
        },
        (err: unknown) => {
          if (this.closed) return;
          this.log.debug({ err: err instanceof Error ? err.message : String(err) }, 'store still unreachable');
          this.probing = setTimeout(tick, this.probeIntervalMs);
        },
      );
    };
    this.probing = setTimeout(tick, this.probeIntervalMs);
  }
}

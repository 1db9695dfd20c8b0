/**
 * A group of stage workers in one process, with graceful shutdown: on SIGINT/SIGTERM the workers
 * stop taking jobs, active jobs get SHUTDOWN_TIMEOUT_MS to finish (then their signals are aborted
 * and they are left for another worker to retry), connections close, and the process exits 0.
 */
import type { Worker } from 'bullmq';
import type { Stage } from '../shared/config.js';
import { FEED_QUEUE } from '../shared/contracts.js';
import type { FeedService } from '../pipeline/feed-service.js';
import type { Runtime } from '../runtime/runtime.js';
import { createFeedWorker, registerFeedsFile } from './feed-worker.js';
import { createAlertWorkers } from './alert-workers.js';
import { createPruneWorker } from './prune-worker.js';
import { createStageWorker } from './stage-worker.js';
import { StoreOutageGate } from './store-outage.js';

/** What a worker process can run: a pipeline stage, the feed poller, or the watch workers. */
export type WorkerName = Stage | typeof FEED_QUEUE | typeof ALERTS;

/** The worker name of the watch workers (matching, digests, deliveries). */
export const ALERTS = 'alerts';

/** Extra time after aborting active jobs for them to unwind before the process stops waiting. */
const ABORT_GRACE_MS = 3_000;

export class WorkerGroup {
  readonly workers: Worker[];
  private readonly feeds: FeedService | undefined;
  private readonly outage: StoreOutageGate;
  private stopping: Promise<void> | undefined;
  private readonly prune: ReturnType<typeof createPruneWorker>;
  private alerts: ReturnType<typeof createAlertWorkers> | undefined;

  constructor(
    private readonly rt: Runtime,
    names: readonly WorkerName[],
  ) {
    // The probe is a primary-key lookup: the cheapest query that proves the store answers.
    this.outage = new StoreOutageGate(rt.health, async () => (await rt.store()).status('store-probe'), rt.log);
    const deps = {
      config: rt.config,
      connection: rt.redis,
      log: rt.log,
      queues: rt.queues,
      store: rt.store,
      outage: this.outage,
    };
    this.workers = [];
    for (const name of names) {
      if (name === FEED_QUEUE) {
        const { worker, feeds } = createFeedWorker(deps);
        this.workers.push(worker);
        this.feeds = feeds;
      } else if (name === ALERTS) {
        this.alerts = createAlertWorkers({ ...deps, alerts: rt.queues.alerts });
        this.workers.push(...this.alerts.workers);
      } else {
        this.workers.push(createStageWorker(name, deps));
      }
    }
    this.prune = names.includes('store') ? createPruneWorker(deps) : null;
    if (this.prune) this.workers.push(this.prune.worker);
  }

  /** Starts taking jobs (and, with the feed poller, registers the feeds file's feeds). */
  async start(): Promise<void> {
    if (this.feeds) await registerFeedsFile(this.feeds, this.rt.config.feedsFile, this.rt.log);
    await this.prune?.schedule();
    await this.alerts
      ?.syncSchedules()
      .catch((err: unknown) =>
        this.rt.log.warn(
          { err: String(err) },
          'digest schedules and held-delivery probes not synced; the store did not answer',
        ),
      );
    for (const w of this.workers) {
      w.run().catch((err: unknown) => this.rt.log.error({ queue: w.name, err: String(err) }, 'worker stopped'));
    }
    this.rt.log.info(
      { stages: this.workers.map((w) => w.name), prefix: this.rt.config.queuePrefix },
      'workers started',
    );
  }

  /** Waits for the workers to be connected and listening (used by tests and the bench). */
  async ready(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  /** Stops taking jobs and lets active ones finish within the shutdown bound. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const { shutdownTimeoutMs } = this.rt.config;
      this.outage.close();
      const closing = Promise.all(this.workers.map((w) => w.close()));
      const timer = setTimeout(() => {
        this.rt.log.warn({ shutdownTimeoutMs }, 'active jobs did not finish in time; aborting them');
        for (const w of this.workers) w.cancelAllJobs('worker shutting down');
      }, shutdownTimeoutMs);
      await Promise.race([closing, new Promise((r) => setTimeout(r, shutdownTimeoutMs + ABORT_GRACE_MS).unref())]);
      clearTimeout(timer);
    })();
    return this.stopping;
  }
}

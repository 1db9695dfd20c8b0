/**
 * A group of stage workers in one process, with graceful shutdown: on SIGINT/SIGTERM the workers
 * stop taking jobs, active jobs get SHUTDOWN_TIMEOUT_MS to finish (then their signals are aborted
 * and they are left for another worker to retry), connections close, and the process exits 0.
 */
import type { Worker } from 'bullmq';
import type { Stage } from '../shared/config.js';
import { FEED_QUEUE } from '../jobs/poll-feed-job.js';
import type { FeedService } from '../pipeline/feed-service.js';
import type { Runtime } from './runtime.js';
import { createFeedWorker, registerFeedsFile } from './feed-worker.js';
import { createPruneWorker } from './prune-worker.js';
import { createStageWorker } from './stage-worker.js';

/** What a worker process can run: a pipeline stage, or the feed poller. */
export type WorkerName = Stage | typeof FEED_QUEUE;

/** Extra time after aborting active jobs for them to unwind before the process stops waiting. */
const ABORT_GRACE_MS = 3_000;

export class WorkerGroup {
  readonly workers: Worker[];
  private readonly feeds: FeedService | undefined;
  private stopping: Promise<void> | undefined;
  private readonly prune: ReturnType<typeof createPruneWorker>;

  constructor(
    private readonly rt: Runtime,
    names: readonly WorkerName[],
  ) {
    const deps = { config: rt.config, connection: rt.redis, log: rt.log, queues: rt.queues, store: rt.store };
    this.workers = [];
    for (const name of names) {
      if (name === FEED_QUEUE) {
        const { worker, feeds } = createFeedWorker(deps);
        this.workers.push(worker);
        this.feeds = feeds;
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
    for (const w of this.workers) {
      w.run().catch((err: unknown) => this.rt.log.error({ queue: w.name, err: String(err) }, 'worker stopped'));
    }
    this.rt.log.info({ stages: this.workers.map((w) => w.name), prefix: this.rt.config.queuePrefix }, 'workers started');
  }

  /** Waits for the workers to be connected and listening (used by tests and the bench). */
  async ready(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  /** Stops taking jobs and lets active ones finish within the shutdown bound. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const { shutdownTimeoutMs } = this.rt.config;
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

/** Runs `stop` on SIGINT/SIGTERM, then `close`, then exits 0; a second signal exits at once. */
export function onShutdownSignal(log: Runtime['log'], stop: () => Promise<void>): void {
  let signalled = false;
  const handler = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    log.info({ signal }, 'shutting down');
    stop()
      .then(() => {
        log.info('stopped');
        process.exit(0);
      })
      .catch((err: unknown) => {
        log.error({ err: String(err) }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

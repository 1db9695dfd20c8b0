/**
 * The worker that polls feeds: takes the `feeds` queue's scheduled polls and queues each feed's new
 * items for fetching. At start it registers the feeds listed in FEEDS_FILE, if that file exists.
 */
import { existsSync } from 'node:fs';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { DeferError, PermanentError } from '../shared/errors/index.js';
import { FeedService } from '../pipeline/feed-service.js';
import { describeIssues } from '../pipeline/describe-issues.js';
import { FEED_QUEUE, FeedPollSchema } from '../shared/contracts.js';
import { loadFeedsFile } from '../stages/feeds/feeds-file.js';
import type { StageWorkerDeps } from './stage-worker.js';
import { workerErrorLogger } from './worker-errors.js';

/** Polls that may run at once in one process: each waits on a feed's server, not on the CPU. */
const FEED_CONCURRENCY = 4;

export function createFeedWorker(deps: StageWorkerDeps): { worker: Worker; feeds: FeedService } {
  const { config, connection, log } = deps;
  const abort = new AbortController();
  const feeds = new FeedService(connection, config, deps.queues, deps.store, abort.signal);
  const processor = async (job: Job, token?: string) => {
    const started = performance.now();
    const parsed = FeedPollSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid ${FEED_QUEUE} payload: ${describeIssues(parsed.error)}`);
    const feedUrl = parsed.data.feedUrl;
    try {
      const report = await feeds.poll(feedUrl);
      deps.queues.durations.observe(FEED_QUEUE, 'done', (performance.now() - started) / 1000);
      log.info(
        {
          queue: FEED_QUEUE,
          jobId: job.id,
          feedUrl,
          ms: Math.round(performance.now() - started),
          outcome: report.outcome,
          items: report.totalItems,
          queued: report.queued.length,
        },
        'feed polled',
      );
      return { outcome: report.outcome, queued: report.queued.length };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (err instanceof DeferError) {
        await job.moveToDelayed(Date.now() + err.retryAfterMs, token);
        throw new DelayedError();
      }
      deps.queues.durations.observe(FEED_QUEUE, 'failed', (performance.now() - started) / 1000);
      log.warn({ queue: FEED_QUEUE, jobId: job.id, feedUrl, reason }, 'feed poll failed');
      throw err instanceof PermanentError ? new UnrecoverableError(reason) : err;
    }
  };
  const worker = new Worker(FEED_QUEUE, processor, {
    connection,
    prefix: config.queuePrefix,
    concurrency: FEED_CONCURRENCY,
    autorun: false,
  });
  worker.on('error', workerErrorLogger(log, FEED_QUEUE));
  worker.on('closing', () => abort.abort());
  return { worker, feeds };
}

/** Registers (or updates) the feeds a feeds file lists; a missing file is no error. */
export async function registerFeedsFile(feeds: FeedService, path: string, log: StageWorkerDeps['log']): Promise<void> {
  if (!existsSync(path)) return;
  const specs = await loadFeedsFile(path);
  for (const spec of specs) await feeds.add(spec.url, spec.everyMs);
  log.info({ file: path, feeds: specs.length }, 'feeds file loaded');
}

/**
 * How long each stage takes, as a prom-client histogram observed by the workers as each job ends.
 * Workers run in many processes and /metrics is served by one, so each process keeps its histogram
 * and writes a snapshot of it to Redis (a second after an observation, every minute while alive, and
 * when it closes); /metrics sums every live process's snapshot (prom-client's aggregation). A process
 * that stops leaves its snapshot for SNAPSHOT_TTL_MS, after which its counts leave the sums, as a
 * counter reset does. The snapshots are found through an index (a sorted set of snapshot keys by
 * expiry), not SCAN, which on a Redis Cluster would look at one node only.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { RedisClient } from '../shared/redis.js';
import { AggregatorRegistry, Histogram, Registry } from 'prom-client';

export const STAGE_DURATION_METRIC = 'parley_stage_duration_seconds';

/** Bucket bounds in seconds: a clean of plain text takes a millisecond, a slow fetch half a minute. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Observations within this delay go to Redis in one write. */
const PUBLISH_DELAY_MS = 1_000;
/** A live process rewrites its snapshot this often, so it does not expire between jobs. */
const REFRESH_MS = 60_000;
/** A snapshot not rewritten for this long belongs to a process that is gone. */
const SNAPSHOT_TTL_MS = 5 * 60_000;

/** How a job ended: handed on or stored (`done`), or an attempt that failed. */
export type JobResultLabel = 'done' | 'failed';

export class StageDurations {
  private readonly registry = new Registry();
  private readonly histogram: Histogram<'stage' | 'result'>;
  private readonly key: string;
  private readonly index: string;
  private pending: NodeJS.Timeout | undefined;
  private refresh: NodeJS.Timeout | undefined;
  private observed = false;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.histogram = new Histogram({
      name: STAGE_DURATION_METRIC,
      help: 'Processing time of each stage job, observed by the worker as the job ends (result: done or failed)',
      labelNames: ['stage', 'result'],
      buckets: BUCKETS,
      registers: [this.registry],
    });
    this.index = `${prefix}:metrics:stage-durations`;
    this.key = `${this.index}:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  /** Records one job's processing time. */
  observe(stage: string, result: JobResultLabel, seconds: number): void {
    this.histogram.observe({ stage, result }, seconds);
    this.observed = true;
    this.pending ??= setTimeout(() => {
      this.pending = undefined;
      void this.publish();
    }, PUBLISH_DELAY_MS).unref();
    this.refresh ??= setInterval(() => void this.publish(), REFRESH_MS).unref();
  }

  /** Writes this process's snapshot (a lost write is made up by the next). */
  async publish(): Promise<void> {
    if (!this.observed) return;
    const snapshot = JSON.stringify(await this.registry.getMetricsAsJSON());
    const expiresAt = Date.now() + SNAPSHOT_TTL_MS;
    await this.redis.set(this.key, snapshot, 'PX', SNAPSHOT_TTL_MS).catch(() => undefined);
    await this.redis.zadd(this.index, expiresAt, this.key).catch(() => undefined);
  }

  /** Stops the timers and writes the last snapshot. */
  async close(): Promise<void> {
    clearTimeout(this.pending);
    clearInterval(this.refresh);
    this.pending = this.refresh = undefined;
    await this.publish();
  }

  /** Every live process's histogram, summed, as a registry /metrics can merge. */
  async collect(): Promise<Registry> {
    const now = Date.now();
    await this.redis.zremrangebyscore(this.index, '-inf', now);
    const keys = await this.redis.zrangebyscore(this.index, now, '+inf');
    // One GET each, not MGET: the keys share a slot only when the prefix has a hash tag.
    const values = await Promise.all(keys.map((k) => this.redis.get(k)));
    const snapshots = values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as object);
    return AggregatorRegistry.aggregate(snapshots);
  }
}

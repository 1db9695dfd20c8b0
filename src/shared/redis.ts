/**
 * Redis connections. Workers need `maxRetriesPerRequest: null` so a blocking command waits for a
 * reconnect instead of failing; short-lived programs (enqueue, the dashboard's checks) should
 * instead hear quickly that Redis is down.
 */
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { DependencyHealth } from './dependency-health.js';
import { RedisUnavailableError } from './errors/index.js';
import type { Logger } from './logger.js';

/** A single Redis or a Redis Cluster: the commands Parley uses are the same on both. */
export type RedisClient = Redis | Cluster;

/** Where Parley's Redis is: a URL, or a cluster's seed nodes (REDIS_CLUSTER_NODES). */
export interface RedisTarget {
  redisUrl: string;
  redisClusterNodes?: { host: string; port: number }[];
}

/** The target as a log line or an error message shows it (no password). */
export function describeRedis(target: RedisTarget): string {
  return target.redisClusterNodes
    ? `Redis Cluster ${target.redisClusterNodes.map((n) => `${n.host}:${n.port}`).join(',')}`
    : redactUrl(target.redisUrl);
}

/**
 * Opens the configured Redis: ioredis's Cluster client when cluster nodes are given (it follows
 * MOVED/ASK redirections and learns the slot map), else one connection to REDIS_URL. The password
 * and TLS of REDIS_URL, if any, apply to every cluster node.
 */
export function createRedisClient(
  target: RedisTarget,
  log?: Logger,
  extra: RedisOptions = {},
  health = new DependencyHealth(log),
): RedisClient {
  if (!target.redisClusterNodes) return createRedis(target.redisUrl, log, extra, health);
  const fromUrl = new URL(target.redisUrl);
  const cluster = new Cluster(target.redisClusterNodes, {
    lazyConnect: true,
    redisOptions: {
      maxRetriesPerRequest: null,
      ...(fromUrl.password ? { password: decodeURIComponent(fromUrl.password) } : {}),
      ...(fromUrl.username ? { username: decodeURIComponent(fromUrl.username) } : {}),
      ...(fromUrl.protocol === 'rediss:' ? { tls: {} } : {}),
      ...extra,
    },
  });
  watchHealth(cluster, describeRedis(target), health);
  return cluster;
}

/** How long start-up waits for Redis before saying it cannot be reached. */
export const REDIS_CONNECT_TIMEOUT_MS = 5_000;

/** Shows a Redis URL without its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.href.replace(/\/$/, '');
  } catch {
    return url;
  }
}

/**
 * Opens a connection suitable for BullMQ workers and queues. While Redis is down the connection
 * keeps retrying; `health` (one per process) hears of it, which logs one warning when the
 * connection is lost and one line when it is back, not a line per reconnect attempt.
 */
export function createRedis(
  url: string,
  log?: Logger,
  extra: RedisOptions = {},
  health = new DependencyHealth(log),
): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, ...extra });
  watchHealth(redis, redactUrl(url), health);
  return redis;
}

function watchHealth(redis: RedisClient, label: string, health: DependencyHealth): void {
  let connectedOnce = false;
  redis.on('error', (err: Error) => {
    // Before the first connection, start-up (connectRedis) reports the failure in one line itself.
    if (connectedOnce) health.markDown('redis', `${label}: ${err.message}`);
  });
  // 'reconnecting', not 'close': a connection closed on purpose (quit at shutdown) is no outage.
  redis.on('reconnecting', () => {
    if (connectedOnce) health.markDown('redis', `${label}: connection lost`);
  });
  redis.on('ready', () => {
    connectedOnce = true;
    health.markUp('redis');
  });
}

/**
 * Connects and pings, or throws RedisUnavailableError within `timeoutMs` naming the URL and cause.
 * The connection keeps retrying in the background after a failure unless the caller quits it.
 */
export async function connectRedis(
  redis: RedisClient,
  url: string | RedisTarget,
  timeoutMs = REDIS_CONNECT_TIMEOUT_MS,
): Promise<void> {
  const label = typeof url === 'string' ? redactUrl(url) : describeRedis(url);
  let lastError = 'no answer';
  const onError = (err: Error) => {
    lastError = err.message || (err as NodeJS.ErrnoException).code || String(err);
  };
  redis.on('error', onError);
  try {
    const ping = (async () => {
      if (redis.status === 'wait') await redis.connect().catch(onError);
      await redis.ping();
    })();
    const timeout = new Promise<never>((_, reject) => {
      const t = setTimeout(
        () => reject(new RedisUnavailableError(`cannot reach Redis at ${label}: ${lastError}`)),
        timeoutMs,
      );
      t.unref();
    });
    await Promise.race([ping, timeout]);
  } finally {
    redis.off('error', onError);
  }
}

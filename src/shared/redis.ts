/**
 * Redis connections. Workers need `maxRetriesPerRequest: null` so a blocking command waits for a
 * reconnect instead of failing; short-lived programs (enqueue, the dashboard's checks) should
 * instead hear quickly that Redis is down.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { RedisUnavailableError } from './errors/index.js';
import type { Logger } from './logger.js';

/** How long start-up waits for Redis before saying it cannot be reached. */
export const REDIS_CONNECT_TIMEOUT_MS = 5_000;

/** Minimum gap between two "Redis connection error" log lines, so an outage does not flood the log. */
const ERROR_LOG_INTERVAL_MS = 10_000;

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

/** Opens a connection suitable for BullMQ workers and queues; logs (rate-limited) while Redis is down. */
export function createRedis(url: string, log?: Logger, extra: RedisOptions = {}): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, ...extra });
  let lastLogged = 0;
  redis.on('error', (err: Error) => {
    const now = Date.now();
    if (log && now - lastLogged > ERROR_LOG_INTERVAL_MS) {
      lastLogged = now;
      log.warn({ redis: redactUrl(url), err: err.message }, 'Redis connection error; retrying');
    }
  });
  return redis;
}

/**
 * Connects and pings, or throws RedisUnavailableError within `timeoutMs` naming the URL and cause.
 * The connection keeps retrying in the background after a failure unless the caller quits it.
 */
export async function connectRedis(redis: Redis, url: string, timeoutMs = REDIS_CONNECT_TIMEOUT_MS): Promise<void> {
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
        () => reject(new RedisUnavailableError(`cannot reach Redis at ${redactUrl(url)}: ${lastError}`)),
        timeoutMs,
      );
      t.unref();
    });
    await Promise.race([ping, timeout]);
  } finally {
    redis.off('error', onError);
  }
}

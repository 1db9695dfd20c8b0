/**
 * The fetch stage's settings and politeness, built once per process from Parley's configuration:
 * robots.txt and the per-host gate share their state across processes through Redis.
 */
import type { RedisClient } from '../../shared/redis.js';
import type { Config } from '../../shared/config.js';
import type { FetchOptions } from './http-fetch.js';
import { HostGate } from './host-gate.js';
import type { Politeness } from './polite-fetch.js';
import { RobotsPolicy } from './robots.js';

/** FetchOptions from the configuration (the caller adds its signal). */
export function fetchOptionsFrom(config: Config): FetchOptions {
  return {
    userAgent: config.fetch.userAgent,
    allowPrivate: config.fetch.allowPrivate,
    allowLinkLocal: config.fetch.allowLinkLocal,
    maxBodyBytes: config.fetch.maxBodyBytes,
    bodyTimeoutMs: config.fetch.timeoutMs,
  };
}

const cache = new WeakMap<RedisClient, Politeness>();

/** The process's robots policy and host gate on this Redis connection (made on first use). */
export function politenessFor(redis: RedisClient, config: Config): Politeness {
  let p = cache.get(redis);
  if (!p) {
    const keyPrefix = `${config.queuePrefix}:`;
    p = {
      robots: config.fetch.robots
        ? new RobotsPolicy({ fetchOptions: fetchOptionsFrom(config), redis, keyPrefix })
        : undefined,
      hostGate: new HostGate({ redis, keyPrefix, defaults: config.fetch.hostLimits, perHost: config.fetch.perHost }),
    };
    cache.set(redis, p);
  }
  return p;
}

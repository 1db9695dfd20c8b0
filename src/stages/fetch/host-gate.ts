/**
 * A per-host politeness gate shared by every worker process through Redis: at most
 * `concurrency` requests in flight per host and at least `minIntervalMs` between the start of
 * one request and the next (and after each release). Each holder has a lease that expires, so a
 * crashed worker cannot block a host for longer than `leaseMs`. Busy hosts answer with how long
 * to wait, so the job can be delayed rather than failed.
 */
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../../shared/redis.js';

/** Limits for one host. */
export interface HostLimits {
  /** Requests in flight at once. */
  concurrency: number;
  /** Milliseconds between request starts (and after a request ends). */
  minIntervalMs: number;
}

/** Default: one request at a time and a second between requests — polite for any news site. */
export const DEFAULT_HOST_LIMITS: HostLimits = { concurrency: 1, minIntervalMs: 1_000 };
/** A lease outlives the longest fetch (connect + headers + body timeouts ≈ 60 s by default). */
export const DEFAULT_LEASE_MS = 120_000;
/** Shortest wait suggested for a busy host, so pollers do not spin on Redis. */
const MIN_RETRY_MS = 250;

/** Settings for HostGate. */
export interface HostGateOptions {
  redis: RedisClient;
  /** Prefix for the gate's keys, e.g. "parley:". */
  keyPrefix: string;
  defaults?: Partial<HostLimits>;
  /** Per-host overrides keyed by host name (lower case), e.g. { "tass.com": { minIntervalMs: 3000 } }. */
  perHost?: Readonly<Record<string, Partial<HostLimits>>>;
  leaseMs?: number;
}

/** Result of tryAcquire. */
export type HostSlot = { ok: true; release(): Promise<void> } | { ok: false; retryInMs: number };

// KEYS: leases (zset token → lease expiry), next (earliest next start), queue (latest time handed
// to a waiter). ARGV: token, concurrency, minIntervalMs, leaseMs, minRetryMs. Uses the server
// clock so processes need not agree on time. A caller turned away gets its own turn one spacing
// after the previous waiter's, so a burst of jobs for one host (a feed's 30 new items) comes back
// spread out instead of all retrying at once.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local concurrency, interval, lease, minRetry = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
local busy = nextAt > now or redis.call('ZCARD', KEYS[1]) >= concurrency
if busy then
  local spacing = math.max(interval, minRetry) / concurrency
  local earliest = math.max(nextAt, now)
  if nextAt <= now then
    local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    earliest = math.min(tonumber(first[2]), now + spacing)
  end
  local queued = tonumber(redis.call('GET', KEYS[3]) or '0')
  local turn = math.max(earliest, queued + spacing)
  redis.call('SET', KEYS[3], turn, 'PX', math.max(math.ceil(turn - now), 1))
  return {0, math.max(math.ceil(turn - now), 1)}
end
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease)
if interval > 0 then redis.call('SET', KEYS[2], now + interval, 'PX', interval) end
return {1, 0}
`;

// KEYS as above. ARGV: token, minIntervalMs. Spacing also counts from the end of a request.
const RELEASE = `
redis.call('ZREM', KEYS[1], ARGV[1])
local interval = tonumber(ARGV[2])
if interval > 0 then
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  local nextAt = math.max(tonumber(redis.call('GET', KEYS[2]) or '0'), now + interval)
  redis.call('SET', KEYS[2], nextAt, 'PX', nextAt - now)
end
return 1
`;

/** The per-host gate. One instance per process is enough; it holds no local state. */
export class HostGate {
  constructor(private readonly options: HostGateOptions) {}

  /** The limits that apply to `host`. */
  limitsFor(host: string): HostLimits {
    return { ...DEFAULT_HOST_LIMITS, ...this.options.defaults, ...this.options.perHost?.[host.toLowerCase()] };
  }

  /**
   * Takes a slot for `host` (a host name or a URL) if its limits allow now; otherwise says how
   * many milliseconds to wait. Call `release()` when the request is over (also on failure).
   * `atLeast.minIntervalMs` raises the spacing for this request (a robots.txt Crawl-delay).
   */
  async tryAcquire(hostOrUrl: string, atLeast: { minIntervalMs?: number } = {}): Promise<HostSlot> {
    const host = hostOf(hostOrUrl);
    const configured = this.limitsFor(host);
    const limits = { ...configured, minIntervalMs: Math.max(configured.minIntervalMs, atLeast.minIntervalMs ?? 0) };
    const keys = this.keys(host);
    const token = randomUUID();
    const [ok, wait] = (await this.options.redis.eval(
      ACQUIRE,
      3,
      keys[0],
      keys[1],
      keys[2],
      token,
      limits.concurrency,
      limits.minIntervalMs,
      this.options.leaseMs ?? DEFAULT_LEASE_MS,
      MIN_RETRY_MS,
    )) as [number, number];
    if (ok !== 1) return { ok: false, retryInMs: wait };
    let released = false;
    return {
      ok: true,
      release: async () => {
        if (released) return;
        released = true;
        await this.options.redis.eval(RELEASE, 2, keys[0], keys[1], token, limits.minIntervalMs);
      },
    };
  }

  private keys(host: string): [string, string, string] {
    // The {host} hash tag keeps the keys in one Redis Cluster slot, as a script requires.
    const base = `${this.options.keyPrefix}host:{${host}}`;
    return [`${base}:leases`, `${base}:next`, `${base}:queue`];
  }
}

function hostOf(hostOrUrl: string): string {
  return (hostOrUrl.includes('://') ? new URL(hostOrUrl).hostname : hostOrUrl).toLowerCase();
}

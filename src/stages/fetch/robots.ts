/**
 * robots.txt, honoured for Parley's user agent (RFC 9309). Rules are cached per origin in
 * process and, when a Redis client is given, across processes. A missing robots.txt (4xx) allows
 * everything; an unreachable one (5xx, 429, a broken connection) disallows everything for a while —
 * unless an older copy is known, which then keeps applying. A host that cannot be reached at all
 * (not found, refused, unreachable) is reported as such, for the page asked for, and not cached:
 * the next attempt asks again.
 */
import type { RedisClient } from '../../shared/redis.js';
import robotsParserModule from 'robots-parser';
import { PermanentError } from '../../shared/errors/index.js';
import { FetchErrorCode as Code, HOST_DOWN_CODES, fetchError, fetchErrorCode, hasFetchCode } from './fetch-errors.js';
import { fetchPage, type FetchOptions } from './http-fetch.js';

/** How long fetched rules are trusted; RFC 9309 §2.4: SHOULD NOT use a cached copy for more than 24 h. */
export const DEFAULT_ROBOTS_TTL_MS = 24 * 60 * 60 * 1000;
/** How long an unreachable robots.txt blocks the host before we ask again. */
export const DEFAULT_UNREACHABLE_TTL_MS = 5 * 60 * 1000;
/** Longest Crawl-delay honoured: some sites ask for hours, which would starve a news pipeline;
 * a minute between requests is already very gentle. */
export const MAX_CRAWL_DELAY_MS = 60_000;
/** Origins whose rules are kept in process; beyond this the oldest are dropped (Redis still has them). */
const MAX_CACHED_ORIGINS = 10_000;
/** RFC 9309 §2.5: crawlers must parse at least 500 KiB; more is not read. */
const ROBOTS_MAX_BYTES = 500 * 1024;
/** RFC 9309 §2.3.1.2: follow at least five consecutive redirects. */
const ROBOTS_MAX_REDIRECTS = 5;

type Verdict = { kind: 'rules'; body: string } | { kind: 'allow-all' } | { kind: 'unreachable'; reason: string };
interface CacheEntry {
  verdict: Verdict;
  expiresAt: number;
  /** The last verdict that was not 'unreachable', kept past expiry for outages. */
  lastKnown?: Verdict;
}

/** Settings for RobotsPolicy. */
export interface RobotsOptions {
  /** How robots.txt itself is fetched (user agent, address policy, timeouts). */
  fetchOptions: FetchOptions;
  /** Product token matched against User-agent lines; default: the user agent up to '/' or space. */
  agentToken?: string;
  ttlMs?: number;
  unreachableTtlMs?: number;
  /** Shares fetched rules between processes. */
  redis?: RedisClient;
  /** Redis key prefix, e.g. "parley:"; keys are `${keyPrefix}robots:${origin}`. */
  keyPrefix?: string;
  now?: () => number;
}

const PRODUCT_TOKEN = /^[^\s/]+/;

/** robots-parser is CommonJS (`module.exports = fn`) but its types declare an ES default export. */
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** Decides whether a URL may be fetched according to its site's robots.txt. */
export class RobotsPolicy {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, Promise<CacheEntry>>();
  private readonly token: string;
  private readonly now: () => number;

  constructor(private readonly options: RobotsOptions) {
    this.token = options.agentToken ?? PRODUCT_TOKEN.exec(options.fetchOptions.userAgent)?.[0] ?? '*';
    this.now = options.now ?? Date.now;
  }

  /**
   * Resolves when `url` may be fetched. Throws robots-disallowed (permanent) when robots.txt forbids
   * it, robots-unreachable (retryable, with retryAfterMs) while robots.txt answers 5xx or 429, and the
   * host's own error (host-not-found, connection-refused …) when the host cannot be reached.
   */
  async check(url: string | URL): Promise<void> {
    const target = new URL(url);
    const entry = await this.entryFor(target.origin).catch((error: unknown) => {
      // An address refused for robots.txt is refused for the page: say so of the page asked for.
      if (hasFetchCode(error, Code.RefusedAddress)) {
        throw fetchError(
          Code.RefusedAddress,
          (error as Error).message.replace(`${target.origin}/robots.txt`, target.href),
        );
      }
      throw error;
    });
    const verdict = entry.verdict.kind === 'unreachable' && entry.lastKnown ? entry.lastKnown : entry.verdict;
    if (verdict.kind === 'allow-all') return;
    if (verdict.kind === 'unreachable') {
      const wait = Math.max(entry.expiresAt - this.now(), 0);
      throw fetchError(
        Code.RobotsUnreachable,
        `cannot read ${target.origin}/robots.txt (${verdict.reason}); not fetching ${target.href} meanwhile`,
        { retryAfterMs: wait },
      );
    }
    const robots = robotsParser(`${target.origin}/robots.txt`, verdict.body);
    if (robots.isAllowed(target.href, this.token) === false) {
      throw fetchError(
        Code.RobotsDisallowed,
        `robots.txt of ${target.origin} disallows ${target.href} for ${this.token}`,
      );
    }
  }

  /**
   * The Crawl-delay robots.txt asks of our token for `url`'s site, in milliseconds, capped at
   * MAX_CRAWL_DELAY_MS; undefined when it names none or robots.txt is not known (yet).
   */
  async crawlDelayMs(url: string | URL): Promise<number | undefined> {
    const target = new URL(url);
    const entry = await this.entryFor(target.origin);
    const verdict = entry.verdict.kind === 'unreachable' ? entry.lastKnown : entry.verdict;
    if (verdict?.kind !== 'rules') return undefined;
    const seconds = robotsParser(`${target.origin}/robots.txt`, verdict.body).getCrawlDelay(this.token);
    return seconds === undefined || !(seconds >= 0) ? undefined : Math.min(seconds * 1000, MAX_CRAWL_DELAY_MS);
  }

  /** True when `url` may be fetched now (unreachable robots.txt counts as not allowed). */
  async isAllowed(url: string | URL): Promise<boolean> {
    try {
      await this.check(url);
      return true;
    } catch (error) {
      if (hasFetchCode(error, Code.RobotsDisallowed, Code.RobotsUnreachable)) return false;
      throw error;
    }
  }

  private async entryFor(origin: string): Promise<CacheEntry> {
    const cached = this.cache.get(origin);
    if (cached && cached.expiresAt > this.now()) return cached;
    let pending = this.inFlight.get(origin);
    if (!pending) {
      pending = this.refresh(origin, cached).finally(() => this.inFlight.delete(origin));
      this.inFlight.set(origin, pending);
    }
    return pending;
  }

  private async refresh(origin: string, previous: CacheEntry | undefined): Promise<CacheEntry> {
    const shared = await this.readShared(origin);
    if (shared && shared.expiresAt > this.now()) {
      const entry = { ...shared, lastKnown: shared.lastKnown ?? previous?.lastKnown };
      this.remember(origin, entry);
      return entry;
    }
    const verdict = await this.download(origin);
    const ttl =
      verdict.kind === 'unreachable'
        ? (this.options.unreachableTtlMs ?? DEFAULT_UNREACHABLE_TTL_MS)
        : (this.options.ttlMs ?? DEFAULT_ROBOTS_TTL_MS);
    const lastKnown = verdict.kind === 'unreachable' ? (previous?.lastKnown ?? shared?.lastKnown) : verdict;
    const entry: CacheEntry = { verdict, expiresAt: this.now() + ttl, ...(lastKnown ? { lastKnown } : {}) };
    this.remember(origin, entry);
    await this.writeShared(origin, entry, ttl);
    return entry;
  }

  private remember(origin: string, entry: CacheEntry): void {
    this.cache.delete(origin); // re-insert so Map order is least recently refreshed first
    this.cache.set(origin, entry);
    if (this.cache.size > MAX_CACHED_ORIGINS) this.cache.delete(this.cache.keys().next().value!);
  }

  private async download(origin: string): Promise<Verdict> {
    try {
      const page = await fetchPage(`${origin}/robots.txt`, {
        ...this.options.fetchOptions,
        accept: 'any',
        maxBodyBytes: ROBOTS_MAX_BYTES,
        maxRedirects: ROBOTS_MAX_REDIRECTS,
        conditional: undefined,
        beforeRequest: undefined,
      });
      return { kind: 'rules', body: page.body };
    } catch (error) {
      const code = fetchErrorCode(error);
      // The host itself is down: that is the page's failure too, said as such, and asked again next time.
      if (code === Code.RefusedAddress || (code !== undefined && HOST_DOWN_CODES.has(code))) throw error;
      // 4xx other than 429, too many redirects, an oversized or odd file: "unavailable" → allow (§2.3.1.3).
      if (error instanceof PermanentError) return { kind: 'allow-all' };
      // 5xx, 429, timeouts, network errors: "unreachable" → complete disallow for now (§2.3.1.4).
      return { kind: 'unreachable', reason: (error as Error).message };
    }
  }

  private key(origin: string): string {
    return `${this.options.keyPrefix ?? ''}robots:${origin}`;
  }

  private async readShared(origin: string): Promise<CacheEntry | null> {
    if (!this.options.redis) return null;
    const raw = await this.options.redis.get(this.key(origin));
    return raw ? (JSON.parse(raw) as CacheEntry) : null;
  }

  private async writeShared(origin: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    // Kept in Redis a week beyond expiry so another process still finds `lastKnown` during an outage.
    await this.options.redis?.set(this.key(origin), JSON.stringify(entry), 'PX', ttlMs + STALE_KEEP_MS);
  }
}

/** How long an expired robots entry stays in Redis to serve as the last known copy. */
const STALE_KEEP_MS = 7 * 24 * 60 * 60 * 1000;

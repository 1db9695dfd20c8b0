/**
 * Parley's configuration: read once from the environment, validated with zod. A bad value stops
 * start-up with a message naming the variable; nothing else in Parley reads process.env.
 */
import { z } from 'zod';
import { EXIT_CODES } from './errors/startup-error.js';

/**
 * Per-worker concurrency default: fetch waits on the network, so it can run many at once; store
 * jobs wait on the store, and those that run at once share one transaction (group-commit.ts), so
 * more of them write faster: 64 at once write about twice as many articles per second into
 * PostgreSQL as 16, and the next batch is ready while one commits (README, Storage at scale).
 */
export const DEFAULT_CONCURRENCY = { fetch: 8, clean: 2, classify: 4, store: 64 } as const;

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .default('')
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const HOST_LIMIT = /^[a-z0-9.:[\]-]+=\d+\/\d+$/i;

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const storeUrl = z
  .string()
  .default('sqlite:data/parley.db')
  .refine((v) => /^sqlite:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v), {
    message: 'must be sqlite:<path> or postgres://…',
  });

const redisUrl = z
  .string()
  .default('redis://127.0.0.1:6379')
  .refine((v) => /^rediss?:\/\/.+/.test(v), { message: 'must be redis://host:port or rediss://…' });

/** `host:port,host:port,…`: the seed nodes of a Redis Cluster (any few of its masters are enough). */
const redisClusterNodes = z
  .string()
  .regex(/^\s*[^\s,:]+:\d{1,5}\s*(,\s*[^\s,:]+:\d{1,5}\s*)*$/, 'must be host:port,host:port,…')
  .optional();

const EnvSchema = z.object({
  REDIS_URL: redisUrl,
  /** Set to use a Redis Cluster instead of the single Redis at REDIS_URL. */
  REDIS_CLUSTER_NODES: redisClusterNodes,
  STORE_URL: storeUrl,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}.-]+$/, 'letters, digits and _ - . { } only')
    .default('parley'),
  FETCH_CONCURRENCY: positiveInt(DEFAULT_CONCURRENCY.fetch),
  CLEAN_CONCURRENCY: positiveInt(DEFAULT_CONCURRENCY.clean),
  CLASSIFY_CONCURRENCY: positiveInt(DEFAULT_CONCURRENCY.classify),
  STORE_CONCURRENCY: positiveInt(DEFAULT_CONCURRENCY.store),
  FETCH_ALLOW_PRIVATE: booleanFlag,
  /** With FETCH_ALLOW_PRIVATE: link-local addresses too (169.254.0.0/16 holds the cloud metadata service). */
  FETCH_ALLOW_LINK_LOCAL: booleanFlag,
  FETCH_USER_AGENT_CONTACT: z.string().url().default('https://github.com/parley-news/parley'),
  FETCH_MAX_BODY_BYTES: positiveInt(5 * 1024 * 1024),
  FETCH_TIMEOUT_MS: positiveInt(30_000),
  /** Requests in flight to one host at once, across all fetch processes. */
  FETCH_HOST_CONCURRENCY: positiveInt(1),
  /** Milliseconds between two requests to one host (robots.txt's Crawl-delay wins when longer). */
  FETCH_HOST_INTERVAL_MS: z.coerce.number().int().min(0).default(1_000),
  /** Per-host overrides: `host=concurrency/intervalMs,…`, e.g. `tass.com=1/3000,intranet.local=4/0`. */
  FETCH_HOST_LIMITS: z
    .string()
    .default('')
    .refine((v) => v === '' || v.split(',').every((p) => HOST_LIMIT.test(p.trim())), {
      message: 'must be host=concurrency/intervalMs, comma-separated',
    }),
  /** Honour robots.txt (on by default; turn off only for sites you own). */
  FETCH_ROBOTS: z
    .enum(['1', '0', 'true', 'false'])
    .default('true')
    .transform((v) => v === '1' || v === 'true'),
  /** The web archive's CDX API, asked for a snapshot of a backfilled page that is gone (backfill --wayback). */
  WAYBACK_CDX_URL: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//.test(v), 'must be an http(s) URL')
    .default('https://web.archive.org/cdx/search/cdx'),
  /** A JSON file listing feeds to register at start: [{ "url": …, "every": "15m" }]. */
  FEEDS_FILE: z.string().default('feeds.json'),
  /** Relevance at or above which an article is kept; the classifier's own default otherwise. */
  CLASSIFY_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  /** Attempts per job before it fails for good; transient errors back off exponentially between them. */
  JOB_ATTEMPTS: positiveInt(5),
  JOB_BACKOFF_MS: positiveInt(2_000),
  /**
   * How long a worker's lock on an active job lasts before another worker may take the job over;
   * it is renewed at half this while the job runs, so only a dead or frozen worker loses it.
   */
  WORKER_LOCK_MS: positiveInt(30_000),
  /** How often workers look for jobs whose worker died (stalled jobs) and put them back in the queue. */
  WORKER_STALLED_INTERVAL_MS: positiveInt(30_000),
  /** How long a worker may spend finishing active jobs after SIGTERM before it gives up on them. */
  SHUTDOWN_TIMEOUT_MS: positiveInt(20_000),
  /** Seed an empty store with the five seed documents when `npm start` runs. */
  SEED_ON_START: z
    .enum(['1', '0', 'true', 'false'])
    .default('true')
    .transform((v) => v === '1' || v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** With DASHBOARD_PASSWORD: every dashboard page and API asks for HTTP basic auth (not /healthz). */
  DASHBOARD_USER: z.string().max(200).optional(),
  DASHBOARD_PASSWORD: z.string().max(500).optional(),
  /** Let dashboard users retry, promote, clean and remove jobs in bull-board (read-only otherwise). */
  DASHBOARD_ALLOW_ACTIONS: booleanFlag,
  /** Prune skipped-article records older than this age (e.g. 90d) once a day; unset keeps them all. */
  PRUNE_SKIPPED_AFTER: z
    .string()
    .regex(/^\d+\s*[mhdw]$/, 'must be an age such as 90d, 12h, 30m or 2w')
    .optional(),
  /** Where watch emails go out: smtp://user:pass@host:port (smtps:// for TLS); email watches fail without it. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, 'must be smtp://host:port or smtps://…')
    .optional(),
  /** The From of watch emails. */
  SMTP_FROM: z.string().max(300).default('Parley <parley@localhost>'),
  /** The dashboard's address as receivers reach it, for links in alerts (default http://localhost:PORT). */
  DASHBOARD_URL: z.string().url().optional(),
  /** First wait before a failed watch delivery is tried again; it doubles each attempt up to WATCH_MAX_BACKOFF_MS. */
  WATCH_BACKOFF_MS: positiveInt(10_000),
  WATCH_MAX_BACKOFF_MS: positiveInt(3_600_000),
  /** Attempts per watch delivery: with the defaults, a receiver may be down about seven hours without losing one. */
  WATCH_ATTEMPTS: positiveInt(15),
});

export type Stage = 'fetch' | 'clean' | 'classify' | 'store';

/** Parley's validated configuration. */
export interface Config {
  redisUrl: string;
  /** REDIS_CLUSTER_NODES: when present, Parley talks to this Redis Cluster and REDIS_URL is unused. */
  redisClusterNodes?: { host: string; port: number }[];
  storeUrl: string;
  port: number;
  queuePrefix: string;
  concurrency: Record<Stage, number>;
  fetch: {
    allowPrivate: boolean;
    allowLinkLocal: boolean;
    userAgent: string;
    maxBodyBytes: number;
    timeoutMs: number;
    hostLimits: { concurrency: number; minIntervalMs: number };
    perHost: Record<string, { concurrency: number; minIntervalMs: number }>;
    robots: boolean;
    /** WAYBACK_CDX_URL: the archive's CDX API; its snapshots are served from the same origin (/web/…). */
    waybackCdxUrl: string;
  };
  feedsFile: string;
  classifyThreshold: number | undefined;
  jobAttempts: number;
  jobBackoffMs: number;
  shutdownTimeoutMs: number;
  workerLockMs: number;
  workerStalledIntervalMs: number;
  seedOnStart: boolean;
  logLevel: string;
  dashboard: {
    /** Basic-auth credentials; absent when the dashboard is open (both variables unset). */
    auth?: { user: string; password: string };
    allowActions: boolean;
  };
  /** PRUNE_SKIPPED_AFTER: age past which skipped-article records are pruned daily; absent keeps them. */
  pruneSkippedAfter?: string;
  watches: {
    smtpUrl?: string;
    mailFrom: string;
    dashboardUrl: string;
    backoffMs: number;
    maxBackoffMs: number;
    attempts: number;
  };
}

/** Thrown when the environment holds a bad value; the message names each offending variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly exitCode: number = EXIT_CODES.badConfiguration;
}

/** Parses a configuration from an environment (process.env by default). */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(EnvSchema.shape)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  if (env.FETCH_ALLOW_PRIVATE === '') delete known.FETCH_ALLOW_PRIVATE;
  const parsed = EnvSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      return `${name}=${JSON.stringify(env[name])}: ${i.message}`;
    });
    throw new ConfigError(`invalid configuration: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  if ((e.DASHBOARD_USER === undefined) !== (e.DASHBOARD_PASSWORD === undefined)) {
    const missing = e.DASHBOARD_USER === undefined ? 'DASHBOARD_USER' : 'DASHBOARD_PASSWORD';
    throw new ConfigError(
      `invalid configuration: ${missing} must be set too (basic auth needs both a user and a password)`,
    );
  }
  const redisClusterNodes = e.REDIS_CLUSTER_NODES?.split(',').map((n) => {
    const [host, port] = n.trim().split(':') as [string, string];
    return { host, port: Number(port) };
  });
  // Redis Cluster runs a script or transaction only on keys of one slot: every key of Parley's
  // (BullMQ's queues, the host gate, feeds, robots) starts with the prefix, whose hash tag puts them in one.
  if (redisClusterNodes && !/^[^{]*\{[^}]+\}/.test(e.QUEUE_PREFIX)) {
    throw new ConfigError(
      `invalid configuration: QUEUE_PREFIX=${JSON.stringify(e.QUEUE_PREFIX)} needs a hash tag such as {parley} when REDIS_CLUSTER_NODES is set`,
    );
  }
  return {
    redisUrl: e.REDIS_URL,
    ...(redisClusterNodes ? { redisClusterNodes } : {}),
    storeUrl: e.STORE_URL,
    port: e.PORT,
    queuePrefix: e.QUEUE_PREFIX,
    concurrency: {
      fetch: e.FETCH_CONCURRENCY,
      clean: e.CLEAN_CONCURRENCY,
      classify: e.CLASSIFY_CONCURRENCY,
      store: e.STORE_CONCURRENCY,
    },
    fetch: {
      allowPrivate: e.FETCH_ALLOW_PRIVATE,
      allowLinkLocal: e.FETCH_ALLOW_LINK_LOCAL,
      userAgent: `Parley/0.1 (+${e.FETCH_USER_AGENT_CONTACT})`,
      maxBodyBytes: e.FETCH_MAX_BODY_BYTES,
      timeoutMs: e.FETCH_TIMEOUT_MS,
      hostLimits: { concurrency: e.FETCH_HOST_CONCURRENCY, minIntervalMs: e.FETCH_HOST_INTERVAL_MS },
      perHost: parseHostLimits(e.FETCH_HOST_LIMITS),
      robots: e.FETCH_ROBOTS,
      waybackCdxUrl: e.WAYBACK_CDX_URL,
    },
    feedsFile: e.FEEDS_FILE,
    classifyThreshold: e.CLASSIFY_THRESHOLD,
    jobAttempts: e.JOB_ATTEMPTS,
    jobBackoffMs: e.JOB_BACKOFF_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    workerLockMs: e.WORKER_LOCK_MS,
    workerStalledIntervalMs: e.WORKER_STALLED_INTERVAL_MS,
    seedOnStart: e.SEED_ON_START,
    logLevel: e.LOG_LEVEL,
    ...(e.PRUNE_SKIPPED_AFTER ? { pruneSkippedAfter: e.PRUNE_SKIPPED_AFTER } : {}),
    watches: {
      ...(e.SMTP_URL ? { smtpUrl: e.SMTP_URL } : {}),
      mailFrom: e.SMTP_FROM,
      dashboardUrl: (e.DASHBOARD_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
      backoffMs: e.WATCH_BACKOFF_MS,
      maxBackoffMs: e.WATCH_MAX_BACKOFF_MS,
      attempts: e.WATCH_ATTEMPTS,
    },
    dashboard: {
      ...(e.DASHBOARD_USER !== undefined && e.DASHBOARD_PASSWORD !== undefined
        ? { auth: { user: e.DASHBOARD_USER, password: e.DASHBOARD_PASSWORD } }
        : {}),
      allowActions: e.DASHBOARD_ALLOW_ACTIONS,
    },
  };
}

function parseHostLimits(spec: string): Config['fetch']['perHost'] {
  const out: Config['fetch']['perHost'] = {};
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [host, limits] = part.split('=') as [string, string];
    const [concurrency, interval] = limits.split('/').map(Number) as [number, number];
    out[host.toLowerCase()] = { concurrency: Math.max(1, concurrency), minIntervalMs: interval };
  }
  return out;
}

/** The environment variables Parley reads (the docker-compose test checks against this list). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

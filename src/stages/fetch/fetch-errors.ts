/**
 * Why a fetch failed, as one code per reason (the table below), and whether retrying can help.
 * Code branches on the code (`err.code === FetchErrorCode.RefusedAddress`), people read the
 * message. Three classes only, one per way a worker treats a failure: PermanentFetchError fails the
 * job at once, RetryableFetchError is retried with backoff, HostBusyError waits without spending an
 * attempt.
 */
import { DeferError, PermanentError, TransientError } from '../../shared/errors/index.js';

/** Every reason a fetch fails, and the code that names it in errors, logs and tests. */
export const FetchErrorCode = {
  /** DNS says the host does not exist (a typo, an IDN that does not resolve). Permanent. */
  HostNotFound: 'host-not-found',
  /** DNS did not answer this time. */
  DnsFailed: 'dns-failed',
  /** The host answered that nothing listens on the port. */
  ConnectionRefused: 'connection-refused',
  /** No route to the host or its network, or it did not accept the connection in time. */
  HostUnreachable: 'host-unreachable',
  /** The connection broke (reset, closed early, TLS failure …). */
  NetworkError: 'network-error',
  /** The server accepted the connection but was too slow to send its headers. */
  HeadersTimeout: 'headers-timeout',
  /** The server sent headers but not the whole body in time. */
  BodyTimeout: 'body-timeout',
  /** The caller cancelled the fetch (a worker shutting down); the job runs again later. */
  Aborted: 'aborted',
  /** 5xx; `retryAfterMs` when a 503 carried Retry-After. */
  ServerError: 'server-error',
  /** 429; `retryAfterMs` when the server said how long to wait. */
  RateLimited: 'rate-limited',
  /** 404 or 410. */
  NotFound: 'not-found',
  /** Any other 4xx (401, 403, 451 …), or an unusable status. */
  ClientError: 'client-error',
  /** An article URL answered with something other than HTML/XHTML. */
  NotHtml: 'not-html',
  /** A feed URL answered with a type no feed can have. */
  NotFeed: 'not-feed',
  /** The body, compressed or decompressed, exceeded the size limit. */
  BodyTooLarge: 'body-too-large',
  /** A Content-Encoding we cannot decode, or a corrupt compressed body. */
  UnsupportedEncoding: 'unsupported-encoding',
  TooManyRedirects: 'too-many-redirects',
  RedirectLoop: 'redirect-loop',
  /** A 3xx without a usable Location. */
  BadRedirect: 'bad-redirect',
  /** The host is, or resolved to, an address we never fetch from (server-side request forgery). */
  RefusedAddress: 'refused-address',
  /** robots.txt forbids Parley's user agent this URL. */
  RobotsDisallowed: 'robots-disallowed',
  /** robots.txt answered 5xx or 429 (RFC 9309 §2.3.1.4: assume complete disallow meanwhile). */
  RobotsUnreachable: 'robots-unreachable',
  /** The per-host gate is closed: not a failure, the job waits. */
  HostBusy: 'host-busy',
} as const;
export type FetchErrorCode = (typeof FetchErrorCode)[keyof typeof FetchErrorCode];

/** The codes whose cause a retry cannot fix: the job fails at once. */
const PERMANENT = new Set<FetchErrorCode>([
  FetchErrorCode.HostNotFound,
  FetchErrorCode.NotFound,
  FetchErrorCode.ClientError,
  FetchErrorCode.NotHtml,
  FetchErrorCode.NotFeed,
  FetchErrorCode.BodyTooLarge,
  FetchErrorCode.UnsupportedEncoding,
  FetchErrorCode.TooManyRedirects,
  FetchErrorCode.RedirectLoop,
  FetchErrorCode.BadRedirect,
  FetchErrorCode.RefusedAddress,
  FetchErrorCode.RobotsDisallowed,
]);

/** The codes that say the host itself could not be reached (robots.txt reports these as the page's). */
export const HOST_DOWN_CODES: ReadonlySet<FetchErrorCode> = new Set<FetchErrorCode>([
  FetchErrorCode.HostNotFound,
  FetchErrorCode.DnsFailed,
  FetchErrorCode.ConnectionRefused,
  FetchErrorCode.HostUnreachable,
]);

/** What else a fetch error may say: the HTTP status, and how long the server asked us to wait. */
export interface FetchErrorDetail {
  status?: number;
  retryAfterMs?: number;
}

/** A fetch failure retrying cannot fix. */
export class PermanentFetchError extends PermanentError {
  override name = 'PermanentFetchError';

  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** A fetch failure that may go away: retried with backoff (or after `retryAfterMs`). */
export class RetryableFetchError extends TransientError {
  override name = 'RetryableFetchError';

  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly status?: number,
    retryAfterMs?: number,
  ) {
    super(message, retryAfterMs);
  }
}

/** The host gate says another request to this host runs or ran too recently: wait `retryAfterMs`. */
export class HostBusyError extends DeferError {
  override name = 'HostBusyError';
  readonly code = FetchErrorCode.HostBusy;

  constructor(
    message: string,
    /** The host that is busy. */
    readonly host: string,
    retryAfterMs: number,
  ) {
    super(message, retryAfterMs);
  }
}

export type FetchError = PermanentFetchError | RetryableFetchError | HostBusyError;

/** The error for `code`: permanent or retryable as the table says. */
export function fetchError(
  code: FetchErrorCode,
  message: string,
  detail: FetchErrorDetail = {},
): PermanentFetchError | RetryableFetchError {
  return PERMANENT.has(code)
    ? new PermanentFetchError(code, message, detail.status)
    : new RetryableFetchError(code, message, detail.status, detail.retryAfterMs);
}

/** The fetch error code `error` carries, if it is a fetch error. */
export function fetchErrorCode(error: unknown): FetchErrorCode | undefined {
  return error instanceof PermanentFetchError || error instanceof RetryableFetchError || error instanceof HostBusyError
    ? error.code
    : undefined;
}

/** True when `error` is a fetch error with one of `codes`. */
export function hasFetchCode(error: unknown, ...codes: FetchErrorCode[]): boolean {
  const code = fetchErrorCode(error);
  return code !== undefined && codes.includes(code);
}

/**
 * Sorts what undici, the socket and the guarded lookup throw into fetch error codes, with a
 * message that says what happened to whom: "host not found: exmaple.org", "connection refused:
 * 127.0.0.1:9".
 */
import { PermanentError, TransientError } from '../../shared/errors/index.js';
import { FetchErrorCode as Code, HOST_DOWN_CODES, fetchError } from './fetch-errors.js';
import { REFUSED_ADDRESS_CODE } from './guarded-lookup.js';
import { refusedMessage } from './address-policy.js';

/** Socket and DNS error codes, the fetch error code each becomes, and the words for it. */
const NETWORK_CAUSE: Readonly<Record<string, { code: Code; what: string }>> = {
  ENOTFOUND: { code: Code.HostNotFound, what: 'host not found' },
  EAI_AGAIN: { code: Code.DnsFailed, what: 'DNS lookup failed for now' },
  ECONNREFUSED: { code: Code.ConnectionRefused, what: 'connection refused' },
  EHOSTUNREACH: { code: Code.HostUnreachable, what: 'host unreachable' },
  ENETUNREACH: { code: Code.HostUnreachable, what: 'network unreachable' },
  EHOSTDOWN: { code: Code.HostUnreachable, what: 'host down' },
  ETIMEDOUT: { code: Code.HostUnreachable, what: 'connection timed out' },
  ECONNRESET: { code: Code.NetworkError, what: 'connection reset' },
  EPIPE: { code: Code.NetworkError, what: 'connection closed while sending' },
  UND_ERR_SOCKET: { code: Code.NetworkError, what: 'connection closed by the server' },
};

/** Socket codes of a connection the server closed under us, before or while we sent the request. */
const DROPPED_CONNECTION_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

type Timeouts = { connectTimeoutMs?: number; headersTimeoutMs?: number; bodyTimeoutMs?: number };

/** Walks `error.cause` (and an AggregateError's `errors`) to the first error carrying a string `code`. */
function codeOf(error: unknown, depth = 0): { code: string; error: Error } | null {
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown } | undefined;
  if (!e || depth >= 5) return null;
  if (typeof e.code === 'string' && e.code !== 'UND_ERR_CONNECT') return { code: e.code, error: e as unknown as Error };
  if (Array.isArray(e.errors))
    for (const inner of e.errors) {
      const found = codeOf(inner, depth + 1);
      if (found) return found;
    }
  return (
    codeOf(e.cause, depth + 1) ?? (typeof e.code === 'string' ? { code: e.code, error: e as unknown as Error } : null)
  );
}

/** `host` or `host:port` as the URL names it. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Maps any error raised while fetching `url` to a fetch error (see fetch-errors.ts). Errors that
 * already are permanent or transient pass through unchanged.
 */
export function classifyFetchError(error: unknown, url: string, timeouts: Timeouts): Error {
  if (error instanceof PermanentError || error instanceof TransientError) return error;
  const found = codeOf(error);
  if (found?.code === REFUSED_ADDRESS_CODE)
    return fetchError(Code.RefusedAddress, refusedMessage(url, found.error.message));
  const host = hostOf(url);
  switch (found?.code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return fetchError(
        Code.HostUnreachable,
        `host unreachable: ${host} did not accept a connection within ${timeouts.connectTimeoutMs ?? '?'} ms`,
      );
    case 'UND_ERR_HEADERS_TIMEOUT':
      return fetchError(
        Code.HeadersTimeout,
        `${url} timed out waiting for the response headers (${timeouts.headersTimeoutMs ?? '?'} ms)`,
      );
    case 'UND_ERR_BODY_TIMEOUT':
      return fetchError(
        Code.BodyTimeout,
        `${url} timed out waiting for more of the body (${timeouts.bodyTimeoutMs ?? '?'} ms)`,
      );
  }
  const cause = found ? NETWORK_CAUSE[found.code] : undefined;
  // A host that cannot be reached is named on its own; a connection that broke mid-way names the URL.
  if (cause && HOST_DOWN_CODES.has(cause.code)) return fetchError(cause.code, `${cause.what}: ${host}`);
  const message = error instanceof Error ? error.message : String(error);
  const what = cause ? cause.what : message;
  return fetchError(
    cause?.code ?? Code.NetworkError,
    `fetching ${url} failed: ${found ? `${what} (${found.code})` : what}`,
  );
}

/** Whether `error` is a connection the other side closed (reset, broken pipe, socket closed). */
export function isDroppedConnection(error: unknown): boolean {
  const found = codeOf(error);
  return found !== null && DROPPED_CONNECTION_CODES.has(found.code);
}

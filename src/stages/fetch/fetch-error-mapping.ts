/**
 * Sorts what undici, the socket and the guarded lookup throw into Parley's error classes.
 */
import { PermanentError, TransientError } from '../../shared/errors/index.js';
import { FetchNetworkError, FetchTimeoutError, RefusedAddressError } from './errors/index.js';
import { REFUSED_ADDRESS_CODE } from './guarded-lookup.js';

const TIMEOUT_PHASE: Readonly<Record<string, { phase: 'connect' | 'headers' | 'body'; what: string }>> = {
  UND_ERR_CONNECT_TIMEOUT: { phase: 'connect', what: 'connecting' },
  UND_ERR_HEADERS_TIMEOUT: { phase: 'headers', what: 'waiting for the response headers' },
  UND_ERR_BODY_TIMEOUT: { phase: 'body', what: 'waiting for more of the body' },
};

/** Human words for common socket error codes. */
const NETWORK_CAUSE: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed temporarily',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed while sending',
  UND_ERR_SOCKET: 'connection closed by the server',
};

/** Walks `error.cause` to find the first error carrying a string `code`. */
function codeOf(error: unknown): { code: string; error: Error } | null {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') return { code: e.code, error: e as unknown as Error };
  }
  return null;
}

/**
 * Maps any error raised while fetching `url` to a PermanentError / TransientError subclass.
 * Errors that already are one pass through unchanged.
 */
export function classifyFetchError(error: unknown, url: string, timeouts: { connectTimeoutMs?: number; headersTimeoutMs?: number; bodyTimeoutMs?: number }): Error {
  if (error instanceof PermanentError || error instanceof TransientError) return error;
  const found = codeOf(error);
  if (found?.code === REFUSED_ADDRESS_CODE) return new RefusedAddressError(`refused to fetch ${url}: ${found.error.message}`);
  const timeout = found ? TIMEOUT_PHASE[found.code] : undefined;
  if (timeout) {
    const ms = { connect: timeouts.connectTimeoutMs, headers: timeouts.headersTimeoutMs, body: timeouts.bodyTimeoutMs }[timeout.phase];
    return new FetchTimeoutError(`${url} timed out ${timeout.what}${ms === undefined ? '' : ` (${ms} ms)`}`, timeout.phase);
  }
  const message = error instanceof Error ? error.message : String(error);
  const cause = found ? `${NETWORK_CAUSE[found.code] ?? message} (${found.code})` : message;
  return new FetchNetworkError(`fetching ${url} failed: ${cause}`);
}

/**
 * fetchPage: one GET with everything the open web can throw at it handled — manual redirects
 * (each hop re-checked), address policy on the socket, timeouts per phase, a size cap that
 * includes decompression, charset decoding, and errors sorted into permanent and transient.
 */
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { request } from 'undici';
import { parseHttpUrl } from '../../shared/identity.js';
import { ipLiteralHost, refusalReason, refusedMessage } from './address-policy.js';
import { charsetFromContentType, decodeBody } from './charset.js';
import {
  ACCEPT_HEADER,
  checkBinaryBody,
  checkContentType,
  checkUnlabelledBody,
  type AcceptKind,
} from './content-kind.js';
import { FetchErrorCode as Code, fetchError } from './fetch-errors.js';
import { agentFor } from './fetch-agents.js';
import { classifyFetchError, isDroppedConnection } from './fetch-error-mapping.js';
import { ACCEPT_ENCODING, readBody } from './read-body.js';
import { parseRetryAfter } from './retry-after.js';

/** Default body cap: news articles are well under 1 MB of HTML; 5 MB leaves room for bloated pages. */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Default connect timeout: a healthy server accepts within a second or two, even overseas. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Default time to the response headers: CMS pages rendered on demand can take several seconds. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 20_000;
/** Default time for the whole body after headers: 5 MB at a slow 200 KB/s. */
export const DEFAULT_BODY_TIMEOUT_MS = 30_000;
/** Default redirect hops: browsers allow 20; news sites use 1–3 (http→https→www→canonical). */
export const DEFAULT_MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const FRAGMENT = /#.*$/;

/** Settings for one fetch. Only `userAgent` and `allowPrivate` have no default. */
export interface FetchOptions {
  /** Sent as User-Agent; robots.txt rules are matched against its product token. */
  userAgent: string;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  /** Time allowed for the whole body once headers arrived (not an idle timeout). */
  bodyTimeoutMs?: number;
  /** Cap on body bytes, on the wire and after decompression. */
  maxBodyBytes?: number;
  maxRedirects?: number;
  /** Allow loopback/private/link-local… addresses (development and tests only). */
  allowPrivate: boolean;
  /** With allowPrivate: allow link-local addresses (the cloud metadata service's range) too. */
  allowLinkLocal?: boolean;
  /** Non-public CIDR ranges fetched anyway (an internal mirror); the rest stay refused. */
  allowAddresses?: readonly string[];
  /** Cancels the fetch; the socket is destroyed. */
  signal?: AbortSignal;
  /** What the caller expects; other content types fail before the body is read. Default 'html'. */
  accept?: AcceptKind;
  /** Validators from the last fetch; a 304 answer yields `notModified: true`. */
  conditional?: { etag?: string; lastModified?: string };
  /** DNS resolver replacing the system one (tests; custom resolvers). Its answers are still vetted. */
  lookup?: LookupFunction;
  /** Keep the undecoded body bytes in `bytes` (a sitemap served as a .gz file is binary). */
  keepBytes?: boolean;
  /** Called before every hop (first request and each redirect), e.g. to check robots.txt. */
  beforeRequest?: (url: URL) => Promise<void>;
}

/** A fetched page. */
export interface FetchedPage {
  /** Final URL after redirects, without a fragment (servers never see it). */
  url: string;
  status: number;
  /** Content-Type header as sent ('' when absent). */
  contentType: string;
  /** Charset used to decode `body` ('' when notModified). */
  charset: string;
  /** Decoded body ('' when notModified). */
  body: string;
  etag?: string;
  lastModified?: string;
  /** True for a 304 answer to a conditional request. */
  notModified: boolean;
  /** The body's bytes after Content-Encoding, before charset decoding (only with `keepBytes`). */
  bytes?: Buffer;
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Throws RefusedAddressError when the URL's host is an IP literal the policy refuses. */
function checkLiteralHost(url: URL, options: FetchOptions): void {
  const ip = ipLiteralHost(url);
  const reason = ip === null ? null : refusalReason(ip, options);
  if (reason) throw fetchError(Code.RefusedAddress, refusedMessage(url.href, reason));
}

/** Turns a non-2xx, non-redirect status into the matching error. */
function statusError(status: number, headers: Headers, url: string): Error {
  const retryAfterMs = parseRetryAfter(header(headers, 'retry-after'));
  const wait = retryAfterMs === undefined ? '' : ` (Retry-After ${Math.round(retryAfterMs / 1000)} s)`;
  if (status === 429)
    return fetchError(Code.RateLimited, `${url} answered 429 Too Many Requests${wait}`, { status, retryAfterMs });
  if (status >= 500)
    return fetchError(Code.ServerError, `${url} answered ${status} (server error)${wait}`, { status, retryAfterMs });
  if (status === 404 || status === 410)
    return fetchError(Code.NotFound, `${url} answered ${status} ${status === 404 ? 'Not Found' : 'Gone'}`, { status });
  return fetchError(Code.ClientError, `${url} answered ${status}`, { status });
}

/**
 * Fetches `url` (GET) and returns the decoded page. Throws a fetch error (./fetch-errors.ts) whose
 * code says why and whose message names the URL and the cause.
 */
export async function fetchPage(url: string, options: FetchOptions): Promise<FetchedPage> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const visited = new Set<string>();
  let current = parseHttpUrl(url);
  for (let hop = 0; ; hop++) {
    visited.add(withoutHash(current));
    const result = await fetchOnceOrResend(current, options, hop === 0);
    if (!('location' in result)) return result;
    let next: URL;
    try {
      next = parseHttpUrl(new URL(result.location, current).href);
    } catch (error) {
      throw fetchError(
        Code.BadRedirect,
        `${current.href} redirected to an unusable location ${JSON.stringify(result.location)}: ${(error as Error).message}`,
      );
    }
    if (visited.has(withoutHash(next))) {
      throw fetchError(Code.RedirectLoop, `${url} redirects in a loop: ${current.href} points back to ${next.href}`);
    }
    if (hop + 1 > maxRedirects)
      throw fetchError(
        Code.TooManyRedirects,
        `${url} redirected more than ${maxRedirects} times (last to ${next.href})`,
      );
    current = next;
  }
}

function withoutHash(url: URL): string {
  return url.href.replace(FRAGMENT, '');
}

/** Fetch errors of a request whose connection dropped before any answer came back. */
const DROPPED_BEFORE_ANSWER = new WeakSet<Error>();

/**
 * A GET sent on a kept-alive socket that the server closed at the same moment fails before any
 * answer; HTTP lets a client send an idempotent request again then (RFC 9112 §9.3.1), so it is
 * sent once more on a fresh connection. A second drop is the host's answer and is thrown.
 */
async function fetchOnceOrResend(
  url: URL,
  options: FetchOptions,
  first: boolean,
): Promise<FetchedPage | { location: string }> {
  try {
    return await fetchOnce(url, options, first);
  } catch (error) {
    if (!(error instanceof Error) || !DROPPED_BEFORE_ANSWER.has(error)) throw error;
    return fetchOnce(url, options, first);
  }
}

/** One request: a page, or the Location of a redirect. */
async function fetchOnce(url: URL, options: FetchOptions, first: boolean): Promise<FetchedPage | { location: string }> {
  checkLiteralHost(url, options);
  await options.beforeRequest?.(url);
  const href = withoutHash(url);
  if (options.signal?.aborted) throw fetchError(Code.Aborted, `fetch of ${href} was cancelled`);
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const timeouts = {
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    headersTimeoutMs: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
    bodyTimeoutMs: options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
  };
  const { bodyTimeoutMs } = timeouts;
  let bodyTimer: NodeJS.Timeout | undefined;
  let bodyTimedOut = false;
  let answered = false;
  try {
    const response = await request(href, {
      method: 'GET',
      dispatcher: agentFor({ ...options, connectTimeoutMs: timeouts.connectTimeoutMs }),
      headers: requestHeaders(options, first),
      signal: controller.signal,
      headersTimeout: timeouts.headersTimeoutMs,
      bodyTimeout: bodyTimeoutMs,
    });
    answered = true;
    const { statusCode: status, headers } = response;
    const location = header(headers, 'location');
    if (REDIRECT_STATUSES.has(status)) {
      discard(response.body);
      if (!location) throw fetchError(Code.BadRedirect, `${href} answered ${status} without a Location header`);
      return { location };
    }
    const validators = { etag: header(headers, 'etag'), lastModified: header(headers, 'last-modified') };
    if (status === 304) {
      discard(response.body);
      return {
        url: href,
        status,
        contentType: header(headers, 'content-type') ?? '',
        charset: '',
        body: '',
        ...defined(validators),
        notModified: true,
      };
    }
    if (status < 200 || status >= 300) {
      discard(response.body);
      throw statusError(status, headers, href);
    }
    const contentType = header(headers, 'content-type') ?? '';
    try {
      checkContentType(options.accept ?? 'html', contentType, href);
    } catch (error) {
      discard(response.body);
      throw error;
    }
    const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const declaredLength = Number(header(headers, 'content-length') ?? Number.NaN);
    if (declaredLength > maxBodyBytes) {
      discard(response.body);
      throw fetchError(
        Code.BodyTooLarge,
        `${href} is too large: Content-Length ${declaredLength} exceeds ${maxBodyBytes} bytes`,
      );
    }
    bodyTimer = setTimeout(() => {
      bodyTimedOut = true;
      controller.abort();
    }, bodyTimeoutMs);
    const bytes = await readBody(response.body, header(headers, 'content-encoding'), maxBodyBytes, href);
    checkUnlabelledBody(options.accept ?? 'html', contentType, bytes, href);
    const decoded = decodeBody(bytes, charsetFromContentType(contentType));
    checkBinaryBody(options.accept ?? 'html', decoded.charset, bytes, href);
    return {
      url: href,
      status,
      contentType,
      charset: decoded.charset,
      body: decoded.text,
      ...defined(validators),
      notModified: false,
      ...(options.keepBytes ? { bytes } : {}),
    };
  } catch (error) {
    if (bodyTimedOut)
      throw fetchError(Code.BodyTimeout, `${href} did not deliver its whole body within ${bodyTimeoutMs} ms`);
    if (options.signal?.aborted) throw fetchError(Code.Aborted, `fetch of ${href} was cancelled`);
    const failure = classifyFetchError(error, href, timeouts);
    if (!answered && isDroppedConnection(error)) DROPPED_BEFORE_ANSWER.add(failure);
    throw failure;
  } finally {
    clearTimeout(bodyTimer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** Drops a body we will not read; closing the socket is cheaper than draining an unknown amount. */
function discard(body: Readable): void {
  body.on('error', () => {});
  body.destroy();
}

function requestHeaders(options: FetchOptions, first: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: ACCEPT_HEADER[options.accept ?? 'html'],
    'accept-encoding': ACCEPT_ENCODING,
    'accept-language': 'en;q=1.0, ru;q=0.8, *;q=0.5',
  };
  // Validators belong to the URL they were stored for; a redirect target must answer in full.
  if (first && options.conditional?.etag) headers['if-none-match'] = options.conditional.etag;
  if (first && options.conditional?.lastModified) headers['if-modified-since'] = options.conditional.lastModified;
  return headers;
}

function defined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * An article's identity. Every place that needs to know whether two URLs are the same article —
 * job ids, the store's unique key, feed de-duplication — calls these functions (canonicalUrl, and
 * articleId or identify, which hash its result) and nothing else.
 */
import { createHash } from 'node:crypto';
import { InvalidUrlError } from './errors/index.js';

/** Longest URL accepted; browsers and most servers give up near 8 KB, and no article needs more. */
export const MAX_URL_LENGTH = 4096;

/** Query parameters that track the reader rather than name the page. */
const TRACKING_PARAM =
  /^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|ncid|cmpid|ocid|smid|__twitter_impression)$/i;

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** Length of the hex article id: 80 bits of SHA-256, ample for billions of URLs. */
const ID_HEX_LENGTH = 20;

/**
 * Whitespace and control characters (C0, DEL, C1, and Unicode spaces). A URL parser drops or
 * escapes them silently, so "http://example.org/a b" would fetch a page nobody asked for; a URL a
 * person means has them percent-encoded.
 */
const WHITESPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f]/;

/** Names the character a URL must not hold, for the rejection message. */
function describeChar(c: string): string {
  if (c === ' ') return 'a space';
  if (c === '\t') return 'a tab';
  if (c === '\n' || c === '\r') return 'a line break';
  const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return /\s/.test(c) ? `a space character (${code})` : `a control character (${code})`;
}

/** `input` with any `user:password@` replaced by `***@`, so a rejected URL can be shown without its secret. */
export function redactCredentials(input: string): string {
  return input.replace(/^([a-z][a-z0-9+.-]*:\/*)[^/?#]*@/i, '$1***@');
}

/**
 * Parses and checks a URL that a person or a feed handed us. Throws InvalidUrlError naming what
 * is wrong (not a URL, too long, whitespace or control characters inside, credentials, not
 * http(s), no host). No message repeats a credential.
 */
export function parseHttpUrl(input: string): URL {
  const raw = input.trim();
  if (raw.length === 0) throw new InvalidUrlError('empty URL');
  if (raw.length > MAX_URL_LENGTH) {
    throw new InvalidUrlError(`URL is ${raw.length} characters long; the limit is ${MAX_URL_LENGTH}`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidUrlError(`not a valid URL: ${JSON.stringify(redactCredentials(raw).slice(0, 200))}`);
  }
  const bad = WHITESPACE_OR_CONTROL.exec(raw);
  if (bad)
    throw new InvalidUrlError(
      `URL contains ${describeChar(bad[0])} at position ${bad.index + 1}; percent-encode it or remove it`,
    );
  if (url.username || url.password) {
    throw new InvalidUrlError('URL carries credentials (user:password@); Parley never sends them, so remove them');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidUrlError(
      `unsupported scheme ${JSON.stringify(url.protocol.replace(/:$/, ''))} (only http and https)`,
    );
  }
  if (!url.hostname) throw new InvalidUrlError(`URL has no host: ${redactCredentials(raw).slice(0, 200)}`);
  return url;
}

/**
 * The canonical form of an article URL: scheme and host lower-cased, default port, fragment,
 * credentials and tracking parameters (utm_*, fbclid, gclid …) dropped, remaining query
 * parameters sorted by name (stable for equal names).
 */
export function canonicalUrl(input: string | URL): string {
  return canonicalOf(typeof input === 'string' ? parseHttpUrl(input) : new URL(input.href));
}

/** `url` made canonical in place (see canonicalUrl), as its href. */
function canonicalOf(url: URL): string {
  url.hash = '';
  url.username = '';
  url.password = '';
  if (DEFAULT_PORT[url.protocol] === url.port) url.port = '';
  // A query to sort or trim; a URL without '?' (most article links) has none.
  if (url.href.includes('?')) {
    const kept = [...url.searchParams.entries()].filter(([name]) => !TRACKING_PARAM.test(name));
    kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    url.search = new URLSearchParams(kept).toString();
  }
  // The WHATWG URL parser already lower-cases scheme and host and punycodes IDNs.
  return url.href;
}

/** The article id: a hash of the canonical URL. Job ids and the store's key derive from it. */
export function articleId(input: string | URL): string {
  return identify(input).id;
}

/** A URL as Parley queues it: as given (parsed), its canonical form, and the article id. */
export interface UrlIdentity {
  url: string;
  canonicalUrl: string;
  id: string;
}

/**
 * Checks a URL (parseHttpUrl's rules; throws InvalidUrlError) and gives all three at once, parsing
 * it once: what bulk paths (a 100,000-line URL file) call per line. articleId is this function's id.
 */
export function identify(input: string | URL): UrlIdentity {
  const url = typeof input === 'string' ? parseHttpUrl(input) : new URL(input.href);
  const given = url.href;
  const canonical = canonicalOf(url);
  return { url: given, canonicalUrl: canonical, id: idOf(canonical) };
}

/** Hash of an already canonical key (a canonical URL, or `seed:<name>` for seed documents). */
export function idOf(canonicalKey: string): string {
  return createHash('sha256').update(canonicalKey).digest('hex').slice(0, ID_HEX_LENGTH);
}

/** Seed documents have no URL; their canonical key is `seed:<file name without extension>`. */
export function seedCanonicalKey(name: string): string {
  return `seed:${name}`;
}

/** A seed document's article id, from its canonical key. */
export function seedArticleId(name: string): string {
  return idOf(seedCanonicalKey(name));
}

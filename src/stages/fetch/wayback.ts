/**
 * A page that is gone, from a web archive: the Wayback Machine's CDX API names the snapshot closest
 * to the page's date (the newest when it has none), and the snapshot is fetched in its raw form
 * (`/web/<timestamp>id_/<url>`: the page as archived, without the archive's banner and rewritten
 * links). Both requests go through the caller's fetch, so the address policy, robots.txt and the
 * per-host gate apply to the archive as to any site.
 */
import { z } from 'zod';
import { PermanentError } from '../../shared/errors/index.js';
import type { AcceptKind } from './content-kind.js';
import { FetchErrorCode, hasFetchCode } from './fetch-errors.js';
import type { FetchedPage } from './http-fetch.js';

/**
 * Snapshots asked for: the CDX answer lists the closest (or newest) few, of which the first that
 * is an HTML page is taken; a few more than one, for captures of redirects or of other types.
 */
const CDX_LIMIT = 5;
/** A CDX timestamp: YYYYMMDDhhmmss, digits only (shorter forms name a year, month or day). */
const TIMESTAMP = /^\d{4,14}$/;

/** The archive cannot give the page: no snapshot, or an answer that is not the CDX API's. */
export class ArchiveLookupError extends PermanentError {
  override name = 'ArchiveLookupError';
}

/** A page as the archive captured it. */
export interface ArchivedPage {
  page: FetchedPage;
  /** The snapshot's address (raw form), where the HTML came from. */
  snapshotUrl: string;
  /** When the archive captured it (ISO 8601). */
  capturedAt: string;
}

/** Fetches one URL expecting `accept` (the caller binds its options and politeness). */
export type ArchiveFetch = (url: string, accept: AcceptKind) => Promise<FetchedPage>;

/** True when `error` says the page is gone for good: 404/410, or its host no longer resolves. */
export function isGone(error: unknown): boolean {
  return hasFetchCode(error, FetchErrorCode.NotFound, FetchErrorCode.HostNotFound);
}

/** The CDX query for `pageUrl`'s HTML captures answered 200: closest to `near` when given, else the newest. */
export function cdxQuery(cdxUrl: string, pageUrl: string, near?: string): string {
  const q = new URL(cdxUrl);
  q.searchParams.set('url', pageUrl);
  q.searchParams.set('output', 'json');
  q.searchParams.set('fl', 'timestamp,original,statuscode,mimetype');
  q.searchParams.append('filter', 'statuscode:200');
  const ts =
    near && !Number.isNaN(Date.parse(near)) ? new Date(near).toISOString().replace(/\D/g, '').slice(0, 14) : '';
  if (ts) {
    q.searchParams.set('closest', ts);
    q.searchParams.set('sort', 'closest');
    q.searchParams.set('limit', String(CDX_LIMIT));
  } else q.searchParams.set('limit', String(-CDX_LIMIT)); // a negative limit: the last (newest) captures
  return q.href;
}

const CdxAnswer = z.array(z.array(z.string()));

export interface Snapshot {
  timestamp: string;
  original: string;
  mimetype: string;
}

/**
 * The snapshots a CDX JSON answer lists (its first row names the fields), in its order. Throws
 * ArchiveLookupError when the answer is not CDX JSON; an empty answer (`[]` or nothing) is no snapshot.
 */
export function parseCdxAnswer(body: string, query: string): Snapshot[] {
  if (body.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    throw new ArchiveLookupError(`the archive's CDX answer is not JSON (${(err as Error).message}) at ${query}`);
  }
  const rows = CdxAnswer.safeParse(parsed);
  if (!rows.success) throw new ArchiveLookupError(`the archive's CDX answer is not a table of captures at ${query}`);
  const [head = [], ...data] = rows.data;
  const at = (name: string) => head.indexOf(name);
  if (data.length > 0 && (at('timestamp') < 0 || at('original') < 0))
    throw new ArchiveLookupError(`the archive's CDX answer names no timestamp and original fields at ${query}`);
  return data
    .map((r) => ({
      timestamp: r[at('timestamp')] ?? '',
      original: r[at('original')] ?? '',
      mimetype: r[at('mimetype')] ?? '',
    }))
    .filter((s) => TIMESTAMP.test(s.timestamp) && /^https?:\/\//i.test(s.original));
}

/** The raw snapshot's address on the archive that serves `cdxUrl`. */
export function snapshotUrl(cdxUrl: string, s: Snapshot): string {
  return `${new URL(cdxUrl).origin}/web/${s.timestamp}id_/${s.original}`;
}

/** A CDX timestamp as ISO 8601 (missing parts as their first value). */
export function timestampIso(ts: string): string {
  const d = ts.padEnd(14, '0').replace(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/, '$1-$2-$3T$4:$5:$6Z');
  return d.replace(/-00/g, '-01');
}

/**
 * The archived copy of `pageUrl`, which `gone` says is no longer on the web. Throws
 * ArchiveLookupError (naming the page, why it is gone and what the archive said) when there is none;
 * the fetch errors of the two requests pass through as they are (a busy archive waits, a 5xx retries).
 */
export async function fetchArchived(
  pageUrl: string,
  gone: Error,
  options: { cdxUrl: string; fetch: ArchiveFetch; near?: string },
): Promise<ArchivedPage> {
  const query = cdxQuery(options.cdxUrl, pageUrl, options.near);
  const answer = await options.fetch(query, 'any');
  let snapshots: Snapshot[];
  try {
    snapshots = parseCdxAnswer(answer.body, query);
  } catch (err) {
    throw new ArchiveLookupError(`${gone.message}; ${(err as Error).message}`);
  }
  const pick = snapshots.find((s) => s.mimetype === '' || /html/i.test(s.mimetype));
  if (!pick) throw new ArchiveLookupError(`${gone.message}; the archive has no HTML snapshot of it (${query})`);
  const url = snapshotUrl(options.cdxUrl, pick);
  return { page: await options.fetch(url, 'html'), snapshotUrl: url, capturedAt: timestampIso(pick.timestamp) };
}

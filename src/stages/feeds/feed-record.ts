/** A registered feed as the registry keeps it: its fields, and their form in a Redis hash. */

/** Where a feed stands. */
export type FeedStatus = 'new' | 'ok' | 'erroring' | 'failing';

/** What a registered source is: a feed, or a sitemap (stages/sitemaps) polled the same way. */
export type SourceFormat = 'feed' | 'sitemap';

/** One registered feed. Times are epoch milliseconds; null when not happened yet. */
export interface FeedRecord {
  id: string;
  url: string;
  /** Records from before sitemaps were sources read as 'feed'. */
  kind: SourceFormat;
  /** The kind of source (official, wire, state media, press) its articles are stored with; null when not said. */
  sourceKind: string | null;
  /** The title the feed gives itself, from its last parsed poll; null until then (and for sitemaps). */
  title: string | null;
  everyMs: number;
  status: FeedStatus;
  addedAt: number;
  lastPollAt: number | null;
  nextPollAt: number;
  itemsSeen: number;
  /** New items of each of the last POLL_HISTORY (feed-registry.ts) successful polls, oldest first (a 304 counts as 0). */
  recentNewItems: number[];
  consecutiveErrors: number;
  lastError: string | null;
  etag: string | null;
  lastModified: string | null;
  bodyHash: string | null;
}

/** Comma-separated numbers (times, counts) as numbers. */
export const parseNumbers = (v: string | null) => (v ? v.split(',').map(Number).filter(Number.isFinite) : []);

const NUMERIC = ['everyMs', 'addedAt', 'nextPollAt', 'itemsSeen', 'consecutiveErrors'] as const;
const NULLABLE_NUMERIC = ['lastPollAt'] as const;
const NULLABLE_TEXT = ['lastError', 'etag', 'lastModified', 'bodyHash', 'sourceKind', 'title'] as const;

/** Hash fields for a record; null is stored as an empty string, a list as comma-separated numbers. */
export function serialise(record: FeedRecord): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

export function deserialise(fields: Record<string, string>): FeedRecord {
  const record: Record<string, unknown> = {
    id: fields.id,
    url: fields.url,
    kind: fields.kind === 'sitemap' ? 'sitemap' : 'feed',
    status: fields.status,
  };
  for (const key of NUMERIC) record[key] = Number(fields[key] ?? 0);
  for (const key of NULLABLE_NUMERIC) record[key] = fields[key] ? Number(fields[key]) : null;
  for (const key of NULLABLE_TEXT) record[key] = fields[key] || null;
  record.recentNewItems = parseNumbers(fields.recentNewItems ?? null);
  return record as unknown as FeedRecord;
}

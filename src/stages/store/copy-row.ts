/**
 * A copy's row in `article_copies` (one per URL an article was stored from), and the host rule that
 * ties a copy to a `?site=` filter: a copy keeps the host of its URL (`host`, indexed with its
 * article), and a site filter compares the host it names with it. One function makes both sides.
 */
import type { StoredArticle } from './article-store.js';
import type { SqlValue } from './sql-client.js';

/** The columns of a copy's row, in the order copyRow gives them. */
export const COPY_COLUMNS = ['id', 'article_id', 'url', 'site', 'seen_at', 'host'] as const;

/**
 * The host a URL or a site filter names: lower case, without scheme, path, port or a leading
 * "www." ("https://www.Reuters.com:443/world" and "reuters.com" both give "reuters.com").
 */
export function siteHost(urlOrSite: string): string {
  return urlOrSite
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/^www\./, '');
}

/** The row of copy `a` of the story `storyId` (its own id when it starts the story). */
export function copyRow(a: StoredArticle, storyId: string): SqlValue[] {
  return [a.id, storyId, a.url, a.site, a.storedAt, siteHost(a.url)];
}

/**
 * Queue `fetch`: downloads an article's page — robots.txt honoured, one request at a time per host
 * across all processes, no private addresses — and gives its HTML as a document to clean. A page
 * backfilled with --wayback that is gone comes from the web archive's snapshot instead, under its
 * own URL.
 */
import { ArticleToFetchSchema, type SourceDocument } from '../shared/contracts.js';
import { fetchOptionsFrom, politenessFor } from '../stages/fetch/fetch-settings.js';
import { politeFetch } from '../stages/fetch/polite-fetch.js';
import { fetchArchived, isGone } from '../stages/fetch/wayback.js';
import type { JobDefinition } from './job-definition.js';

export const fetchJob: JobDefinition<typeof ArticleToFetchSchema, SourceDocument> = {
  stage: 'fetch',
  schema: ArticleToFetchSchema,
  prepare:
    () =>
    async (payload, { config, signal, redis }) => {
      const options = { ...fetchOptionsFrom(config), signal };
      const politeness = politenessFor(redis, config);
      let page;
      let archived = null;
      try {
        page = await politeFetch(payload.url, options, politeness);
      } catch (err) {
        if (!payload.archiveLookup || !isGone(err)) throw err;
        archived = await fetchArchived(payload.url, err as Error, {
          cdxUrl: config.fetch.waybackCdxUrl,
          fetch: (url, accept) => politeFetch(url, { ...options, accept }, politeness),
          ...(payload.hints?.published ? { near: payload.hints.published } : {}),
        });
        page = archived.page;
      }
      return {
        next: {
          ...payload,
          // An archived page keeps its own URL: the snapshot's is recorded apart.
          url: archived ? payload.url : page.url,
          html: page.body,
          ...(archived ? { archived: { url: archived.snapshotUrl, capturedAt: archived.capturedAt } } : {}),
          handled: { ...payload.handled, fetchedAt: new Date().toISOString() },
        },
      };
    },
};

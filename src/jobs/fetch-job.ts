/**
 * Queue `fetch`: downloads an article's page — robots.txt honoured, one request at a time per host
 * across all processes, no private addresses — and gives its HTML as a document to clean.
 */
import { ArticleToFetchSchema, type SourceDocument } from '../shared/contracts.js';
import { fetchOptionsFrom, politenessFor } from '../stages/fetch/fetch-settings.js';
import { politeFetch } from '../stages/fetch/polite-fetch.js';
import type { JobDefinition } from './job-definition.js';

export const fetchJob: JobDefinition<typeof ArticleToFetchSchema, SourceDocument> = {
  stage: 'fetch',
  schema: ArticleToFetchSchema,
  prepare:
    () =>
    async (payload, { config, signal, redis }) => {
      const options = { ...fetchOptionsFrom(config), signal };
      const page = await politeFetch(payload.url, options, politenessFor(redis, config));
      return {
        next: {
          ...payload,
          url: page.url,
          html: page.body,
          handled: { ...payload.handled, fetchedAt: new Date().toISOString() },
        },
      };
    },
};

/**
 * Queue `fetch`: downloads an article's page — robots.txt honoured, one request at a time per host
 * across all processes, no private addresses — and hands its HTML to `clean`.
 */
import { z } from 'zod';
import { fetchOptionsFrom, politenessFor } from '../stages/fetch/fetch-settings.js';
import { politeFetch } from '../stages/fetch/polite-fetch.js';
import { ArticleRefSchema, HttpUrlSchema } from './article-fields.js';
import type { JobDefinition } from './job-definition.js';
import type { CleanPayload } from './clean-job.js';

/** A fetch job needs a real web address; seeds never come here. */
export const FetchPayloadSchema = ArticleRefSchema.extend({ url: HttpUrlSchema, canonicalUrl: HttpUrlSchema });
export type FetchPayload = z.infer<typeof FetchPayloadSchema>;

export const fetchJob: JobDefinition<typeof FetchPayloadSchema, CleanPayload> = {
  stage: 'fetch',
  schema: FetchPayloadSchema,
  async process(payload, { config, signal, redis }) {
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

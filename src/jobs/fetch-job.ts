/** Queue `fetch`: downloads an article's page, politely and safely, and hands its HTML to `clean`. */
import { z } from 'zod';
import { fetchPage } from '../stages/fetch/http-fetch.js';
import { ArticleRefSchema, HttpUrlSchema } from './article-fields.js';
import type { JobDefinition } from './job-definition.js';
import type { CleanPayload } from './clean-job.js';

/** A fetch job needs a real web address; seeds never come here. */
export const FetchPayloadSchema = ArticleRefSchema.extend({ url: HttpUrlSchema, canonicalUrl: HttpUrlSchema });
export type FetchPayload = z.infer<typeof FetchPayloadSchema>;

export const fetchJob: JobDefinition<typeof FetchPayloadSchema, CleanPayload> = {
  stage: 'fetch',
  schema: FetchPayloadSchema,
  async process(payload, { config, signal }) {
    const page = await fetchPage(payload.url, {
      userAgent: config.fetch.userAgent,
      allowPrivate: config.fetch.allowPrivate,
      maxBodyBytes: config.fetch.maxBodyBytes,
      bodyTimeoutMs: config.fetch.timeoutMs,
      signal,
    });
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

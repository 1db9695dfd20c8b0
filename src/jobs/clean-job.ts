/**
 * Queue `clean`: strips boilerplate and establishes the article's metadata. Fetched pages arrive
 * as HTML; seeds and full-text feed items arrive as plain text and take the text mode.
 */
import { z } from 'zod';
import { extractArticle } from '../stages/clean/html-extractor.js';
import { cleanText } from '../stages/clean/text-cleaner.js';
import { mergeMetadata } from '../stages/clean/merge-metadata.js';
import { ArticleRefSchema } from './article-fields.js';
import type { ClassifyPayload } from './classify-job.js';
import type { JobDefinition } from './job-definition.js';

/** Largest HTML page accepted on the queue (the fetch stage caps bodies below this). */
const MAX_HTML_CHARS = 20_000_000;

export const CleanPayloadSchema = ArticleRefSchema.extend({
  html: z.string().max(MAX_HTML_CHARS).optional(),
  text: z.string().max(MAX_HTML_CHARS).optional(),
}).refine((p) => (p.html === undefined) !== (p.text === undefined), {
  message: 'exactly one of html and text is required',
  path: ['html'],
});
export type CleanPayload = z.infer<typeof CleanPayloadSchema>;

export const cleanJob: JobDefinition<typeof CleanPayloadSchema, ClassifyPayload> = {
  stage: 'clean',
  schema: CleanPayloadSchema,
  async process(payload) {
    const { html, text: rawText, ...ref } = payload;
    const page = html !== undefined ? extractArticle(html, { url: ref.url }) : cleanText(rawText ?? '');
    const meta = mergeMetadata(ref, page);
    return {
      next: { ...ref, ...meta, text: page.text, handled: { ...ref.handled, cleanedAt: new Date().toISOString() } },
    };
  },
};

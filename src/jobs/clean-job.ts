/**
 * Queue `clean`: strips boilerplate and establishes the article's metadata. Fetched pages arrive
 * as HTML; seeds and full-text feed items arrive as plain text and take the text mode.
 */
import { SourceDocumentSchema, type CleanArticle } from '../shared/contracts.js';
import { extractArticle } from '../stages/clean/html-extractor.js';
import { cleanText } from '../stages/clean/text-cleaner.js';
import { mergeMetadata } from '../stages/clean/merge-metadata.js';
import type { JobDefinition } from './job-definition.js';

export const cleanJob: JobDefinition<typeof SourceDocumentSchema, CleanArticle> = {
  stage: 'clean',
  schema: SourceDocumentSchema,
  prepare: () => async (payload) => {
    const { html, text: rawText, ...ref } = payload;
    const page = html !== undefined ? extractArticle(html, { url: ref.url }) : cleanText(rawText ?? '');
    const meta = mergeMetadata(ref, page);
    return {
      next: { ...ref, ...meta, text: page.text, handled: { ...ref.handled, cleanedAt: new Date().toISOString() } },
    };
  },
};

/**
 * Queue `clean`: strips boilerplate and establishes the article's metadata. Fetched pages arrive
 * as HTML; seeds and full-text feed items arrive as plain text and take the text mode.
 */
import { SourceDocumentSchema, type CleanArticle } from '../shared/contracts.js';
import { extractArticle } from '../stages/clean/html-extractor.js';
import { cleanText } from '../stages/clean/text-cleaner.js';
import { mergeMetadata } from '../stages/clean/merge-metadata.js';
import { dateFromText } from '../stages/classify/text-date.js';
import { languageOf } from '../stages/events/extractor.js';
import type { JobDefinition } from './job-definition.js';

export const cleanJob: JobDefinition<typeof SourceDocumentSchema, CleanArticle> = {
  stage: 'clean',
  schema: SourceDocumentSchema,
  prepare: () => async (payload) => {
    const { html, text: rawText, ...ref } = payload;
    const page = html !== undefined ? extractArticle(html, { url: ref.url }) : cleanText(rawText ?? '');
    const meta = mergeMetadata(ref, page);
    // Plain text without a date: the date its text states, read before cleaning drops the lines
    // that often carry it (a byline "By … April 12, 2017", a photo caption). Pages: classify-job.
    const read = ref.handled.fetchedAt ?? ref.handled.queuedAt;
    const stated =
      html === undefined && !meta.published && rawText
        ? dateFromText(
            page.title ?? '',
            rawText,
            languageOf(rawText),
            read && Date.parse(read) ? new Date(read) : new Date(),
          )
        : null;
    const dated = stated ? { published: stated.date, dateSource: 'text' as const } : {};
    return {
      next: {
        ...ref,
        ...meta,
        ...dated,
        text: page.text,
        handled: { ...ref.handled, cleanedAt: new Date().toISOString() },
      },
    };
  },
};

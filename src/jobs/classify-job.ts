/** Queue `classify`: scores relevance to US–Russia diplomacy, tags topics and names entities. */
import { z } from 'zod';
import { createClassifier, type Classifier } from '../stages/classify/classifier.js';
import { ArticleMetaSchema, ArticleRefSchema } from './article-fields.js';
import type { JobDefinition } from './job-definition.js';
import type { StorePayload } from './store-job.js';

/** Longest article text accepted (a few hundred pages of print). */
const MAX_TEXT_CHARS = 2_000_000;

export const ClassifyPayloadSchema = ArticleRefSchema.extend(ArticleMetaSchema.shape).extend({
  text: z.string().max(MAX_TEXT_CHARS),
});
export type ClassifyPayload = z.infer<typeof ClassifyPayloadSchema>;

let classifier: Classifier | undefined;

export const classifyJob: JobDefinition<typeof ClassifyPayloadSchema, StorePayload> = {
  stage: 'classify',
  schema: ClassifyPayloadSchema,
  init(config) {
    classifier = createClassifier(undefined, { threshold: config.classifyThreshold });
  },
  async process(payload, { config }) {
    classifier ??= createClassifier(undefined, { threshold: config.classifyThreshold });
    const c = classifier.classify({ title: payload.title, text: payload.text });
    return {
      next: {
        ...payload,
        // The language detected in the text, not the page's declaration (which may be wrong).
        language: c.language ?? payload.language,
        classification: {
          relevance: c.relevance,
          relevant: c.relevant,
          topics: c.topics,
          evidence: c.evidence,
          entities: c.entities,
        },
        handled: { ...payload.handled, classifiedAt: new Date().toISOString() },
      },
    };
  },
};

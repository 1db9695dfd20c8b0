/** Queue `classify`: scores relevance to US–Russia diplomacy, tags topics and names entities. */
import { CleanArticleSchema, type ClassifiedArticle } from '../shared/contracts.js';
import { createClassifier } from '../stages/classify/classifier.js';
import type { JobDefinition } from './job-definition.js';

export const classifyJob: JobDefinition<typeof CleanArticleSchema, ClassifiedArticle> = {
  stage: 'classify',
  schema: CleanArticleSchema,
  prepare(config) {
    const classifier = createClassifier(undefined, { threshold: config.classifyThreshold });
    return async (payload) => {
      const c = classifier.classify({ title: payload.title, text: payload.text });
      return {
        next: {
          ...payload,
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
    };
  },
};

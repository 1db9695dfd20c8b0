/** Queue `classify`: scores relevance to US–Russia diplomacy, tags topics, names entities and reads events. */
import { CleanArticleSchema, type ClassifiedArticle } from '../shared/contracts.js';
import { createClassifier } from '../stages/classify/classifier.js';
import { dateFromText } from '../stages/classify/text-date.js';
import { createEventExtractor } from '../stages/events/extractor.js';
import type { JobDefinition } from './job-definition.js';

export const classifyJob: JobDefinition<typeof CleanArticleSchema, ClassifiedArticle> = {
  stage: 'classify',
  schema: CleanArticleSchema,
  prepare(config) {
    const classifier = createClassifier(undefined, { threshold: config.classifyThreshold });
    const extractor = createEventExtractor();
    return async (payload, { log }) => {
      const c = classifier.classify({ title: payload.title, text: payload.text });
      // A page without a date takes the date its text states (a dateline, a full date in the lead).
      const read = payload.handled.fetchedAt ?? payload.handled.queuedAt;
      const stated = payload.published
        ? null
        : dateFromText(
            payload.title,
            payload.text,
            c.language ?? 'en',
            read && Date.parse(read) ? new Date(read) : new Date(),
          );
      const published = payload.published ?? stated?.date;
      const ev = extractor.extract({ title: payload.title, text: payload.text, date: published });
      for (const note of ev.notes) log.info({ id: payload.id, note }, 'events: left out');
      return {
        next: {
          ...payload,
          // The language detected in the text, not the page's declaration (which may be wrong).
          language: c.language ?? payload.language,
          ...(stated ? { published: stated.date, dateSource: 'text' as const } : {}),
          classification: {
            relevance: c.relevance,
            relevant: c.relevant,
            topics: c.topics,
            evidence: c.evidence,
            entities: c.entities,
            events: ev.events,
          },
          handled: { ...payload.handled, classifiedAt: new Date().toISOString() },
        },
      };
    };
  },
};

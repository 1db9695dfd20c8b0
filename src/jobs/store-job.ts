/** Queue `store`: upserts a relevant article by id, or records an irrelevant one as skipped. */
import { ClassifiedArticleSchema } from '../shared/contracts.js';
import type { JobDefinition } from './job-definition.js';

export const storeJob: JobDefinition<typeof ClassifiedArticleSchema, never> = {
  stage: 'store',
  schema: ClassifiedArticleSchema,
  prepare: () => async (p, ctx) => {
    const store = await ctx.store();
    const now = new Date().toISOString();
    const c = p.classification;
    if (!c.relevant) {
      const evidence = (c.evidence as { relevance?: unknown } | undefined)?.relevance;
      await store.recordSkipped({
        id: p.id,
        url: p.url,
        title: p.title,
        relevance: c.relevance,
        skippedAt: now,
        excerpt: p.text,
        evidence,
      });
      return { outcome: 'skipped', title: p.title, relevance: c.relevance };
    }
    const stored = await store.upsertArticle({
      id: p.id,
      url: p.url,
      canonicalUrl: p.canonicalUrl,
      title: p.title,
      byline: p.byline ?? null,
      published: p.published ?? null,
      dateSource: p.dateSource === 'text' ? 'text' : null,
      modified: p.modified ?? null,
      site: p.site ?? null,
      language: p.language ?? null,
      description: p.description ?? null,
      image: p.image ?? null,
      text: p.text,
      topics: c.topics,
      relevance: c.relevance,
      evidence: c.evidence,
      entities: c.entities,
      events: c.events,
      origin: p.origin.kind,
      sourceKind: p.sourceKind ?? null,
      feedUrl: p.origin.feedUrl ?? null,
      archivedFrom: p.archived?.url ?? null,
      fetchedAt: p.handled.fetchedAt ?? null,
      cleanedAt: p.handled.cleanedAt ?? null,
      classifiedAt: p.handled.classifiedAt ?? null,
      storedAt: now,
    });
    // An unchanged article (the same text delivered again) has nothing new to alert on.
    const storyId = stored.kind === 'unchanged' ? undefined : stored.storyId;
    const events = stored.events?.map(({ eventId, status }) => ({ eventId, status }));
    return {
      outcome: 'stored',
      title: p.title,
      relevance: c.relevance,
      ...(storyId ? { storyId } : {}),
      ...(events?.length ? { events } : {}),
    };
  },
};

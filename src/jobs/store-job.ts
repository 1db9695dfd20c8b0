/** Queue `store`: upserts a relevant article by id, or records an irrelevant one as skipped. */
import { z } from 'zod';
import { ArticleEventsSchema } from '../stages/events/schema.js';
import { ClassifyPayloadSchema } from './classify-job.js';
import type { JobDefinition } from './job-definition.js';

export const StorePayloadSchema = ClassifyPayloadSchema.extend({
  classification: z.object({
    relevance: z.number().min(0).max(1),
    relevant: z.boolean(),
    topics: z.array(z.string()),
    evidence: z.unknown(),
    entities: z.array(z.object({ name: z.string(), type: z.string(), mentions: z.number().int().nonnegative() })),
    events: ArticleEventsSchema.default([]),
  }),
});
export type StorePayload = z.infer<typeof StorePayloadSchema>;

export const storeJob: JobDefinition<typeof StorePayloadSchema, never> = {
  stage: 'store',
  schema: StorePayloadSchema,
  async process(p, ctx) {
    const store = await ctx.store();
    const now = new Date().toISOString();
    const c = p.classification;
    if (!c.relevant) {
      const evidence = (c.evidence as { relevance?: unknown } | undefined)?.relevance;
      await store.recordSkipped({ id: p.id, url: p.url, title: p.title, relevance: c.relevance, skippedAt: now, excerpt: p.text, evidence });
      return { outcome: 'skipped', title: p.title, relevance: c.relevance };
    }
    await store.upsertArticle({
      id: p.id,
      url: p.url,
      canonicalUrl: p.canonicalUrl,
      title: p.title,
      byline: p.byline ?? null,
      published: p.published ?? null,
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
      fetchedAt: p.handled.fetchedAt ?? null,
      cleanedAt: p.handled.cleanedAt ?? null,
      classifiedAt: p.handled.classifiedAt ?? null,
      storedAt: now,
    });
    return { outcome: 'stored', title: p.title, relevance: c.relevance };
  },
};

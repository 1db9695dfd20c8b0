/**
 * Payload pieces shared by several queues. Each queue's own schema lives in its job file; these are
 * the building blocks, so a field means the same thing at every stage.
 */
import { z } from 'zod';
import { MAX_URL_LENGTH } from '../shared/identity.js';

/** Article ids are hex hashes of the canonical URL (see shared/identity.ts). */
export const ArticleIdSchema = z.string().regex(/^[0-9a-f]{20}$/, 'must be a 20-character hex article id');

export const HttpUrlSchema = z
  .string()
  .max(MAX_URL_LENGTH)
  .refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), 'must be an absolute http(s) URL')
  // Credentials never travel in a job (they would be in Redis, the dashboard and the logs).
  .refine((v) => !URL.canParse(v) || (!new URL(v).username && !new URL(v).password), 'must not carry credentials (user:password@)')
  .refine((v) => !/[\s\u0000-\u001f\u007f]/.test(v), 'must not contain whitespace or control characters');

/** Where an article came from. */
export const OriginSchema = z.object({
  kind: z.enum(['enqueue', 'feed', 'seed']),
  feedUrl: HttpUrlSchema.optional(),
  seedFile: z.string().optional(),
});

/** Longest hint values a queue accepts (a feed's longer ones are cut to these before queueing). */
export const HINT_LIMITS = { title: 2_000, published: 64, author: 500, category: 200, categories: 100, summary: 20_000, site: 500 } as const;

/** What a feed item or a seed's record says of the article; it fills what the page lacks. */
export const HintsSchema = z.object({
  title: z.string().max(HINT_LIMITS.title).optional(),
  published: z.string().max(HINT_LIMITS.published).optional(),
  author: z.string().max(HINT_LIMITS.author).optional(),
  categories: z.array(z.string().max(HINT_LIMITS.category)).max(HINT_LIMITS.categories).optional(),
  summary: z.string().max(HINT_LIMITS.summary).optional(),
  site: z.string().max(HINT_LIMITS.site).optional(),
});

/** When each stage handled the article (ISO 8601). */
export const HandledSchema = z.object({
  queuedAt: z.string().optional(),
  fetchedAt: z.string().optional(),
  cleanedAt: z.string().optional(),
  classifiedAt: z.string().optional(),
});

/** Identity and provenance: every payload starts with these. */
export const ArticleRefSchema = z.object({
  id: ArticleIdSchema,
  /** The URL as given (or as the last redirect left it). Seeds carry `seed:<file>`. */
  url: z.string().min(1).max(MAX_URL_LENGTH),
  canonicalUrl: z.string().min(1).max(MAX_URL_LENGTH),
  origin: OriginSchema,
  hints: HintsSchema.optional(),
  handled: HandledSchema.default({}),
});

/** The metadata the clean stage establishes. */
export const ArticleMetaSchema = z.object({
  title: z.string(),
  byline: z.string().optional(),
  published: z.string().optional(),
  modified: z.string().optional(),
  site: z.string().optional(),
  language: z.string().optional(),
  description: z.string().optional(),
  image: z.string().optional(),
});

export type ArticleRef = z.infer<typeof ArticleRefSchema>;
export type Hints = z.infer<typeof HintsSchema>;

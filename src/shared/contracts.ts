/**
 * Parley's contract: the article's fields and every queue's payload, in one place. A field means the
 * same thing at every stage; the stages use the article types, the jobs and the pipeline the payloads.
 * Which payload follows which is not said here: that is the pipeline's order (pipeline/stages.ts).
 */
import { z } from 'zod';
import { ArticleEventsSchema } from './event-contract.js';
import { MAX_URL_LENGTH } from './identity.js';

// ---------------------------------------------------------------------------------------------
// Article fields
// ---------------------------------------------------------------------------------------------

/** Article ids are hex hashes of the canonical URL (see shared/identity.ts). */
export const ArticleIdSchema = z.string().regex(/^[0-9a-f]{20}$/, 'must be a 20-character hex article id');

export const HttpUrlSchema = z
  .string()
  .max(MAX_URL_LENGTH)
  .refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), 'must be an absolute http(s) URL')
  // Credentials never travel in a job (they would be in Redis, the dashboard and the logs).
  .refine(
    (v) => !URL.canParse(v) || (!new URL(v).username && !new URL(v).password),
    'must not carry credentials (user:password@)',
  )
  .refine((v) => !/[\s\u0000-\u001f\u007f]/.test(v), 'must not contain whitespace or control characters');

/** What kind of source published an article (sources/*.yaml): a government, a wire agency, state-run media, the press. */
export const SOURCE_KINDS = ['official', 'wire', 'state media', 'press'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Where an article came from. */
export const OriginSchema = z.object({
  kind: z.enum(['enqueue', 'feed', 'seed']),
  feedUrl: HttpUrlSchema.optional(),
  seedFile: z.string().optional(),
});

/** Longest hint values a queue accepts (a feed's longer ones are cut to these before queueing). */
export const HINT_LIMITS = {
  title: 2_000,
  published: 64,
  author: 500,
  category: 200,
  categories: 100,
  summary: 20_000,
  site: 500,
} as const;

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
  /** The kind of its source, when the feed or sitemap it came from was registered with one. */
  sourceKind: z.enum(SOURCE_KINDS).optional(),
  hints: HintsSchema.optional(),
  handled: HandledSchema.default({}),
  /** Backfill --wayback: when the page is gone (404/410, or its host no longer resolves), take the web archive's snapshot. */
  archiveLookup: z.boolean().optional(),
  /** The HTML came from this web archive snapshot (captured then), not the live page; `url` stays the page's own. */
  archived: z.object({ url: HttpUrlSchema, capturedAt: z.string().max(64) }).optional(),
});

/** The article's metadata as the clean stage establishes it; absent fields are left out. */
export const ArticleMetaSchema = z.object({
  title: z.string(),
  byline: z.string().optional(),
  published: z.string().optional(),
  /** 'text' when the page gave no date and `published` is the date its text states (stages/classify/text-date.ts). */
  dateSource: z.enum(['page', 'text']).optional(),
  modified: z.string().optional(),
  site: z.string().optional(),
  language: z.string().optional(),
  description: z.string().optional(),
  image: z.string().optional(),
});

/** The kinds of entity the classifier names. */
export const ENTITY_TYPES = ['person', 'organization', 'place'] as const;

/** A person, organisation or place the article names, under one normalised name ("Sergei Lavrov"). */
export const EntitySchema = z.object({
  name: z.string(),
  type: z.enum(ENTITY_TYPES),
  mentions: z.number().int().nonnegative(),
});

/** What the classify stage says of an article, as it travels to the store. */
export const ClassificationSchema = z.object({
  relevance: z.number().min(0).max(1),
  relevant: z.boolean(),
  topics: z.array(z.string()),
  /** Why: the phrases that counted, by relevance and by topic (see stages/classify/types.ts). */
  evidence: z.unknown(),
  entities: z.array(EntitySchema),
  /** The US–Russia diplomatic events the article reports (stages/events). */
  events: ArticleEventsSchema.default([]),
});

export type ArticleRef = z.infer<typeof ArticleRefSchema>;
export type Hints = z.infer<typeof HintsSchema>;
export type ArticleMeta = z.infer<typeof ArticleMetaSchema>;
export type Entity = z.infer<typeof EntitySchema>;
export type EntityType = Entity['type'];

// ---------------------------------------------------------------------------------------------
// Queue payloads, named by what they carry. Which queue takes which is pipeline/stages.ts's business.
// ---------------------------------------------------------------------------------------------

/** Longest article text accepted (a few hundred pages of print). */
const MAX_TEXT_CHARS = 2_000_000;
/** Largest HTML page accepted on a queue (the fetch stage caps bodies below this). */
const MAX_HTML_CHARS = 20_000_000;

/** An article to download. It needs a real web address; seeds never are one. */
export const ArticleToFetchSchema = ArticleRefSchema.extend({ url: HttpUrlSchema, canonicalUrl: HttpUrlSchema });

/** A document to clean: a fetched page's HTML, or plain text (seeds, full-text feed items). */
export const SourceDocumentSchema = ArticleRefSchema.extend({
  html: z.string().max(MAX_HTML_CHARS).optional(),
  text: z.string().max(MAX_HTML_CHARS).optional(),
}).refine((p) => (p.html === undefined) !== (p.text === undefined), {
  message: 'exactly one of html and text is required',
  path: ['html'],
});

/** A cleaned article: its reference, its metadata and its text. */
export const CleanArticleSchema = ArticleRefSchema.extend(ArticleMetaSchema.shape).extend({
  text: z.string().max(MAX_TEXT_CHARS),
});

/** A classified article. */
export const ClassifiedArticleSchema = CleanArticleSchema.extend({ classification: ClassificationSchema });

/** The feed poller's queue: a source of the pipeline, not a stage of it. */
export const FEED_QUEUE = 'feeds';

/** One poll of one feed (queue `feeds`). */
export const FeedPollSchema = z.object({ feedUrl: HttpUrlSchema });

export type ArticleToFetch = z.infer<typeof ArticleToFetchSchema>;
export type SourceDocument = z.infer<typeof SourceDocumentSchema>;
export type CleanArticle = z.infer<typeof CleanArticleSchema>;
export type ClassifiedArticle = z.infer<typeof ClassifiedArticleSchema>;
export type FeedPoll = z.infer<typeof FeedPollSchema>;

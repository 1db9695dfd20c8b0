/**
 * Reads an ArticleQuery from text parameters (CLI flags, URL query strings) and says which one is
 * wrong. The CLI and the HTTP API share it, so they take the same filters the same way.
 */
import { z } from 'zod';
import { SOURCE_KINDS } from '../../shared/contracts.js';
import { MAX_URL_LENGTH } from '../../shared/identity.js';
import { DEFAULT_LIMIT, MAX_LIMIT, type ArticleQuery } from './article-store.js';

/** Longest search text accepted: far beyond any real query, short of a pathological one. */
const MAX_QUERY_LENGTH = 500;

/** An ISO 639 language code, as the language detector stores it ("en", "ru"). */
const LANGUAGE_CODE = /^[a-z]{2,3}$/i;

const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Optional text within `max` characters; blank means absent. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);
const date = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || (DATE.test(v) && !Number.isNaN(Date.parse(v))), 'must be a date: YYYY-MM-DD or ISO 8601')
  .transform((v) => (v ? (v.length === 10 ? v : new Date(v).toISOString()) : undefined));
/** An optional whole number in [min, max], `fallback` when absent. */
export const whole = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max),
      `must be a whole number from ${min} to ${max}`,
    )
    .transform((v) => (v === undefined ? fallback : Number(v)));

const QuerySchema = z.object({
  q: text(MAX_QUERY_LENGTH),
  topic: text(200),
  entity: text(200),
  site: text(500),
  lang: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || LANGUAGE_CODE.test(v), 'must be a language code such as en or ru')
    .transform((v) => v?.toLowerCase() || undefined),
  kind: z
    .string()
    .trim()
    .optional()
    .refine(
      (v) => !v || (SOURCE_KINDS as readonly string[]).includes(v.toLowerCase()),
      `must be one of ${SOURCE_KINDS.join(', ')}`,
    )
    .transform((v) => v?.toLowerCase() || undefined),
  /** A feed's URL as registered: the articles its polls brought. */
  feed: text(MAX_URL_LENGTH),
  from: date,
  to: date,
  limit: whole(1, MAX_LIMIT, DEFAULT_LIMIT),
  offset: whole(0, 10_000_000, 0),
});

/** The parameter names, for usage lines and forms. */
export const QUERY_PARAMETERS = Object.keys(QuerySchema.shape);

/** A parameter that is not a valid filter; the message names it. An HTTP server answers it with its status. */
export class InvalidQueryError extends Error {
  override name = 'InvalidQueryError';
  /** Bad Request: the client's query is at fault. */
  readonly statusCode = 400;
}

/** A repeated parameter's last value (the one a person typed last), or the value itself. */
function lastOf(value: unknown): unknown {
  return Array.isArray(value) ? (value as unknown[]).at(-1) : value;
}

/** Parses filters from strings; unknown parameters are ignored, a bad value throws InvalidQueryError. */
export function parseArticleQuery(raw: Record<string, unknown>): ArticleQuery & { limit: number; offset: number } {
  return parseQueryParams(QuerySchema, raw);
}

/**
 * Reads `schema`'s parameters from strings (a repeated one's last value counts); unknown parameters
 * are ignored, a bad value throws InvalidQueryError naming every bad parameter.
 */
export function parseQueryParams<S extends z.ZodObject>(schema: S, raw: Record<string, unknown>): z.output<S> {
  const picked = Object.fromEntries(
    Object.keys(schema.shape)
      .map((k): [string, unknown] => [k, lastOf(raw[k])])
      .filter(([, v]) => v !== undefined),
  );
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    throw new InvalidQueryError(
      parsed.error.issues
        .map((i) => `${String(i.path[0])} ${i.code === 'invalid_type' ? 'must be text' : i.message}`)
        .join('; '),
    );
  }
  return parsed.data;
}

type JsonSchema = Record<string, unknown>;

/**
 * The filters as a JSON schema for a URL query string (an HTTP server checks it before a route
 * runs): each known parameter is text within its length, or the same repeated (the last one counts).
 * What a value means (a date, a whole number in range) is parseArticleQuery's to check.
 */
export const ARTICLE_QUERY_JSON_SCHEMA: JsonSchema = (() => {
  const { properties = {}, ...rest } = z.toJSONSchema(QuerySchema, { io: 'input' }) as JsonSchema & {
    properties?: Record<string, JsonSchema>;
  };
  delete rest.$schema; // validators default to draft-07; the properties below mean the same in every draft
  const repeatable = Object.fromEntries(
    Object.entries(properties).map(([k, p]) => [k, { anyOf: [p, { type: 'array', items: p }] }]),
  );
  return { ...rest, properties: repeatable };
})();

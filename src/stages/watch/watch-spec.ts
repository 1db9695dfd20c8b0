/**
 * A watch: a name, a filter over stored articles and a delivery (a JSON webhook, a Slack-compatible
 * incoming webhook, or email), sent at once or gathered into a digest. Validated with zod; a bad
 * watch is refused with a message that names the field ("topics[0]: unknown topic …").
 */
import { z } from 'zod';
import { EVENT_TYPES } from '../../shared/event-contract.js';
import { ipLiteralHost, refusalReason, type AddressPolicy } from '../fetch/address-policy.js';
import { parseDigest } from './digest.js';

/** Longest free-text query and list a watch may hold: a filter, not a document. */
const MAX_QUERY_CHARS = 500;
const MAX_LIST = 50;

const text = z.string().trim().min(1, 'must not be empty').max(200);
const list = z.array(text).max(MAX_LIST).default([]);

export const WatchFilterSchema = z
  .object({
    /** Any of these topics (taxonomy ids). */
    topics: list,
    /** Each of these names (part of an entity's name, case-insensitive). */
    entities: list,
    /** Any of these event types reported by the article. */
    events: z.array(z.enum(EVENT_TYPES)).max(MAX_LIST).default([]),
    /** Each of these people among the article's person entities or event participants. */
    people: list,
    /** Every word of this text in the title or text (case-insensitive). */
    q: z.string().trim().min(1).max(MAX_QUERY_CHARS).optional(),
    /** Language code ("ru"); a regional tag (ru-RU) counts as its language. */
    lang: z
      .string()
      .regex(/^[a-z]{2,3}$/i, 'must be a language code such as en or ru')
      .transform((v) => v.toLowerCase())
      .optional(),
    minRelevance: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').optional(),
    /** Any of these sites (a copy of the story on that site counts). */
    sites: list,
  })
  .strict();

const httpUrl = z
  .string()
  .refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), 'must be an absolute http(s) URL')
  .refine((v) => !URL.canParse(v) || (!new URL(v).username && !new URL(v).password), 'must not carry credentials');

export const DeliverySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('webhook'), url: httpUrl }).strict(),
  z.object({ kind: z.literal('slack'), url: httpUrl }).strict(),
  z.object({ kind: z.literal('email'), to: z.email('must be an email address') }).strict(),
]);

export const WatchSpecSchema = z
  .object({
    name: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
        'must be 1–64 letters, digits, _ . or - (starting with a letter or digit)',
      ),
    filter: WatchFilterSchema,
    delivery: DeliverySchema,
    /** `immediate`, or a digest: `hourly`, `daily@HH:MM/Zone`. */
    mode: z.string().default('immediate'),
    /** Also hear when a feed fails or falls silent, and when it recovers (always at once, never in a digest). */
    sourceHealth: z.boolean('must be true or false').optional(),
  })
  .strict();

export type WatchFilter = z.output<typeof WatchFilterSchema>;
export type Delivery = z.output<typeof DeliverySchema>;
export type WatchSpec = z.output<typeof WatchSpecSchema>;

/** A watch as stored: its spec, the secret its deliveries are signed with, and how its receiver fares. */
export interface Watch extends WatchSpec {
  secret: string;
  createdAt: string;
  /** Deliveries that failed in a row since the last one that got through. */
  failures: number;
  /** Since when the receiver has kept failing (FAILING_AFTER failures in a row), or null. */
  failingSince: string | null;
  lastError: string | null;
  lastDeliveryAt: string | null;
  /** Deliveries that ran out of attempts, held until the receiver answers again. */
  held: number;
}

/**
 * Whether a watch hears of stored articles: a source-health watch with an empty filter hears only of
 * sources (an empty filter otherwise means every article).
 */
export function hearsArticles(spec: Pick<WatchSpec, 'filter' | 'sourceHealth'>): boolean {
  if (!spec.sourceHealth) return true;
  const f = spec.filter;
  return Boolean(
    f.topics.length ||
    f.entities.length ||
    f.events.length ||
    f.people.length ||
    f.sites.length ||
    f.q ||
    f.lang ||
    f.minRelevance !== undefined,
  );
}

/** Thrown for a watch that cannot be kept; the message starts with the field at fault. */
export class WatchError extends Error {
  override name = 'WatchError';
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export interface WatchRules {
  /** The taxonomy's topic ids. */
  topics: readonly string[];
  /** The fetch stage's address policy (FETCH_ALLOW_PRIVATE …): webhooks may reach what fetching may. */
  addresses: AddressPolicy;
}

function fieldOf(path: readonly PropertyKey[]): string {
  const parts = path[0] === 'filter' || path[0] === 'delivery' ? path.slice(1) : path;
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || 'watch';
}

/** Why the fetch guard refuses a receiver's host, or null. Names resolve at delivery (guarded there too). */
export function refusedTarget(url: string, policy: AddressPolicy): string | null {
  const u = new URL(url);
  const host = u.hostname.toLowerCase();
  const ip = ipLiteralHost(u) ?? (host === 'localhost' || host.endsWith('.localhost') ? '127.0.0.1' : null);
  return ip === null ? null : refusalReason(ip, policy);
}

/** Checks a watch against the schema and the rules; throws WatchError naming the first bad field. */
export function validateWatch(input: unknown, rules: WatchRules): WatchSpec {
  const parsed = WatchSpecSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new WatchError(fieldOf(issue.path), issue.message);
  }
  const spec = parsed.data;
  spec.filter.topics.forEach((t, i) => {
    if (!rules.topics.includes(t))
      throw new WatchError(
        `topics[${i}]`,
        `unknown topic ${JSON.stringify(t)}; known topics: ${rules.topics.join(', ')}`,
      );
  });
  if (spec.mode !== 'immediate') {
    const d = parseDigest(spec.mode);
    if ('error' in d) throw new WatchError('digest', d.error);
  }
  if (spec.delivery.kind !== 'email') {
    const refused = refusedTarget(spec.delivery.url, rules.addresses);
    if (refused) throw new WatchError('url', `${refused}; receivers pass the same address guard as fetching`);
  }
  return spec;
}

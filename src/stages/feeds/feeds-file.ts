/**
 * feeds.json: the feeds to register at start, e.g.
 *   [{ "url": "https://tass.com/rss/v2.xml", "every": "15m" }, { "url": "https://ria.ru/export/rss2/archive/index.xml" }]
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InvalidPayloadError } from '../../shared/errors/index.js';
import { parseHttpUrl } from '../../shared/identity.js';
import { parseDuration } from './duration.js';
import { DEFAULT_FEED_INTERVAL_MS, MIN_FEED_INTERVAL_MS } from './feed-registry.js';

/** A feed to register. */
export interface FeedSpec {
  url: string;
  everyMs: number;
}

const duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    const ms = parseDuration(value);
    if (ms < MIN_FEED_INTERVAL_MS)
      ctx.addIssue({ code: 'custom', message: `interval ${value} is shorter than the minimum of 1m` });
    return ms;
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const url = z.string().transform((value, ctx) => {
  try {
    return parseHttpUrl(value).href;
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const FeedsFileSchema = z.array(z.object({ url, every: duration.optional() }).strict());

/** Validates the parsed content of a feeds file. Throws InvalidPayloadError naming entry and field. */
export function parseFeedsFile(data: unknown, source = 'feeds file'): FeedSpec[] {
  const result = FeedsFileSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) =>
        `${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') || '(root)'}: ${issue.message}`,
    );
    throw new InvalidPayloadError(`${source} is invalid: ${problems.join('; ')}`);
  }
  return result.data.map(({ url: href, every }) => ({ url: href, everyMs: every ?? DEFAULT_FEED_INTERVAL_MS }));
}

/** Reads and validates a feeds.json file. */
export async function loadFeedsFile(path: string): Promise<FeedSpec[]> {
  const text = await readFile(path, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidPayloadError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseFeedsFile(data, path);
}

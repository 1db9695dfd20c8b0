/**
 * Decides an article's metadata from what the page says and what came with the job (a feed item's
 * or a seed record's hints). The page is trusted first; hints fill its gaps.
 */
import type { ArticleMeta, Hints } from '../../shared/contracts.js';
import { isoDate } from '../../shared/iso-date.js';
import type { PageMetadata } from './metadata.js';

export type { ArticleMeta } from '../../shared/contracts.js';

/** What an extractor found on the page (text mode finds only a title). */
export interface PageFindings {
  title: string | undefined;
  metadata?: Partial<PageMetadata>;
}

/** The title given to an article that names none anywhere. */
export const UNTITLED = '(untitled)';

/** Where the article was found and what came with it. */
export interface ArticleSource {
  url: string;
  hints?: Hints;
}

export function mergeMetadata(ref: ArticleSource, page: PageFindings): ArticleMeta {
  const m = page.metadata ?? {};
  const hints = ref.hints ?? {};
  const authors = m.authors?.filter(Boolean) ?? [];
  const meta: ArticleMeta = {
    title: firstText(page.title, m.title, hints.title) ?? UNTITLED,
    byline: authors.length > 0 ? authors.join(', ') : firstText(hints.author),
    published: isoDate(m.published) ?? isoDate(hints.published),
    modified: isoDate(m.modified),
    site: firstText(m.siteName, hints.site) ?? hostOf(ref.url),
    language: firstText(m.language),
    description: firstText(m.description, hints.summary),
    image: firstText(m.image),
  };
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as ArticleMeta;
}

function firstText(...values: (string | undefined)[]): string | undefined {
  for (const v of values) {
    const t = v?.replace(/\s+/g, ' ').trim();
    if (t) return t;
  }
  return undefined;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined; // seeds carry `seed:<file>`
  }
}

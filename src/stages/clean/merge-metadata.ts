/**
 * Decides an article's metadata from what the page says and what came with the job (a feed item's
 * or a seed record's hints). The page is trusted first; hints fill its gaps.
 */
import type { ArticleRef } from '../../jobs/article-fields.js';
import { isoDate } from '../../shared/iso-date.js';

/** What an extractor found on the page (text mode finds only a title). */
export interface PageFindings {
  title: string | undefined;
  metadata?: {
    title?: string;
    authors?: string[];
    published?: string;
    modified?: string;
    siteName?: string;
    language?: string;
    description?: string;
    image?: string;
  };
}

/** The title given to an article that names none anywhere. */
export const UNTITLED = '(untitled)';

/** The metadata fields of a cleaned article; absent fields are left out. */
export interface ArticleMeta {
  title: string;
  byline?: string;
  published?: string;
  modified?: string;
  site?: string;
  language?: string;
  description?: string;
  image?: string;
}

export function mergeMetadata(ref: Pick<ArticleRef, 'url' | 'hints'>, page: PageFindings): ArticleMeta {
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

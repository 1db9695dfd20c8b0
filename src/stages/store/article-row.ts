/** An article as the values of its `articles` row, shared by the store and bulk loaders. */
import type { StoredArticle } from './article-store.js';
import { fingerprintColumn } from './story-index.js';
import type { Fingerprint } from './fingerprint.js';
import type { SqlValue } from './sql-client.js';
import { stemsOf } from './search-stems.js';

export const ARTICLE_COLUMNS = [
  'id',
  'url',
  'canonical_url',
  'title',
  'byline',
  'published_at',
  'modified_at',
  'site',
  'language',
  'description',
  'image',
  'body',
  'relevance',
  'evidence',
  'origin',
  'fetched_at',
  'cleaned_at',
  'classified_at',
  'stored_at',
  'sort_at',
  'source_kind',
  'feed_url',
  'archived_from',
  'date_source',
] as const;

/** Columns written on every store: the read columns, the fingerprint and the search stems (search-stems.ts). */
export const WRITTEN_COLUMNS = [...ARTICLE_COLUMNS, 'fingerprint', 'title_stems', 'body_stems'] as const;

/** The values of WRITTEN_COLUMNS for an article, in that order. */
export function articleRow(a: StoredArticle, fp: Fingerprint | null): SqlValue[] {
  return [
    a.id,
    a.url,
    a.canonicalUrl,
    a.title,
    a.byline,
    a.published,
    a.modified,
    a.site,
    a.language,
    a.description,
    a.image,
    a.text,
    a.relevance,
    JSON.stringify(a.evidence ?? null),
    a.origin,
    a.fetchedAt,
    a.cleanedAt,
    a.classifiedAt,
    a.storedAt,
    a.published ?? a.storedAt,
    a.sourceKind ?? null,
    a.feedUrl ?? null,
    a.archivedFrom ?? null,
    a.dateSource ?? null,
    fingerprintColumn(fp),
    stemsOf(a.title),
    stemsOf(a.text),
  ];
}

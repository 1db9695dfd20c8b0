/** An article as the values of its `articles` row, shared by the store and bulk loaders. */
import type { StoredArticle } from './article-store.js';
import type { SqlDialect } from './dialect.js';
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

/** The Cyrillic stems, where the dialect keeps them (search-stems.ts, dialect.ts). */
const STEM_COLUMNS = ['title_stems', 'body_stems'] as const;

/**
 * Columns written on every store: the read columns, the fingerprint, the stems where the dialect
 * keeps them and its search columns.
 */
export function writtenColumns(d: SqlDialect): string[] {
  return [...ARTICLE_COLUMNS, 'fingerprint', ...(d.keepsStems ? STEM_COLUMNS : []), ...d.searchColumns];
}

/** Where an article stands in a newest-first listing: its publication date, else when it was stored. */
export function sortAt(a: StoredArticle): string {
  return a.published ?? a.storedAt;
}

/**
 * The values of writtenColumns(d) for an article, in that order. It stems and makes search terms
 * (the CPU of a write): the store makes it before its transaction, outside the story lock.
 */
export function articleRow(a: StoredArticle, fp: Fingerprint | null, d: SqlDialect): SqlValue[] {
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
    sortAt(a),
    a.sourceKind ?? null,
    a.feedUrl ?? null,
    a.archivedFrom ?? null,
    a.dateSource ?? null,
    fingerprintColumn(fp),
    ...(d.keepsStems ? [stemsOf(a.title), stemsOf(a.text)] : []),
    ...d.searchValues(a.title, a.text),
  ];
}

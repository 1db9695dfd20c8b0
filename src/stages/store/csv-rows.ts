/** Stored articles and timeline entries as CSV rows (one row each), for the API and the CLIs. */
import type { CsvValue } from '../../shared/csv.js';
import type { FoundArticle } from './article-store.js';
import type { TimelineEntry } from './event-queries.js';

export const ARTICLE_CSV_HEADER = [
  'id',
  'published',
  'title',
  'url',
  'site',
  'sites',
  'language',
  'relevance',
  'topics',
  'entities',
  'stored_at',
] as const;

export function articleCsvRow(a: FoundArticle): CsvValue[] {
  const sites = [...new Set(a.copies.map((c) => c.site).filter((s): s is string => !!s))];
  return [
    a.id,
    a.published,
    a.title,
    a.url,
    a.site,
    sites.join('; '),
    a.language,
    a.relevance.toFixed(3),
    a.topics.join('; '),
    a.entities.map((e) => e.name).join('; '),
    a.storedAt,
  ];
}

export const EVENT_CSV_HEADER = [
  'id',
  'date',
  'type',
  'status',
  'us',
  'ru',
  'initiator',
  'place',
  'reports',
  'sites',
  'first_seen',
  'evidence',
  'url',
] as const;

export function eventCsvRow(e: TimelineEntry): CsvValue[] {
  const sites = [...new Set(e.reports.map((r) => r.site).filter((s): s is string => !!s))];
  const first = e.reports[0];
  return [
    e.id,
    e.date,
    e.type,
    e.status,
    e.us.join('; '),
    e.ru.join('; '),
    e.initiator,
    e.place,
    e.reports.length,
    sites.join('; '),
    e.firstSeen,
    first?.evidence,
    first?.url,
  ];
}

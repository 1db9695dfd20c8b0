/**
 * Articles from each kind of source over five weeks of autumn 2026 (one story from each group of
 * tests/fixtures/stories, so none is taken for another's retelling): the source-kind filter and
 * chart tests start with these.
 */
import type { SourceKind } from '../../src/shared/contracts.js';
import type { StoredArticle } from '../../src/stages/store/article-store.js';
import { realArticle } from './dashboard-fixture.js';

const PLAN: [id: string, kind: SourceKind | null, day: string][] = [
  ['seed-001', 'official', '2026-10-19'],
  ['isot-true-2528', 'official', '2026-10-21'],
  ['isot-true-636', 'wire', '2026-10-27'],
  ['isot-true-832', 'state media', '2026-10-28'],
  ['isot-true-769', null, '2026-10-29'],
  ['isot-true-458', 'official', '2026-11-03'],
  ['isot-true-928', 'press', '2026-11-05'],
  ['isot-true-16594', 'wire', '2026-11-10'],
  ['isot-true-6457', 'official', '2026-11-11'],
  ['isot-true-18705', null, '2026-11-17'],
  ['isot-true-12842', 'state media', '2026-11-18'],
];

export const KIND_ARTICLES: StoredArticle[] = PLAN.map(([id, kind, day]) =>
  realArticle(id, { sourceKind: kind, published: `${day}T10:00:00.000Z`, site: 'news.example' }),
);

/** The ids of the articles of one kind. */
export const idsOfKind = (kind: SourceKind | null): string[] =>
  PLAN.filter(([, k]) => k === kind)
    .map(([id]) => id)
    .sort();

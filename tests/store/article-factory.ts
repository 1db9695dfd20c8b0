/** A complete StoredArticle for store tests; fields overridable. */
import type { StoredArticle } from '../../src/stages/store/article-store.js';

export function article(id: string, overrides: Partial<StoredArticle> = {}): StoredArticle {
  return {
    id,
    url: `https://example.org/${id}`,
    canonicalUrl: `https://example.org/${id}`,
    title: `Title ${id}`,
    byline: 'A. Writer',
    published: '2017-04-12T00:00:00.000Z',
    modified: null,
    site: 'example.org',
    language: 'en',
    description: null,
    image: null,
    text: 'Lavrov and Tillerson met in Moscow.',
    topics: ['syria', 'meeting'],
    relevance: 0.9,
    evidence: { relevance: [{ phrase: 'Lavrov and Tillerson met', where: 'body' }], topics: {} },
    entities: [{ name: 'Sergei Lavrov', type: 'person', mentions: 2 }],
    origin: 'enqueue',
    sourceKind: null,
    feedUrl: null,
    archivedFrom: null,
    fetchedAt: '2026-01-01T00:00:00.000Z',
    cleanedAt: '2026-01-01T00:00:01.000Z',
    classifiedAt: '2026-01-01T00:00:02.000Z',
    storedAt: '2026-01-01T00:00:03.000Z',
    ...overrides,
  };
}

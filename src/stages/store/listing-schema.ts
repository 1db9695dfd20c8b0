/**
 * Two migrations that keep newest-first listings cheap at a million articles: a topic's articles in
 * their own date order, and PostgreSQL rows that keep their short columns in the row.
 */
import type { SqlDialect } from './dialect.js';

/**
 * article_topics carries its article's sort_at, indexed by topic then date: a listing with a topic
 * walks that index newest first (article-filters.ts) instead of the articles' date index checking
 * each article's topics. The store writes the column with the topic rows (article-row.ts sortAt);
 * a trigger follows an article whose date changes without its topics being rewritten. The new
 * index replaces the one on topic alone (counts per topic read it as well).
 */
export function topicDatesSchema(d: SqlDialect): readonly string[] {
  const column = `ALTER TABLE article_topics ADD COLUMN sort_at TEXT NOT NULL DEFAULT ''`;
  const index = [
    `CREATE INDEX IF NOT EXISTS article_topics_newest ON article_topics (topic, sort_at DESC, article_id)`,
    `DROP INDEX IF EXISTS article_topics_topic`,
  ];
  if (d.name === 'sqlite') {
    return [
      column,
      `UPDATE article_topics SET sort_at = COALESCE((SELECT a.sort_at FROM articles a WHERE a.id = article_topics.article_id), '')`,
      ...index,
      `CREATE TRIGGER IF NOT EXISTS article_topics_follow_date AFTER UPDATE OF sort_at ON articles
        WHEN new.sort_at IS NOT old.sort_at
        BEGIN UPDATE article_topics SET sort_at = new.sort_at WHERE article_id = new.id; END`,
    ];
  }
  return [
    column,
    `UPDATE article_topics t SET sort_at = a.sort_at FROM articles a WHERE a.id = t.article_id`,
    ...index,
    `CREATE OR REPLACE FUNCTION article_topics_follow_date() RETURNS trigger LANGUAGE plpgsql AS $body$
    BEGIN
      UPDATE article_topics SET sort_at = NEW.sort_at WHERE article_id = NEW.id;
      RETURN NULL;
    END $body$`,
    `CREATE TRIGGER article_topics_follow_date AFTER UPDATE OF sort_at ON articles
      FOR EACH ROW WHEN (OLD.sort_at IS DISTINCT FROM NEW.sort_at) EXECUTE FUNCTION article_topics_follow_date()`,
  ];
}

/**
 * Columns of `articles` short enough to stay in the row (PostgreSQL). With the search vectors kept
 * in the row (STORAGE MAIN, migration 15) a row never fits TOAST's 2 KB target, so PostgreSQL moved
 * every other column longer than a TOAST pointer (24 bytes) out of line, down to sort_at's ISO
 * dates: sorting 8,400 matches by date read 67,000 TOAST pages and took 250–800 ms where the same
 * sort by id took 55 ms. STORAGE MAIN keeps a column in the row (compressed if the row is over
 * 2 KB) unless the row would not fit a page. The body, description and evidence stay out of line.
 */
const SHORT_COLUMNS = [
  'url',
  'canonical_url',
  'title',
  'byline',
  'published_at',
  'modified_at',
  'site',
  'language',
  'image',
  'origin',
  'fetched_at',
  'cleaned_at',
  'classified_at',
  'stored_at',
  'sort_at',
  'fingerprint',
  'source_kind',
  'feed_url',
  'archived_from',
  'date_source',
] as const;

/**
 * The storage change applies to values written from now on; sort_at, which every listing and
 * ranking reads, is rewritten in every row now. The date does not change, so the user triggers
 * (topic day counts, topic dates) are off meanwhile; the GIN indexes are made again after the rows
 * rather than given every rewritten row's few hundred terms one at a time.
 */
export function inlineColumnsSchema(d: SqlDialect): readonly string[] {
  if (d.name === 'sqlite') return [];
  return [
    `ALTER TABLE articles ${SHORT_COLUMNS.map((c) => `ALTER COLUMN ${c} SET STORAGE MAIN`).join(', ')}`,
    `DROP INDEX IF EXISTS articles_search`,
    `DROP INDEX IF EXISTS articles_title_search`,
    `ALTER TABLE articles DISABLE TRIGGER USER`,
    `UPDATE articles SET sort_at = sort_at || ''`,
    `ALTER TABLE articles ENABLE TRIGGER USER`,
    `CREATE INDEX articles_search ON articles USING GIN (search)`,
    `CREATE INDEX articles_title_search ON articles USING GIN (title_search)`,
  ];
}

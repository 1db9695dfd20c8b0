/**
 * Articles per day and topic, kept counted as articles are written (the "topic day counts"
 * migration), so the weekly topic chart reads at most a few thousand small rows however many
 * articles its weeks hold. Triggers keep the counts, so every write path (a batch, one article, a
 * revision that moves an article's date, a skip that deletes it) counts alike:
 *
 * - a topic row added counts on its article's day; one removed uncounts it (when its article is
 *   still there: an article deleted has uncounted its topics first, before its topics cascade);
 * - an article whose date moves to another day moves its topics' counts with it.
 *
 * A day and topic left at 0 keeps its row; readers skip it.
 */
import type { SqlDialect } from './dialect.js';

const TABLE = `CREATE TABLE IF NOT EXISTS topic_days (
  day TEXT NOT NULL,
  topic TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (day, topic)
)`;

const DAY = (row: string) => `SUBSTR(${row}.sort_at, 1, 10)`;

/** Counts of the articles already stored (the benchmark's bulk fill runs it too, bench/_fill-indexes.ts). */
export const TOPIC_DAYS_FILL = `INSERT INTO topic_days (day, topic, n)
  SELECT ${DAY('a')}, t.topic, COUNT(*) FROM articles a JOIN article_topics t ON t.article_id = a.id
  GROUP BY ${DAY('a')}, t.topic`;

const add = (day: string, topic: string, from: string) =>
  `INSERT INTO topic_days (day, topic, n) SELECT ${day}, ${topic}, 1 FROM ${from}
   ON CONFLICT (day, topic) DO UPDATE SET n = topic_days.n + 1`;

const sqlite = [
  TABLE,
  `CREATE TRIGGER IF NOT EXISTS topic_days_add AFTER INSERT ON article_topics BEGIN
    ${add(DAY('a'), 'new.topic', 'articles a WHERE a.id = new.article_id')}; END`,
  `CREATE TRIGGER IF NOT EXISTS topic_days_remove AFTER DELETE ON article_topics BEGIN
    UPDATE topic_days SET n = n - 1 WHERE topic = old.topic
      AND day = (SELECT ${DAY('a')} FROM articles a WHERE a.id = old.article_id); END`,
  `CREATE TRIGGER IF NOT EXISTS topic_days_article_delete BEFORE DELETE ON articles BEGIN
    UPDATE topic_days SET n = n - 1 WHERE day = ${DAY('old')}
      AND topic IN (SELECT topic FROM article_topics WHERE article_id = old.id); END`,
  `CREATE TRIGGER IF NOT EXISTS topic_days_article_move AFTER UPDATE OF sort_at ON articles
    WHEN ${DAY('old')} <> ${DAY('new')} BEGIN
    UPDATE topic_days SET n = n - 1 WHERE day = ${DAY('old')}
      AND topic IN (SELECT topic FROM article_topics WHERE article_id = new.id);
    ${add(DAY('new'), 't.topic', 'article_topics t WHERE t.article_id = new.id')}; END`,
  TOPIC_DAYS_FILL,
];

/** PostgreSQL: the same four rules as row triggers over one function in the store's schema. */
const postgres = [
  TABLE,
  `CREATE OR REPLACE FUNCTION topic_days_count() RETURNS trigger LANGUAGE plpgsql AS $body$
  BEGIN
    IF TG_TABLE_NAME = 'article_topics' THEN
      IF TG_OP = 'INSERT' THEN
        ${add(DAY('a'), 'NEW.topic', 'articles a WHERE a.id = NEW.article_id')};
        RETURN NEW;
      END IF;
      UPDATE topic_days SET n = n - 1 WHERE topic = OLD.topic
        AND day = (SELECT ${DAY('a')} FROM articles a WHERE a.id = OLD.article_id);
      RETURN OLD;
    END IF;
    IF TG_OP = 'DELETE' THEN
      UPDATE topic_days SET n = n - 1 WHERE day = ${DAY('OLD')}
        AND topic IN (SELECT topic FROM article_topics WHERE article_id = OLD.id);
      RETURN OLD;
    END IF;
    IF ${DAY('OLD')} <> ${DAY('NEW')} THEN
      UPDATE topic_days SET n = n - 1 WHERE day = ${DAY('OLD')}
        AND topic IN (SELECT topic FROM article_topics WHERE article_id = OLD.id);
      ${add(DAY('NEW'), 't.topic', 'article_topics t WHERE t.article_id = NEW.id')};
    END IF;
    RETURN NEW;
  END $body$`,
  `CREATE TRIGGER topic_days_topics AFTER INSERT OR DELETE ON article_topics
    FOR EACH ROW EXECUTE FUNCTION topic_days_count()`,
  `CREATE TRIGGER topic_days_article_delete BEFORE DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION topic_days_count()`,
  `CREATE TRIGGER topic_days_article_move AFTER UPDATE OF sort_at ON articles
    FOR EACH ROW EXECUTE FUNCTION topic_days_count()`,
  TOPIC_DAYS_FILL,
];

/**
 * PostgreSQL, a later migration: a statement that adds or removes topic rows counts them all at
 * once (statement triggers over its transition table), where the row trigger ran one statement per
 * topic row, two or three per article written. The same rules: a topic row added counts on its
 * article's day; one removed uncounts it when its article is still there.
 */
const postgresPerStatement = [
  `DROP TRIGGER IF EXISTS topic_days_topics ON article_topics`,
  `CREATE OR REPLACE FUNCTION topic_days_topics_added() RETURNS trigger LANGUAGE plpgsql AS $body$
  BEGIN
    INSERT INTO topic_days (day, topic, n)
      SELECT ${DAY('a')}, t.topic, COUNT(*) FROM added_topics t JOIN articles a ON a.id = t.article_id
      GROUP BY ${DAY('a')}, t.topic
    ON CONFLICT (day, topic) DO UPDATE SET n = topic_days.n + excluded.n;
    RETURN NULL;
  END $body$`,
  `CREATE OR REPLACE FUNCTION topic_days_topics_removed() RETURNS trigger LANGUAGE plpgsql AS $body$
  BEGIN
    UPDATE topic_days d SET n = d.n - r.n
      FROM (SELECT ${DAY('a')} AS day, t.topic, COUNT(*) AS n FROM removed_topics t
            JOIN articles a ON a.id = t.article_id GROUP BY ${DAY('a')}, t.topic) r
      WHERE d.day = r.day AND d.topic = r.topic;
    RETURN NULL;
  END $body$`,
  `CREATE TRIGGER topic_days_topics_insert AFTER INSERT ON article_topics
    REFERENCING NEW TABLE AS added_topics FOR EACH STATEMENT EXECUTE FUNCTION topic_days_topics_added()`,
  `CREATE TRIGGER topic_days_topics_delete AFTER DELETE ON article_topics
    REFERENCING OLD TABLE AS removed_topics FOR EACH STATEMENT EXECUTE FUNCTION topic_days_topics_removed()`,
];

/** The later migration's statements (none in SQLite, where a row trigger is a call in the process). */
export function topicDaysPerStatementSchema(d: SqlDialect): readonly string[] {
  return d.name === 'sqlite' ? [] : postgresPerStatement;
}

/** The migration's statements: the table, the triggers that keep it, and the counts so far. */
export function topicDaysSchema(d: SqlDialect): readonly string[] {
  return d.name === 'sqlite' ? sqlite : postgres;
}

/** Articles per day and topic in [$1, $2) (days as YYYY-MM-DD), from the kept counts. */
export const TOPIC_DAYS_SQL = `SELECT day, topic, n FROM topic_days WHERE day >= $1 AND day < $2 AND n > 0`;

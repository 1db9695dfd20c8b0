/**
 * The watch tables (watch-store.ts reads and writes them): `watches` (spec as JSON, the signing
 * secret, how the receiver fares) and `watch_alerts`, one row per watch and story.
 */

export const WATCH_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS watches (
    name TEXT PRIMARY KEY,
    spec TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_at TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    failing_since TEXT,
    last_error TEXT,
    last_delivery_at TEXT
  )`,
  `CREATE TABLE IF NOT EXISTS watch_alerts (
    watch_name TEXT NOT NULL REFERENCES watches (name) ON DELETE CASCADE,
    story_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    matched_at TEXT NOT NULL,
    delivery_id TEXT,
    delivered_at TEXT,
    PRIMARY KEY (watch_name, story_id)
  )`,
  `CREATE INDEX IF NOT EXISTS watch_alerts_delivery ON watch_alerts (delivery_id)`,
];

/**
 * `watch_event_alerts`: one row per watch, timeline entry and status, so an entry alerts once when it
 * appears and once more for each status it moves to. `watch_held`: deliveries that ran out of
 * attempts while their receiver was down, kept until it answers again (with a source-health
 * notice's content, which is in no other table).
 */
export const WATCH_EVENT_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS watch_event_alerts (
    watch_name TEXT NOT NULL REFERENCES watches (name) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    status TEXT NOT NULL,
    matched_at TEXT NOT NULL,
    delivery_id TEXT,
    delivered_at TEXT,
    PRIMARY KEY (watch_name, event_id, status)
  )`,
  `CREATE INDEX IF NOT EXISTS watch_event_alerts_delivery ON watch_event_alerts (delivery_id)`,
  `CREATE TABLE IF NOT EXISTS watch_held (
    delivery_id TEXT PRIMARY KEY,
    watch_name TEXT NOT NULL REFERENCES watches (name) ON DELETE CASCADE,
    notice TEXT,
    held_at TEXT NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS watch_held_watch ON watch_held (watch_name, held_at)`,
];

/**
 * The store's side of watches: the watches themselves (spec as JSON, the signing secret, how the
 * receiver fares) and `watch_alerts`, one row per watch and story, which is what makes a story alert
 * once however many copies or revisions of it arrive. A row names the delivery that carries it
 * (at once for immediate watches, when the digest runs for the others) and when that got through.
 * `watch_event_alerts` does the same for timeline entries, once per entry and status; `watch_held`
 * keeps deliveries that ran out of attempts (tables: watch-schema.ts).
 */
import type { Watch, WatchSpec } from '../watch/watch-spec.js';
import type { SqlClient } from './sql-client.js';

interface WatchRow {
  name: string;
  spec: string;
  secret: string;
  created_at: string;
  failures: number | string;
  failing_since: string | null;
  last_error: string | null;
  last_delivery_at: string | null;
  held: number | string;
  [key: string]: unknown;
}

export interface AlertRow {
  watch_name: string;
  story_id: string;
  article_id: string;
  matched_at: string;
  delivery_id: string | null;
  delivered_at: string | null;
  [key: string]: unknown;
}

export interface EventAlertRow {
  watch_name: string;
  event_id: string;
  status: string;
  matched_at: string;
  delivery_id: string | null;
  delivered_at: string | null;
  [key: string]: unknown;
}

/** A delivery kept after it ran out of attempts; `notice` is a source-health notice's JSON. */
export interface HeldRow {
  delivery_id: string;
  watch_name: string;
  notice: string | null;
  held_at: string;
  [key: string]: unknown;
}

const toWatch = (r: WatchRow): Watch => ({
  ...(JSON.parse(r.spec) as Omit<WatchSpec, 'name'>),
  name: r.name,
  secret: r.secret,
  createdAt: r.created_at,
  failures: Number(r.failures),
  failingSince: r.failing_since,
  lastError: r.last_error,
  lastDeliveryAt: r.last_delivery_at,
  held: Number(r.held),
});

/** A watch's row and how many deliveries it holds. */
const SELECT_WATCHES =
  'SELECT watches.*, (SELECT COUNT(*) FROM watch_held h WHERE h.watch_name = watches.name) AS held FROM watches';

/** Longest error text kept on a watch. */
const MAX_ERROR_CHARS = 500;

export class WatchQueries {
  constructor(private readonly db: SqlClient) {}

  /** Adds a watch; false when one of that name exists. */
  async add(spec: WatchSpec, secret: string, createdAt: string): Promise<boolean> {
    const { name, ...rest } = spec;
    const rows = await this.db.query(
      `INSERT INTO watches (name, spec, secret, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO NOTHING RETURNING name`,
      [name, JSON.stringify(rest), secret, createdAt],
    );
    return rows.length === 1;
  }

  async get(name: string): Promise<Watch | null> {
    const [row] = await this.db.query<WatchRow>(`${SELECT_WATCHES} WHERE name = $1`, [name]);
    return row ? toWatch(row) : null;
  }

  async list(): Promise<Watch[]> {
    return (await this.db.query<WatchRow>(`${SELECT_WATCHES} ORDER BY name`)).map(toWatch);
  }

  /** Removes a watch and its alerts; false when there was none. */
  async remove(name: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      for (const table of ['watch_alerts', 'watch_event_alerts', 'watch_held'])
        await tx.query(`DELETE FROM ${table} WHERE watch_name = $1`, [name]);
      return (await tx.query('DELETE FROM watches WHERE name = $1 RETURNING name', [name])).length === 1;
    });
  }

  /**
   * Records that a story matched a watch, once: true when this is the story's first match for the
   * watch (copies and revisions of it find the row there and return false).
   */
  async recordMatch(
    watch: string,
    storyId: string,
    articleId: string,
    matchedAt: string,
    deliveryId: string | null,
  ): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO watch_alerts (watch_name, story_id, article_id, matched_at, delivery_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (watch_name, story_id) DO NOTHING RETURNING story_id`,
      [watch, storyId, articleId, matchedAt, deliveryId],
    );
    return rows.length === 1;
  }

  async alert(watch: string, storyId: string): Promise<AlertRow | null> {
    const [row] = await this.db.query<AlertRow>('SELECT * FROM watch_alerts WHERE watch_name = $1 AND story_id = $2', [
      watch,
      storyId,
    ]);
    return row ?? null;
  }

  /**
   * Records that a timeline entry in `status` matched a watch, once: true the first time (a new
   * report of the same entry in the same status finds the row there and returns false).
   */
  async recordEventMatch(
    watch: string,
    eventId: string,
    status: string,
    matchedAt: string,
    deliveryId: string | null,
  ): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO watch_event_alerts (watch_name, event_id, status, matched_at, delivery_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (watch_name, event_id, status) DO NOTHING RETURNING event_id`,
      [watch, eventId, status, matchedAt, deliveryId],
    );
    return rows.length === 1;
  }

  async eventAlert(watch: string, eventId: string, status: string): Promise<EventAlertRow | null> {
    const [row] = await this.db.query<EventAlertRow>(
      'SELECT * FROM watch_event_alerts WHERE watch_name = $1 AND event_id = $2 AND status = $3',
      [watch, eventId, status],
    );
    return row ?? null;
  }

  /** Gives the digest delivery `deliveryId` every alert of the watch matched up to `upTo` and not yet in one. */
  async assignDigest(watch: string, deliveryId: string, upTo: string): Promise<number> {
    let n = 0;
    for (const table of ['watch_alerts', 'watch_event_alerts']) {
      const rows = await this.db.query(
        `UPDATE ${table} SET delivery_id = $2
         WHERE watch_name = $1 AND delivery_id IS NULL AND matched_at <= $3 RETURNING watch_name`,
        [watch, deliveryId, upTo],
      );
      n += rows.length;
    }
    return n;
  }

  /** The story alerts a delivery carries, oldest match first. */
  async delivery(deliveryId: string): Promise<AlertRow[]> {
    return this.db.query<AlertRow>('SELECT * FROM watch_alerts WHERE delivery_id = $1 ORDER BY matched_at, story_id', [
      deliveryId,
    ]);
  }

  /** The timeline-entry alerts a delivery carries, oldest match first. */
  async eventDelivery(deliveryId: string): Promise<EventAlertRow[]> {
    return this.db.query<EventAlertRow>(
      'SELECT * FROM watch_event_alerts WHERE delivery_id = $1 ORDER BY matched_at, event_id, status',
      [deliveryId],
    );
  }

  /** Keeps a delivery that ran out of attempts, to send again once its receiver answers. */
  async hold(watch: string, deliveryId: string, notice: string | null, at: string): Promise<void> {
    await this.db.query(
      `INSERT INTO watch_held (delivery_id, watch_name, notice, held_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (delivery_id) DO NOTHING`,
      [deliveryId, watch, notice, at],
    );
  }

  /** A watch's held deliveries, oldest first; every watch's without a name. */
  async held(watch?: string): Promise<HeldRow[]> {
    return watch === undefined
      ? this.db.query<HeldRow>('SELECT * FROM watch_held ORDER BY held_at, delivery_id')
      : this.db.query<HeldRow>('SELECT * FROM watch_held WHERE watch_name = $1 ORDER BY held_at, delivery_id', [watch]);
  }

  /** A held delivery was queued again (or got through): it is no longer held. */
  async release(deliveryId: string): Promise<void> {
    await this.db.query('DELETE FROM watch_held WHERE delivery_id = $1', [deliveryId]);
  }

  /** The receiver took the delivery: its alerts are done and the watch is healthy again. */
  async delivered(watch: string, deliveryId: string, at: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const table of ['watch_alerts', 'watch_event_alerts'])
        await tx.query(`UPDATE ${table} SET delivered_at = $2 WHERE delivery_id = $1 AND delivered_at IS NULL`, [
          deliveryId,
          at,
        ]);
      await tx.query(
        `UPDATE watches SET failures = 0, failing_since = NULL, last_error = NULL, last_delivery_at = $2 WHERE name = $1`,
        [watch, at],
      );
    });
  }

  /**
   * A delivery failed: counts it, and marks the watch failing from `failingAfter` failures in a row.
   * Returns the watch's failures in a row.
   */
  async failed(watch: string, error: string, at: string, failingAfter: number): Promise<number> {
    const [row] = await this.db.query<{ failures: number | string }>(
      `UPDATE watches SET failures = failures + 1, last_error = $2,
         failing_since = CASE WHEN failing_since IS NULL AND failures + 1 >= $4 THEN $3 ELSE failing_since END
       WHERE name = $1 RETURNING failures`,
      [watch, error.slice(0, MAX_ERROR_CHARS), at, failingAfter],
    );
    return Number(row?.failures ?? 0);
  }
}

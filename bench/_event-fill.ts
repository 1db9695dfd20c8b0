/**
 * Timeline entries for the chart benchmark: one entry per EVENTS_PER_ARTICLES articles, types,
 * statuses, dates (2013–2022) and people drawn at random, written straight into events and
 * event_people (what the chart queries read). Seeded, so runs compare.
 */
import { EVENT_TYPES } from '../src/stages/events/types.js';
import type { SqlClient } from '../src/stages/store/sql-client.js';
import { prng } from './_synthetic-articles.js';

/** About one diplomatic event in ten stored articles, as on the seeds and the event dev set. */
export const EVENTS_PER_ARTICLES = 10;

const US = [
  'John Kerry',
  'Rex Tillerson',
  'Barack Obama',
  'Donald Trump',
  'Mike Pompeo',
  'Antony Blinken',
  'Joe Biden',
];
const RU = ['Sergei Lavrov', 'Vladimir Putin', 'Dmitry Medvedev', 'Sergei Ryabkov', 'Anatoly Antonov'];
const START = Date.parse('2013-01-01T00:00:00Z');
const SPAN_MS = 10 * 365 * 86_400_000;

/** Writes n/EVENTS_PER_ARTICLES entries with their people; returns how many. */
export async function fillEvents(db: SqlClient, articles: number): Promise<number> {
  const n = Math.floor(articles / EVENTS_PER_ARTICLES);
  const rand = prng(23);
  const pick = <T>(l: readonly T[]) => l[Math.floor(rand() * l.length)]!;
  await db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      const id = `bev${i.toString(36)}`;
      const date = new Date(START + Math.floor(rand() * SPAN_MS)).toISOString().slice(0, 10);
      const us = rand() < 0.2 ? ['United States'] : [pick(US)];
      const ru = rand() < 0.2 ? ['Russia'] : [pick(RU)];
      const status = rand() < 0.8 ? 'held' : rand() < 0.8 ? 'planned' : 'cancelled';
      await tx.query(
        `INSERT INTO events (id, type, status, us, ru, initiator, place, date, sort_date, first_seen, updated_at)
         VALUES ($1, $2, $3, $4, $5, NULL, NULL, $6, $6, $7, $7)`,
        [id, pick(EVENT_TYPES), status, JSON.stringify(us), JSON.stringify(ru), date, `${date}T12:00:00.000Z`],
      );
      for (const name of us)
        await tx.query(`INSERT INTO event_people (event_id, side, name) VALUES ($1, 'us', $2)`, [id, name]);
      for (const name of ru)
        await tx.query(`INSERT INTO event_people (event_id, side, name) VALUES ($1, 'ru', $2)`, [id, name]);
    }
  });
  return n;
}

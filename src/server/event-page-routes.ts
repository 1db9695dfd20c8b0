/**
 * HTML pages of the timeline and the numbers: /events (filters, upcoming, charts, timeline by
 * month), /events/:id (one entry and every report's evidence), /stats (charts and counts; the same
 * counts as JSON stay at /api/stats).
 */
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import type { PipelineQueues } from '../pipeline/pipeline-queues.js';
import { STAGES } from '../pipeline/stages.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { parseEventQuery } from '../stages/store/event-query.js';
import { eventsChart, kindsChart, pairsChart, topicsChart } from './charts/chart-panels.js';
import { renderNotFound } from './article-pages.js';
import { QUEUE_STATES } from './metrics.js';
import { renderEventEntry, renderEvents } from './views/event-pages.js';
import { renderStats } from './views/stats-page.js';

/** Timeline entries per page. */
const PAGE_SIZE = 50;
/** Planned entries shown under "Upcoming". */
const UPCOMING = 20;
/** Days in each per-day table on /stats: a month. */
export const STATS_DAYS = 30;

const HTML = 'text/html; charset=utf-8';
const FILTERS = ['type', 'actor', 'status', 'from', 'to'] as const;

export interface EventPageRoutesOptions {
  queues: PipelineQueues;
  store: () => Promise<ArticleStore>;
}

const today = () => new Date().toISOString().slice(0, 10);

export const eventPageRoutes: FastifyPluginAsync<EventPageRoutesOptions> = async (app, { queues, store }) => {
  /** The page with these filters; a refused filter shows the unfiltered timeline with the reason. */
  const eventsPage = async (
    raw: Record<string, unknown>,
    error?: string,
    typed?: Record<string, string | undefined>,
  ) => {
    const s = await store();
    const query = parseEventQuery({ limit: String(PAGE_SIZE), ...raw });
    const [page, upcoming, ...charts] = await Promise.all([
      s.events.listEvents(query),
      s.events.upcomingEvents(today(), UPCOMING),
      eventsChart(s, query),
      pairsChart(s),
    ]);
    return renderEvents({ query, page, upcoming, charts, error, typed }).value;
  };

  // A bad filter (an InvalidQueryError names the parameter) is answered 400 with the unfiltered
  // page, the reason, and the values typed left in the form to correct.
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    if (err.statusCode !== 400 || req.routeOptions.url !== '/events') throw err;
    const q = req.query as Record<string, unknown>;
    const typed = Object.fromEntries(FILTERS.map((k) => [k, typeof q[k] === 'string' ? q[k] : undefined]));
    return reply
      .code(400)
      .type(HTML)
      .send(await eventsPage({}, `Filters not applied: ${err.message}.`, typed));
  });

  app.get('/events', async (req, reply) =>
    reply.type(HTML).send(await eventsPage(req.query as Record<string, unknown>)),
  );

  app.get<{ Params: { id: string } }>('/events/:id', async (req, reply) => {
    const entry = await (await store()).events.getEvent(req.params.id);
    if (!entry)
      return reply
        .code(404)
        .type(HTML)
        .send(renderNotFound(`No timeline entry has the id ${req.params.id}.`).value);
    return reply.type(HTML).send(renderEventEntry(entry).value);
  });

  app.get('/stats', async (_req, reply) => {
    const s = await store();
    const [stats, published, stored, counts, ...charts] = await Promise.all([
      s.stats(),
      s.charts.publishedPerDay(STATS_DAYS, today()),
      s.charts.storedPerDay(STATS_DAYS, today()),
      Promise.all(STAGES.map(async (st) => [st, await queues.queues[st].getJobCounts(...QUEUE_STATES)] as const)),
      topicsChart(s),
      kindsChart(s),
      eventsChart(s),
      pairsChart(s),
    ]);
    return reply
      .type(HTML)
      .send(renderStats({ stats, charts, published, stored, queues: Object.fromEntries(counts) }, STATS_DAYS).value);
  });
};

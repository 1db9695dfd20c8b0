/**
 * The events API: /api/events (the CLI's filters, paginated), /api/events/:id, and the CSV exports
 * /api/events.csv and /api/articles.csv (RFC 4180, UTF-8, formula cells neutralised).
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { toCsv } from '../shared/csv.js';
import { parseArticleQuery } from '../stages/store/article-query.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { ARTICLE_CSV_HEADER, articleCsvRow, EVENT_CSV_HEADER, eventCsvRow } from '../stages/store/csv-rows.js';
import { parseEventQuery } from '../stages/store/event-query.js';

function sendCsv(reply: FastifyReply, name: string, body: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8; header=present')
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(body);
}

export interface EventRoutesOptions {
  store: () => Promise<ArticleStore>;
}

/** A bad filter is answered 400 with its message (InvalidQueryError carries the status). */
export const eventRoutes: FastifyPluginAsync<EventRoutesOptions> = async (app, { store }) => {
  app.get('/api/events', async (req) => {
    const query = parseEventQuery(req.query as Record<string, unknown>);
    const page = await (await store()).events.listEvents(query);
    return { total: page.total, limit: query.limit, offset: query.offset, events: page.events };
  });

  app.get('/api/events.csv', async (req, reply) => {
    const query = parseEventQuery(req.query as Record<string, unknown>);
    const page = await (await store()).events.listEvents(query);
    return sendCsv(reply, 'events.csv', toCsv(EVENT_CSV_HEADER, page.events.map(eventCsvRow)));
  });

  app.get<{ Params: { id: string } }>('/api/events/:id', async (req, reply) => {
    const entry = await (await store()).events.getEvent(req.params.id);
    if (!entry) return reply.code(404).send({ error: `no timeline entry has the id ${req.params.id}` });
    return entry;
  });

  app.get('/api/articles.csv', async (req, reply) => {
    const query = parseArticleQuery(req.query as Record<string, unknown>);
    const page = await (await store()).searchArticles(query);
    return sendCsv(reply, 'articles.csv', toCsv(ARTICLE_CSV_HEADER, page.articles.map(articleCsvRow)));
  });
};

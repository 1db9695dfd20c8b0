/**
 * The events API: /api/events (the CLI's filters, paginated), /api/events/:id, and the CSV exports
 * /api/events.csv and /api/articles.csv (RFC 4180, UTF-8, formula cells neutralised).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { toCsv } from '../shared/csv.js';
import { InvalidQueryError, parseArticleQuery } from '../stages/store/article-query.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { ARTICLE_CSV_HEADER, articleCsvRow, EVENT_CSV_HEADER, eventCsvRow } from '../stages/store/csv-rows.js';
import { parseEventQuery } from '../stages/store/event-query.js';

function badQuery(err: unknown, reply: FastifyReply) {
  if (err instanceof InvalidQueryError) return reply.code(400).send({ error: err.message });
  throw err;
}

function sendCsv(reply: FastifyReply, name: string, body: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8; header=present')
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(body);
}

export function registerEventRoutes(app: FastifyInstance, store: () => Promise<ArticleStore>): void {
  app.get('/api/events', async (req, reply) => {
    let query;
    try {
      query = parseEventQuery(req.query as Record<string, unknown>);
    } catch (err) {
      return badQuery(err, reply);
    }
    const page = await (await store()).events.listEvents(query);
    return { total: page.total, limit: query.limit, offset: query.offset, events: page.events };
  });

  app.get('/api/events.csv', async (req, reply) => {
    let query;
    try {
      query = parseEventQuery(req.query as Record<string, unknown>);
    } catch (err) {
      return badQuery(err, reply);
    }
    const page = await (await store()).events.listEvents(query);
    return sendCsv(reply, 'events.csv', toCsv(EVENT_CSV_HEADER, page.events.map(eventCsvRow)));
  });

  app.get<{ Params: { id: string } }>('/api/events/:id', async (req, reply) => {
    const entry = await (await store()).events.getEvent(req.params.id);
    if (!entry) return reply.code(404).send({ error: `no timeline entry has the id ${req.params.id}` });
    return entry;
  });

  app.get('/api/articles.csv', async (req, reply) => {
    let query;
    try {
      query = parseArticleQuery(req.query as Record<string, unknown>);
    } catch (err) {
      return badQuery(err, reply);
    }
    const page = await (await store()).searchArticles(query);
    return sendCsv(reply, 'articles.csv', toCsv(ARTICLE_CSV_HEADER, page.articles.map(articleCsvRow)));
  });
}

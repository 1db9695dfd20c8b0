/**
 * /feeds: the registered feeds. With DASHBOARD_ALLOW_ACTIONS, POST /feeds/add, /feeds/remove and
 * /feeds/poll (CSRF-protected forms) change them and redirect back with what was done.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { FeedService } from '../pipeline/feed-service.js';
import { parseDuration } from '../stages/feeds/duration.js';
import { csrfField, enableForms, formSchema } from './form-actions.js';
import { queryString } from './html.js';
import { renderFeeds } from './views/feeds-page.js';

export interface FeedRoutesOptions {
  feeds?: FeedService;
  allowActions: boolean;
}

/** Longest feed URL accepted from the form. */
const MAX_URL = 2_000;

const HTML = 'text/html; charset=utf-8';

export const feedRoutes: FastifyPluginAsync<FeedRoutesOptions> = async (app, { feeds, allowActions }) => {
  const actions = allowActions && feeds !== undefined;
  if (actions) await enableForms(app);

  app.get<{ Querystring: { ok?: string; error?: string } }>(
    '/feeds',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { ok: { type: 'string', maxLength: 3000 }, error: { type: 'string', maxLength: 3000 } },
        },
      },
    },
    async (req, reply) => {
      const { ok, error } = req.query;
      const notice = error ? { ok: false, text: error } : ok ? { ok: true, text: ok } : undefined;
      const list = feeds ? await feeds.list() : null;
      return reply
        .type(HTML)
        .header('cache-control', 'no-store')
        .send(renderFeeds(list, { csrf: actions ? csrfField(reply) : undefined, notice }).value);
    },
  );
  if (!actions) return;
  const service = feeds;

  /** Back to the list, saying what happened (Post/Redirect/Get: a reload never repeats the action). */
  const back = (reply: FastifyReply, result: { ok: string } | { error: string }) =>
    reply.redirect(`/feeds${queryString(result)}`, 303);
  // After the body is parsed: the token travels in the form (`_csrf`).
  const guarded = { preHandler: app.csrfProtection.bind(app) };

  app.post<{ Body: { url: string; every?: string } }>(
    '/feeds/add',
    {
      ...guarded,
      schema: { body: formSchema({ url: { maxLength: MAX_URL }, every: { maxLength: 20, optional: true } }) },
    },
    async (req, reply) => {
      try {
        const every = req.body.every?.trim() ? parseDuration(req.body.every) : undefined;
        const r = await service.add(req.body.url.trim(), every);
        return back(reply, { ok: `Added ${r.url}; it is polled now, then every ${req.body.every?.trim() || '15m'}.` });
      } catch (err) {
        return back(reply, { error: `Not added: ${(err as Error).message}` });
      }
    },
  );

  app.post<{ Body: { url: string } }>(
    '/feeds/remove',
    { ...guarded, schema: { body: formSchema({ url: { maxLength: MAX_URL } }) } },
    async (req, reply) =>
      back(
        reply,
        (await service.remove(req.body.url))
          ? { ok: `Removed ${req.body.url}.` }
          : { error: `${req.body.url} was not registered.` },
      ),
  );

  app.post<{ Body: { url: string } }>(
    '/feeds/poll',
    { ...guarded, schema: { body: formSchema({ url: { maxLength: MAX_URL } }) } },
    async (req, reply) => {
      if (!(await service.registry.get(req.body.url)))
        return back(reply, { error: `${req.body.url} is not registered.` });
      await service.pollSoon(req.body.url);
      return back(reply, { ok: `Polling ${req.body.url} now; its new items go to the fetch queue.` });
    },
  );
};

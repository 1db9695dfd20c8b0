/**
 * /skipped: the articles judged not relevant. With DASHBOARD_ALLOW_ACTIONS, POST /skipped/mark
 * (a CSRF-protected form) marks one relevant or not relevant, or clears its mark.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ArticleStore } from '../stages/store/article-store.js';
import { RELEVANCE_LABELS, type RelevanceLabel } from '../stages/store/skipped-queries.js';
import { csrfField, enableForms, formSchema } from './form-actions.js';
import { renderSkipped } from './views/skipped-page.js';

/** Skipped articles per page. */
const PAGE_SIZE = 25;

export interface SkippedRoutesOptions {
  store: () => Promise<ArticleStore>;
  allowActions: boolean;
}

export const skippedRoutes: FastifyPluginAsync<SkippedRoutesOptions> = async (app, { store, allowActions }) => {
  if (allowActions) await enableForms(app);

  app.get<{ Querystring: { q?: string; offset?: number; marked?: string } }>(
    '/skipped',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', maxLength: 200 },
            offset: { type: 'integer', minimum: 0, maximum: 1_000_000 },
            marked: { type: 'string', enum: [...RELEVANCE_LABELS, 'cleared'] },
          },
        },
      },
    },
    async (req, reply) => {
      const { q, offset = 0, marked } = req.query;
      const page = await (await store()).skippedArticles.list({ q, offset, limit: PAGE_SIZE });
      const notice = marked
        ? marked === 'cleared'
          ? 'Mark cleared.'
          : `Marked ${marked.replace('-', ' ')}.`
        : undefined;
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          renderSkipped({
            ...page,
            q,
            offset,
            limit: PAGE_SIZE,
            notice,
            csrf: allowActions ? csrfField(reply) : undefined,
          }).value,
        );
    },
  );
  if (!allowActions) return;

  app.post<{ Body: { id: string; label: RelevanceLabel | ''; back?: string } }>(
    '/skipped/mark',
    {
      preHandler: app.csrfProtection.bind(app), // after the body is parsed: the token is in the form
      schema: {
        body: {
          ...formSchema({ id: { maxLength: 64 }, back: { maxLength: 500, optional: true } }),
          properties: {
            ...formSchema({ id: { maxLength: 64 }, back: { maxLength: 500, optional: true } }).properties,
            label: { type: 'string', enum: [...RELEVANCE_LABELS, ''] },
          },
          required: ['id', 'label'],
        },
      },
    },
    async (req, reply) => {
      const { id, label, back } = req.body;
      await (await store()).skippedArticles.mark(id, label || null);
      // Back to the same page and search; only a query string of our own making is followed.
      const params = new URLSearchParams(back?.startsWith('?') ? back.slice(1) : '');
      params.set('marked', label || 'cleared');
      return reply.redirect(`/skipped?${params.toString()}`, 303);
    },
  );
};

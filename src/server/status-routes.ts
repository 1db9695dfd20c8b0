/** /status: the pipeline's health for an operator. */
import type { FastifyPluginAsync } from 'fastify';
import type { FeedService } from '../pipeline/feed-service.js';
import type { PipelineQueues } from '../pipeline/pipeline-queues.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { gatherStatus } from './status-data.js';
import { REFRESH_CHOICES, renderStatus } from './views/status-page.js';

export interface StatusRoutesOptions {
  queues: PipelineQueues;
  store: () => Promise<ArticleStore>;
  pingRedis: () => Promise<unknown>;
  feeds?: FeedService;
}

export const statusRoutes: FastifyPluginAsync<StatusRoutesOptions> = async (app, deps) => {
  app.get<{ Querystring: { every?: number } }>(
    '/status',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { every: { type: 'integer', enum: [...REFRESH_CHOICES] } },
        },
      },
    },
    async (req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderStatus(await gatherStatus(deps), req.query.every).value),
  );
};

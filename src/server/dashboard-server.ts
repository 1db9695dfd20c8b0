/**
 * Parley's HTTP server: bull-board for the queues at /queues, Parley's own pages (/ and
 * /articles/:id), the JSON API (/api/*), /metrics and /healthz. Basic auth guards everything but
 * /healthz when DASHBOARD_USER and DASHBOARD_PASSWORD are set; errors reach clients without internals.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import type { PipelineQueues } from '../pipeline/pipeline-queues.js';
import { STAGES } from '../pipeline/stages.js';
import { parseConfig, type Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { registerApiRoutes } from './api-routes.js';
import { basicAuthHook } from './basic-auth.js';
import { STYLESHEET } from './html.js';
import { createMetrics } from './metrics.js';
import { registerPageRoutes } from './page-routes.js';
import { securityHeaders } from './security-headers.js';

export interface DashboardDeps {
  queues: PipelineQueues;
  store(): Promise<ArticleStore>;
  /** Answers when Redis does. */
  pingRedis(): Promise<unknown>;
  /** Auth and bull-board actions come from here (DASHBOARD_*); read from the environment when absent. */
  config?: Config;
  log?: Logger;
  /** Overrides DASHBOARD_ALLOW_ACTIONS: let people retry, clean and remove jobs from bull-board. */
  allowActions?: boolean;
}

export const QUEUES_PATH = '/queues';

/** Builds the server (not listening yet). */
export async function buildDashboard(deps: DashboardDeps): Promise<FastifyInstance> {
  const config = deps.config ?? parseConfig();
  const app = Fastify({ logger: false });

  if (config.dashboard.auth) app.addHook('onRequest', basicAuthHook(config.dashboard.auth));
  app.addHook('onSend', securityHeaders(QUEUES_PATH));
  app.setErrorHandler(async (err: { statusCode?: number; message?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) deps.log?.error({ url: req.url, err: err.message }, 'dashboard request failed');
    // A client error's message is about its own request; a server error's may hold internals.
    return reply.code(status).type('application/json; charset=utf-8').send({ error: status >= 500 ? 'internal error' : err.message });
  });

  const boardAdapter = new FastifyAdapter();
  createBullBoard({
    queues: STAGES.map((s) => new BullMQAdapter(deps.queues.queues[s], { readOnlyMode: !(deps.allowActions ?? config.dashboard.allowActions) })),
    serverAdapter: boardAdapter,
    options: { uiConfig: { boardTitle: 'Parley' } },
  });
  boardAdapter.setBasePath(QUEUES_PATH);
  await app.register(boardAdapter.registerPlugin(), { prefix: QUEUES_PATH });

  app.get('/assets/parley.css', async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET),
  );
  registerPageRoutes(app, deps.store);
  registerApiRoutes(app, deps.queues, deps.store);

  const metrics = createMetrics(deps.queues, deps.store);
  app.get('/metrics', async (_req, reply) => reply.type(metrics.contentType).send(await metrics.render()));

  app.get('/healthz', async (_req, reply) => {
    const problems: string[] = [];
    await deps.pingRedis().catch(() => problems.push('redis'));
    await deps.store().then((s) => s.countArticles()).catch(() => problems.push('store'));
    return reply.code(problems.length ? 503 : 200).send({ ok: problems.length === 0, down: problems });
  });
  return app;
}

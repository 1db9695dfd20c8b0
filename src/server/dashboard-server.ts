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
import type { Config } from '../shared/config.js';
import { DependencyHealth } from '../shared/dependency-health.js';
import type { Logger } from '../shared/logger.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { apiRoutes } from './api-routes.js';
import { assetRoutes } from './asset-routes.js';
import { eventPageRoutes } from './event-page-routes.js';
import { eventRoutes } from './event-routes.js';
import { basicAuthHook } from './basic-auth.js';
import { opsRoutes } from './ops-routes.js';
import { pageRoutes } from './page-routes.js';
import { securityHeaders } from './security-headers.js';
import { dropExternalFonts } from './board-fonts.js';
import { watchRoutes } from './watch-routes.js';
import { statusRoutes } from './status-routes.js';
import { feedRoutes } from './feed-routes.js';
import { skippedRoutes } from './skipped-routes.js';
import type { FeedService } from '../pipeline/feed-service.js';
import { QUEUES_BASE } from './views/paths.js';

export interface DashboardDeps {
  queues: PipelineQueues;
  store: () => Promise<ArticleStore>;
  /** Answers when Redis does. */
  pingRedis: () => Promise<unknown>;
  /** Auth and bull-board actions come from here (DASHBOARD_*). */
  config: Config;
  log?: Logger;
  /** What this process knows of Redis and the store (the workers' view, in `npm start`). */
  health?: DependencyHealth;
  /** Overrides DASHBOARD_ALLOW_ACTIONS: let people retry, clean and remove jobs from bull-board. */
  allowActions?: boolean;
  /** The feed registry, for /status and /feeds (without it those pages say feeds are not known here). */
  feeds?: FeedService;
}

export const QUEUES_PATH = QUEUES_BASE;

/** Builds the server (not listening yet). */
export async function buildDashboard(deps: DashboardDeps): Promise<FastifyInstance> {
  const config = deps.config;
  const app = Fastify({
    logger: false,
    // A query string the route's schema refuses is answered 400 naming the parameter: "q must NOT have ...".
    schemaErrorFormatter: (errors, dataVar) => {
      const first = errors[0];
      return new Error(
        first
          ? `${first.instancePath.replace(/^\//, '').replaceAll('/', '.') || dataVar} ${first.message ?? 'is invalid'}`
          : `${dataVar} is invalid`,
      );
    },
  });
  const health = deps.health ?? new DependencyHealth(deps.log);

  if (config.dashboard.auth) app.addHook('onRequest', basicAuthHook(config.dashboard.auth));
  app.addHook('onSend', securityHeaders(QUEUES_PATH));
  app.setErrorHandler(async (err: { statusCode?: number; message?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) deps.log?.error({ url: req.url, err: err.message }, 'dashboard request failed');
    // A client error's message is about its own request; a server error's may hold internals.
    return reply
      .code(status)
      .type('application/json; charset=utf-8')
      .send({ error: status >= 500 ? 'internal error' : err.message });
  });

  app.addHook('onSend', dropExternalFonts(QUEUES_PATH));

  const boardAdapter = new FastifyAdapter();
  // Pipeline order: the stages, then feeds, then the watch queues. The sidebar keeps this order
  // (sortQueues off); the overview sorts cards by display name, so each name starts with its place.
  const boardQueues = [...STAGES.map((s) => deps.queues.queues[s]), deps.queues.feeds, ...deps.queues.alerts.all()];
  const width = String(boardQueues.length).length;
  createBullBoard({
    queues: boardQueues.map(
      (q, i) =>
        new BullMQAdapter(q, {
          readOnlyMode: !(deps.allowActions ?? config.dashboard.allowActions),
          displayName: `${String(i + 1).padStart(width, '0')}. ${q.name}`,
        }),
    ),
    serverAdapter: boardAdapter,
    options: { uiConfig: { boardTitle: 'Parley', sortQueues: false } },
  });
  boardAdapter.setBasePath(QUEUES_PATH);
  await app.register(boardAdapter.registerPlugin(), { prefix: QUEUES_PATH });

  await app.register(assetRoutes);
  await app.register(pageRoutes, { store: deps.store, feeds: deps.feeds });
  await app.register(apiRoutes, { queues: deps.queues, store: deps.store });
  await app.register(eventRoutes, { store: deps.store });
  await app.register(watchRoutes, {
    store: deps.store,
    config,
    alerts: deps.queues.alerts,
    allowActions: deps.allowActions ?? config.dashboard.allowActions,
  });
  await app.register(eventPageRoutes, { queues: deps.queues, store: deps.store });
  await app.register(statusRoutes, {
    queues: deps.queues,
    store: deps.store,
    pingRedis: deps.pingRedis,
    feeds: deps.feeds,
  });
  await app.register(feedRoutes, {
    feeds: deps.feeds,
    allowActions: deps.allowActions ?? config.dashboard.allowActions,
  });
  await app.register(skippedRoutes, {
    store: deps.store,
    allowActions: deps.allowActions ?? config.dashboard.allowActions,
  });
  await app.register(opsRoutes, { queues: deps.queues, store: deps.store, pingRedis: deps.pingRedis, health });
  return app;
}

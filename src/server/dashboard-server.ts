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
  /** Auth and bull-board actions come from here (DASHBOARD_*). */
  config: Config;
  log?: Logger;
  /** What this process knows of Redis and the store (the workers' view, in `npm start`). */
  health?: DependencyHealth;
  /** Overrides DASHBOARD_ALLOW_ACTIONS: let people retry, clean and remove jobs from bull-board. */
  allowActions?: boolean;
}

export const QUEUES_PATH = '/queues';

/**
 * How long /healthz waits for Redis or the store. Workers' connections queue commands while Redis
 * is down rather than fail them, so without a bound a probe would hang instead of saying "down".
 */
const HEALTH_CHECK_TIMEOUT_MS = 2_000;

/** Whether a promise settles successfully within `ms`. */
function answersWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)));
  return Promise.race([p.then(() => true, () => false), late]).finally(() => clearTimeout(timer));
}

/** Builds the server (not listening yet). */
export async function buildDashboard(deps: DashboardDeps): Promise<FastifyInstance> {
  const config = deps.config;
  const app = Fastify({ logger: false });
  const health = deps.health ?? new DependencyHealth(deps.log);

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
    queues: [...STAGES.map((s) => deps.queues.queues[s]), deps.queues.feeds].map(
      (q) => new BullMQAdapter(q, { readOnlyMode: !(deps.allowActions ?? config.dashboard.allowActions) }),
    ),
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

  const metrics = createMetrics(deps.queues, deps.store, health);
  app.get('/metrics', async (_req, reply) => reply.type(metrics.contentType).send(await metrics.render()));

  app.get('/healthz', async (_req, reply) => {
    const [redis, store] = await Promise.all([
      answersWithin(deps.pingRedis(), HEALTH_CHECK_TIMEOUT_MS),
      answersWithin(deps.store().then((s) => s.countArticles()), HEALTH_CHECK_TIMEOUT_MS),
    ]);
    for (const [dep, up] of [['redis', redis], ['store', store]] as const) {
      if (up) health.markUp(dep);
      else health.markDown(dep, `no answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`);
    }
    const down = [...(redis ? [] : ['redis' as const]), ...(store ? [] : ['store' as const])];
    if (down.length === 0) return reply.code(200).send({ ok: true, down });
    const known = health.snapshot();
    const since = Object.fromEntries(down.map((dep) => [dep, known[dep]?.since]));
    return reply.code(503).send({ ok: false, down, since });
  });
  return app;
}

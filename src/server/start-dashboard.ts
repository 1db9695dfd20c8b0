/** Builds Parley's HTTP server for a runtime and starts listening on PORT. */
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../runtime/runtime.js';
import { FeedService } from '../pipeline/feed-service.js';
import { buildDashboard } from './dashboard-server.js';

export async function startDashboard(rt: Runtime): Promise<FastifyInstance> {
  const dashboard = await buildDashboard({
    queues: rt.queues,
    store: rt.store,
    pingRedis: () => rt.redis.ping(),
    config: rt.config,
    log: rt.log,
    health: rt.health,
    feeds: new FeedService(rt.redis, rt.config, rt.queues, rt.store),
  });
  await dashboard.listen({ port: rt.config.port, host: '0.0.0.0' });
  rt.log.info({ url: `http://localhost:${rt.config.port}/queues` }, 'dashboard listening');
  return dashboard;
}

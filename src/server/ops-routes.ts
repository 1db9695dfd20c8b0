/** Routes for operators: /metrics (Prometheus) and /healthz (liveness, open without credentials). */
import type { FastifyPluginAsync } from 'fastify';
import type { PipelineQueues } from '../pipeline/pipeline-queues.js';
import type { DependencyHealth } from '../shared/dependency-health.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { createMetrics } from './metrics.js';

export interface OpsRoutesOptions {
  queues: PipelineQueues;
  store: () => Promise<ArticleStore>;
  /** Answers when Redis does. */
  pingRedis: () => Promise<unknown>;
  /** What this process knows of Redis and the store: /healthz says since when one is down. */
  health: DependencyHealth;
}

/**
 * How long /healthz waits for Redis or the store. Workers' connections queue commands while Redis
 * is down rather than fail them, so without a bound a probe would hang instead of saying "down".
 */
export const HEALTH_CHECK_TIMEOUT_MS = 2_000;

/** Whether a promise settles successfully within `ms`. */
export function answersWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)));
  return Promise.race([
    p.then(
      () => true,
      () => false,
    ),
    late,
  ]).finally(() => clearTimeout(timer));
}

export const opsRoutes: FastifyPluginAsync<OpsRoutesOptions> = async (app, { queues, store, pingRedis, health }) => {
  const metrics = createMetrics(queues, store, health);
  app.get('/metrics', async (_req, reply) => reply.type(metrics.contentType).send(await metrics.render()));

  app.get('/healthz', async (_req, reply) => {
    const [redis, stored] = await Promise.all([
      answersWithin(pingRedis(), HEALTH_CHECK_TIMEOUT_MS),
      answersWithin(
        store().then((s) => s.countArticles()),
        HEALTH_CHECK_TIMEOUT_MS,
      ),
    ]);
    for (const [dep, up] of [
      ['redis', redis],
      ['store', stored],
    ] as const) {
      if (up) health.markUp(dep);
      else health.markDown(dep, `no answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`);
    }
    const down = [...(redis ? [] : ['redis' as const]), ...(stored ? [] : ['store' as const])];
    if (down.length === 0) return reply.code(200).send({ ok: true, down });
    const known = health.snapshot();
    const since = Object.fromEntries(down.map((dep) => [dep, known[dep]?.since]));
    return reply.code(503).send({ ok: false, down, since });
  });
};

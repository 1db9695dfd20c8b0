/** Routes for operators: /metrics (Prometheus) and /healthz (liveness, open without credentials). */
import type { FastifyPluginAsync } from 'fastify';
import type { PipelineQueues } from '../pipeline/pipeline-queues.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { createMetrics } from './metrics.js';

export interface OpsRoutesOptions {
  queues: PipelineQueues;
  store: () => Promise<ArticleStore>;
  /** Answers when Redis does. */
  pingRedis: () => Promise<unknown>;
}

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

export const opsRoutes: FastifyPluginAsync<OpsRoutesOptions> = async (app, { queues, store, pingRedis }) => {
  const metrics = createMetrics(queues, store);
  app.get('/metrics', async (_req, reply) => reply.type(metrics.contentType).send(await metrics.render()));

  app.get('/healthz', async (_req, reply) => {
    const [redis, stored] = await Promise.all([
      answersWithin(pingRedis(), HEALTH_CHECK_TIMEOUT_MS),
      answersWithin(store().then((s) => s.countArticles()), HEALTH_CHECK_TIMEOUT_MS),
    ]);
    const down = [...(redis ? [] : ['redis']), ...(stored ? [] : ['store'])];
    return reply.code(down.length ? 503 : 200).send({ ok: down.length === 0, down });
  });
};

/**
 * Parley's HTTP server: bull-board for the queues at /queues, beside Parley's own pages.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import type { PipelineQueues } from '../pipeline/pipeline-queues.js';
import { STAGES } from '../pipeline/stages.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { renderArticleList } from './article-pages.js';

export interface DashboardDeps {
  queues: PipelineQueues;
  store(): Promise<ArticleStore>;
  /** Answers when Redis does. */
  pingRedis(): Promise<unknown>;
  /** Let people retry, clean and remove jobs from bull-board (read-only otherwise). */
  allowActions?: boolean;
}

export const QUEUES_PATH = '/queues';

/** Builds the server (not listening yet). */
export async function buildDashboard(deps: DashboardDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  const boardAdapter = new FastifyAdapter();
  createBullBoard({
    queues: STAGES.map((s) => new BullMQAdapter(deps.queues.queues[s], { readOnlyMode: !deps.allowActions })),
    serverAdapter: boardAdapter,
    options: { uiConfig: { boardTitle: 'Parley' } },
  });
  boardAdapter.setBasePath(QUEUES_PATH);
  await app.register(boardAdapter.registerPlugin(), { prefix: QUEUES_PATH });

  app.get('/', async (_req, reply) => {
    const store = await deps.store();
    const [articles, counts] = await Promise.all([store.listArticles({ limit: 50 }), store.countArticles()]);
    return reply.type('text/html; charset=utf-8').send(renderArticleList(articles, counts));
  });

  app.get('/healthz', async (_req, reply) => {
    const problems: string[] = [];
    await deps.pingRedis().catch(() => problems.push('redis'));
    await deps.store().then((s) => s.countArticles()).catch(() => problems.push('store'));
    return reply.code(problems.length ? 503 : 200).send({ ok: problems.length === 0, down: problems });
  });
  return app;
}

/** Routes of Parley's own HTML pages. */
import type { FastifyInstance } from 'fastify';
import { InvalidQueryError, parseArticleQuery } from '../stages/store/article-query.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { renderArticle, renderArticleList, renderNotFound } from './article-pages.js';

/** Stories per page on the list. */
const PAGE_SIZE = 50;

const HTML = 'text/html; charset=utf-8';

export function registerPageRoutes(app: FastifyInstance, store: () => Promise<ArticleStore>): void {
  app.get('/', async (req, reply) => {
    const s = await store();
    const raw = req.query as Record<string, unknown>;
    let query;
    let error: string | undefined;
    try {
      query = parseArticleQuery({ limit: String(PAGE_SIZE), ...raw });
    } catch (err) {
      if (!(err instanceof InvalidQueryError)) throw err;
      error = err.message;
      query = parseArticleQuery({ limit: String(PAGE_SIZE) });
    }
    const [page, stats] = await Promise.all([s.searchArticles(query), s.stats()]);
    return reply.code(error ? 400 : 200).type(HTML).send(renderArticleList(page, query, stats, error));
  });

  app.get<{ Params: { id: string } }>('/articles/:id', async (req, reply) => {
    const article = await (await store()).getArticle(req.params.id);
    if (!article) return reply.code(404).type(HTML).send(renderNotFound(`No stored article has the id ${req.params.id}.`));
    return reply.type(HTML).send(renderArticle(article));
  });
}

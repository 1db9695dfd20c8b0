/** Routes of Parley's own HTML pages. */
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { ARTICLE_QUERY_JSON_SCHEMA, parseArticleQuery } from '../stages/store/article-query.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { loadTaxonomy } from '../stages/classify/taxonomy.js';
import { renderArticle, renderArticleList, renderNotFound } from './article-pages.js';
import { articleEvents } from './views/article-events.js';
import type { ArticleFeed } from './views/article-page.js';
import type { FeedService } from '../pipeline/feed-service.js';

/** Stories per page on the list. */
const PAGE_SIZE = 50;

const HTML = 'text/html; charset=utf-8';

export interface PageRoutesOptions {
  store: () => Promise<ArticleStore>;
  /** The feed registry, for the name of the feed an article came from (its host without it). */
  feeds?: FeedService;
}

export const pageRoutes: FastifyPluginAsync<PageRoutesOptions> = async (app, { store, feeds }) => {
  /** The topics the classifier can give, offered in the list's topic menu. */
  const taxonomyTopics = loadTaxonomy().topics.map((t) => t.id);
  /** The list with these filters, and the error that put them aside if any. */
  const listPage = async (raw: Record<string, unknown>, error?: string) => {
    const s = await store();
    const query = parseArticleQuery({ limit: String(PAGE_SIZE), ...raw });
    const [page, stats, languages, entities, sites] = await Promise.all([
      s.searchArticles(query),
      s.stats(),
      s.facets.languages(),
      s.facets.entities(),
      s.facets.sites(),
    ]);
    return renderArticleList(page, query, stats, { topics: taxonomyTopics, languages, entities, sites }, error).value;
  };

  // A bad filter (refused by the query schema, or an InvalidQueryError) shows the unfiltered list
  // with the reason, answered 400; other errors go to the server's handler.
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    if (err.statusCode !== 400 || req.routeOptions.url !== '/') throw err;
    return reply
      .code(400)
      .type(HTML)
      .send(await listPage({}, err.message));
  });

  app.get('/', { schema: { querystring: ARTICLE_QUERY_JSON_SCHEMA } }, async (req, reply) =>
    reply.type(HTML).send(await listPage(req.query as Record<string, unknown>)),
  );

  /** The registry's record of an article's feed; the page names the feed by its host when Redis cannot say. */
  const feedOf = async (url: string | null | undefined): Promise<ArticleFeed> => {
    if (!url || !feeds) return null;
    const record = await feeds.registry.get(url).catch(() => null);
    return record ? { title: record.title, kind: record.kind } : null;
  };

  app.get<{ Params: { id: string } }>('/articles/:id', async (req, reply) => {
    const s = await store();
    const article = await s.getArticle(req.params.id);
    if (!article)
      return reply
        .code(404)
        .type(HTML)
        .send(renderNotFound(`No stored article has the id ${req.params.id}.`).value);
    const [events, feed] = await Promise.all([s.events.eventsOfArticle(article.id), feedOf(article.feedUrl)]);
    return reply.type(HTML).send(renderArticle(article, [articleEvents(events)], feed).value);
  });
};

/** The JSON API: /api/articles (the CLI's filters), /api/articles/:id and /api/stats. */
import type { FastifyPluginAsync } from 'fastify';
import type { PipelineQueues } from '../pipeline/pipeline-queues.js';
import { STAGES } from '../pipeline/stages.js';
import { ARTICLE_QUERY_JSON_SCHEMA, parseArticleQuery } from '../stages/store/article-query.js';
import type { ArticleStore, FoundArticle } from '../stages/store/article-store.js';
import { STATS_DAYS } from './event-page-routes.js';
import { snippetHtml } from './html.js';
import { QUEUE_STATES } from './metrics.js';

export interface ApiRoutesOptions {
  queues: PipelineQueues;
  store: () => Promise<ArticleStore>;
}

/** A listed article as JSON: the snippet as HTML (text escaped, matches in <mark>). */
function toJson(a: FoundArticle) {
  return { ...a, snippet: a.snippet === null ? null : snippetHtml(a.snippet).value };
}

/** A bad filter is answered 400 with its message (InvalidQueryError carries the status). */
export const apiRoutes: FastifyPluginAsync<ApiRoutesOptions> = async (app, { queues, store }) => {
  app.get('/api/articles', { schema: { querystring: ARTICLE_QUERY_JSON_SCHEMA } }, async (req) => {
    const query = parseArticleQuery(req.query as Record<string, unknown>);
    const page = await (await store()).searchArticles(query);
    return {
      total: page.total,
      // More match than were counted (EXACT_TOTAL_UP_TO): `total` is a lower bound.
      totalIsLowerBound: page.totalIsLowerBound === true,
      // 'relevance' (a narrow search), 'title-then-newest' (a broad one) or 'newest' (no search).
      order: page.order,
      limit: query.limit,
      offset: query.offset,
      articles: page.articles.map(toJson),
    };
  });

  app.get<{ Params: { id: string } }>('/api/articles/:id', async (req, reply) => {
    const article = await (await store()).getArticle(req.params.id);
    if (!article) return reply.code(404).send({ error: `no stored article has the id ${req.params.id}` });
    return toJson(article);
  });

  app.get('/api/stats', async () => {
    const st = await store();
    const today = new Date().toISOString().slice(0, 10);
    const [counts, stats, published, stored] = await Promise.all([
      Promise.all(STAGES.map(async (s) => [s, await queues.queues[s].getJobCounts(...QUEUE_STATES)] as const)),
      st.stats(),
      st.charts.publishedPerDay(STATS_DAYS, today),
      st.charts.storedPerDay(STATS_DAYS, today),
    ]);
    return {
      stages: Object.fromEntries(counts),
      articles: { stored: stats.stored, copies: stats.copies, skipped: stats.skipped },
      topics: stats.topics,
      days: stats.days,
      /** The last STATS_DAYS days: by the date the page gives, and by the day Parley stored the story. */
      daysByPublication: published,
      daysByStorage: stored,
    };
  });
};

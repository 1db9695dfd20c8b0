/**
 * A dashboard on the real Redis and a real store of its own (queue prefix and SQLite file unique to
 * the test), filled with real articles; `stop()` removes everything it made.
 */
import type { FastifyInstance } from 'fastify';
import { buildDashboard } from '../../src/server/dashboard-server.js';
import type { StoredArticle } from '../../src/stages/store/article-store.js';
import { startRuntime, type Runtime } from '../../src/runtime/runtime.js';
import {
  TEST_REDIS_URL,
  deleteRedisPrefix,
  testStoreUrl,
  uniqueName,
  type StoreKind,
} from '../helpers/test-services.js';
import { article } from '../store/article-factory.js';
import { storyText } from '../store/story-pairs.js';

export interface DashboardFixture {
  app: FastifyInstance;
  rt: Runtime;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** A real text from tests/fixtures/stories as an article (its first line is the title). */
export function realArticle(id: string, overrides: Partial<StoredArticle> = {}): StoredArticle {
  const [title = '', ...rest] = storyText(id).split('\n');
  return article(id, { title, text: rest.join('\n').trim(), url: `https://news.example/${id}`, ...overrides });
}

/** The articles the dashboard tests and the browser test start with. */
export const SAMPLE_ARTICLES: StoredArticle[] = [
  realArticle('isot-true-16594', {
    site: 'reuters.com',
    published: '2017-10-24T00:00:00.000Z',
    topics: ['chemical-weapons', 'syria'],
    evidence: {
      relevance: [{ phrase: 'Russia veto', where: 'title', rule: 'veto', weight: 0.8 }],
      topics: {
        'chemical-weapons': [{ phrase: 'chemical weapons', where: 'title', rule: 'chemical weapons', weight: 2 }],
        syria: [{ phrase: 'Syria', where: 'title' }],
      },
    },
  }),
  realArticle('seed-004', {
    site: 'Russia Direct',
    published: '2017-04-12T00:00:00.000Z',
    topics: ['syria', 'meeting'],
  }),
  realArticle('isot-true-2528', {
    site: 'reuters.com',
    published: '2017-07-25T00:00:00.000Z',
    topics: ['sanctions'],
    entities: [],
  }),
  article('xss', {
    title: '<script>alert("owned")</script> Lavrov & Tillerson',
    text: 'A <b>bold</b> claim about <img src=x onerror=alert(1)> Lavrov and sanctions talks.',
    site: '<i>evil.example</i>',
    published: '2016-01-01T00:00:00.000Z',
    topics: ['sanctions'],
  }),
];

export async function startDashboard(
  options: { env?: Record<string, string>; store?: StoreKind; articles?: StoredArticle[] } = {},
): Promise<DashboardFixture> {
  const name = uniqueName();
  const store = testStoreUrl(options.store ?? 'sqlite', name);
  const env: Record<string, string> = {
    REDIS_URL: TEST_REDIS_URL,
    STORE_URL: store.url,
    QUEUE_PREFIX: `parley-${name}`,
    LOG_LEVEL: 'silent',
    ...options.env,
  };
  const rt = await startRuntime('test', env);
  await (await rt.store()).upsertArticles(options.articles ?? SAMPLE_ARTICLES);
  const app = await buildDashboard({
    queues: rt.queues,
    store: rt.store,
    pingRedis: () => rt.redis.ping(),
    config: rt.config,
    log: rt.log,
  });
  await app.ready();
  return {
    app,
    rt,
    env,
    async stop() {
      await app.close();
      await rt.close();
      await deleteRedisPrefix(env.QUEUE_PREFIX!);
      await store.drop();
    },
  };
}

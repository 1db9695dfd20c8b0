/**
 * A feed item whose title, author or categories are longer than the fetch queue accepts is still
 * queued, its hints cut to the queue's limits; before, it failed the whole poll, every time, and
 * the feed's other items were never queued.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HINT_LIMITS } from '../../src/shared/contracts.js';
import { FeedService } from '../../src/pipeline/feed-service.js';
import { articleId } from '../../src/shared/identity.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';

const long = (n: number) => 'Kerry and Lavrov talk again. '.repeat(Math.ceil(n / 29)).slice(0, n);

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
  const feed = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>
<item><title>${long(5_000)}</title><link>${server.url('/talks/1')}</link><author>${long(1_000)}</author><category>${long(300)}</category></item>
<item><title>Kerry and Lavrov agree on a ceasefire</title><link>${server.url('/talks/2')}</link></item>
</channel></rss>`;
  server.route('/wire.rss', { headers: { 'content-type': 'application/rss+xml' }, body: feed });
});
afterAll(() => server.close());

describe('a feed item with oversized values', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it("is queued with its hints cut to the queue limits, and the feed's other items with it", async () => {
    h = await startPipeline({ stages: [] });
    const feeds = new FeedService(h.rt.redis, h.rt.config, h.rt.queues, h.rt.store);
    await feeds.registry.add(server.url('/wire.rss'));
    const poll = await feeds.poll(server.url('/wire.rss'));
    expect(poll.queued.map((q) => q.url)).toEqual([server.url('/talks/1'), server.url('/talks/2')]);
    const job = await h.rt.queues.queues.fetch.getJob(articleId(server.url('/talks/1')));
    const hints = job?.data.hints as { title: string; author: string; categories: string[] };
    expect(hints.title).toBe(long(5_000).slice(0, HINT_LIMITS.title));
    expect(hints.author).toHaveLength(HINT_LIMITS.author);
    expect(hints.categories[0]).toHaveLength(HINT_LIMITS.category);
    expect((await feeds.registry.get(server.url('/wire.rss')))?.status).toBe('ok');
  });
});

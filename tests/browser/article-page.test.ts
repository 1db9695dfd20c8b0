/**
 * An article page in Chromium: the text before the metadata, readable dates, topics/entities/site as
 * links to the filtered list, the feed it came from by name, evidence folded per topic as phrases
 * (no regexes); axe finds no serious
 * violation at a desk or on a phone.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedService } from '../../src/pipeline/feed-service.js';
import { submitSeeds } from '../../src/pipeline/submit-seeds.js';
import { feedId } from '../../src/stages/feeds/feed-registry.js';
import { buildDashboard } from '../../src/server/dashboard-server.js';
import { openPage, launchChromium, screenshotsOf, seriousViolations, PHONE } from '../helpers/browser-pages.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { settle } from '../helpers/wait.js';
import { article } from '../store/article-factory.js';

const FEED = 'https://wire.example/rss.xml';

describe('an article page in Chromium', () => {
  let h: Harness;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let datedId: string;

  beforeAll(async () => {
    h = await startPipeline();
    for (const r of await submitSeeds(h.rt.queues)) await settle(h.rt.queues, r.id);
    const dated = (await (await h.rt.store()).listArticles({ limit: 10 })).find((a) => a.published);
    datedId = dated!.id;
    const feeds = new FeedService(h.rt.redis, h.rt.config, h.rt.queues, h.rt.store);
    await feeds.registry.add(FEED);
    await feeds.registry.recordSuccess(FEED, { newItems: 1, title: 'Example Wire: World' });
    await (await h.rt.store()).upsertArticle(article('from-a-feed', { origin: 'feed', feedUrl: FEED }));
    app = await buildDashboard({
      queues: h.rt.queues,
      store: h.rt.store,
      pingRedis: () => h.rt.redis.ping(),
      config: h.rt.config,
      feeds,
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await h?.stop();
  });

  it('puts the text first, dates readable, and links topics, entities and site to the filtered list', async () => {
    const { page, csp } = await openPage(browser);
    await page.goto(`${base}/articles/${datedId}`);
    const textTop = (await page.locator('article.text').boundingBox())!.y;
    const metaTop = (await page.locator('dl.meta').boundingBox())!.y;
    expect(textTop).toBeLessThan(metaTop);
    await expect(page.locator('dl.meta').innerText()).resolves.toMatch(/Published\s+12 April 2017, 00:00 UTC/);
    const topic = page.locator('dl.meta a.tag').first();
    const topicName = await topic.innerText();
    await topic.click();
    await page.waitForURL(new RegExp(`\\?topic=${topicName}$`));
    await page.goBack();
    const entity = page.locator('dl.meta dd a[href*="entity="]').first();
    await expect(entity.count()).resolves.toBe(1);
    // Evidence is folded, grouped per topic, and shows phrases, never a rule's pattern.
    await expect(page.locator('details.evidence').count()).resolves.toBeGreaterThan(1);
    await expect(page.locator('details.evidence[open]').count()).resolves.toBe(0);
    await expect(page.locator('aside.about').innerText()).resolves.not.toMatch(/\\b|\(\?:/);
    expect(csp).toEqual([]);
  }, 90_000);

  it('says an undated article is listed by when it was stored', async () => {
    const undated = (await (await h.rt.store()).listArticles({ limit: 10 })).find((a) => !a.published)!;
    const { page } = await openPage(browser);
    await page.goto(`${base}/articles/${undated.id}`);
    await expect(page.locator('dl.meta').innerText()).resolves.toMatch(
      /no date in the page; stored .* UTC \(listed by that\)/,
    );
  }, 60_000);

  it('names the feed an article came from, linked to its row on /feeds and to its articles', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${base}/articles/from-a-feed`);
    await expect(page.locator('dl.meta').innerText()).resolves.toMatch(
      /Came from\s+the feed Example Wire: World wire\.example · its articles/,
    );
    await page.locator('dl.meta').getByRole('link', { name: 'Example Wire: World' }).click();
    await page.waitForURL(`${base}/feeds#feed-${feedId(FEED)}`);
    await expect(page.locator(`#feed-${feedId(FEED)}`).innerText()).resolves.toContain(FEED);
    await page.goBack();
    await page.locator('dl.meta').getByRole('link', { name: 'its articles' }).click();
    await expect(page.locator('table a.title').allInnerTexts()).resolves.toEqual(['Title from-a-feed']);
  }, 60_000);

  it('has no serious accessibility violations, at a desk and on a phone', async () => {
    for (const viewport of [undefined, PHONE]) {
      const { page } = await openPage(browser, viewport);
      await page.goto(`${base}/articles/${datedId}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await screenshotsOf(browser, `${base}/articles/${datedId}`, 'article');
  }, 90_000);
});

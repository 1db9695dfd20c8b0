/**
 * /status in Chromium: stages in pipeline order with their counts, a job held for its host's turn
 * shown as held (not as a fault), the last hour's throughput, the latest failure's reason, Redis and
 * store health, failing feeds; a meta refresh and no script; axe finds no serious violation.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedService } from '../../src/pipeline/feed-service.js';
import { submitSeeds } from '../../src/pipeline/submit-seeds.js';
import { buildDashboard } from '../../src/server/dashboard-server.js';
import { openPage, launchChromium, screenshotsOf, seriousViolations } from '../helpers/browser-pages.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { settle, until } from '../helpers/wait.js';

describe('/status in Chromium', () => {
  let h: Harness;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  const deadFeed = 'http://127.0.0.1:9/rss.xml';

  beforeAll(async () => {
    h = await startPipeline();
    for (const r of await submitSeeds(h.rt.queues)) await settle(h.rt.queues, r.id);
    // A job the fetch worker refuses: its reason must reach the page.
    await h.rt.queues.queues.fetch.add('https://example.org/broken', { id: 'not-an-article' }, { jobId: 'broken-1' });
    await until('the broken job to fail', async () => (await h.rt.queues.queues.fetch.getFailedCount()) > 0);
    await h.group.stop();
    // A job held for its host's turn, as the worker's deferral leaves it: delayed without a failure.
    await h.rt.queues.queues.fetch.add(
      'https://example.org/later',
      { id: 'later' },
      { jobId: 'held-1', delay: 600_000 },
    );
    const feeds = new FeedService(h.rt.redis, h.rt.config, h.rt.queues, h.rt.store);
    await feeds.registry.add(deadFeed);
    for (let i = 0; i < 5; i++)
      await feeds.registry.recordFailure(deadFeed, new Error('connection refused: 127.0.0.1:9'));
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

  it('shows each stage in pipeline order with its counts, held jobs apart, and the last hour’s throughput', async () => {
    const { page, csp } = await openPage(browser);
    await page.goto(`${base}/status`);
    const stages = await page.locator('table.stages tbody th').allInnerTexts();
    expect(stages).toEqual(['fetch', 'clean', 'classify', 'store']);
    const fetchRow = page.locator('table.stages tbody tr').first();
    const cells = await fetchRow.locator('td.num').allInnerTexts();
    // waiting, active, held, retrying, failed, done in the last hour
    expect(cells.slice(0, 5)).toEqual(['0', '0', '1', '0', '1']);
    const storeCells = await page.locator('table.stages tbody tr').nth(3).locator('td.num').allInnerTexts();
    expect(Number(storeCells[5])).toBe(5); // the five seeds went through the store this hour
    await expect(page.locator('table.stages svg.chart').count()).resolves.toBe(4);
    await expect(page.locator('table.stages svg.chart').nth(3).getAttribute('aria-label')).resolves.toBe(
      'store: 5 done in the last hour',
    );
    await expect(page.locator('meta[http-equiv=refresh]').count()).resolves.toBe(0); // only when asked
    await page.click('text=15 s');
    await page.waitForURL(/every=15/);
    await expect(page.locator('meta[http-equiv=refresh]').getAttribute('content')).resolves.toBe('15');
    await expect(page.locator('script').count()).resolves.toBe(0);
    expect(csp).toEqual([]);
  });

  it('lists the latest failure with its reason, health, and the failing feed', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${base}/status`);
    const failure = page.locator('table.failures tbody tr').first();
    await expect(failure.innerText()).resolves.toMatch(
      /fetch[\s\S]*https:\/\/example\.org\/broken[\s\S]*invalid fetch payload/,
    );
    await expect(page.locator('ul.health').innerText()).resolves.toMatch(/Redis: up[\s\S]*Store: up — 5 stored/);
    await expect(page.locator('#failing-feeds + ul').innerText()).resolves.toContain(deadFeed);
    await expect(page.locator('header nav a[href="/status"]').getAttribute('aria-current')).resolves.toBe('page');
  });

  it('has no serious accessibility violations, at a desk and on a phone', async () => {
    for (const viewport of [
      { width: 1400, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const { page } = await openPage(browser, viewport);
      await page.goto(`${base}/status`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await screenshotsOf(browser, `${base}/status`, 'status');
  }, 90_000);
});

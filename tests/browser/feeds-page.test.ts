/**
 * /feeds in Chromium: the registered feeds with their status; with actions allowed, adding, polling
 * and removing from the page, a POST without the form's CSRF token refused; without actions, no forms.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedService } from '../../src/pipeline/feed-service.js';
import { buildDashboard } from '../../src/server/dashboard-server.js';
import { openPage, launchChromium, screenshotsOf, seriousViolations, PHONE } from '../helpers/browser-pages.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';

describe('/feeds in Chromium', () => {
  let h: Harness;
  let feeds: FeedService;
  let withActions: FastifyInstance;
  let readOnly: FastifyInstance;
  let browser: Browser;
  let base: string;
  let readOnlyBase: string;
  const failing = 'http://127.0.0.1:9/rss.xml';
  const polled = 'https://wire.example/rss.xml';

  beforeAll(async () => {
    h = await startPipeline({ stages: [] }); // no feed worker: polls stay queued where the test sees them
    feeds = new FeedService(h.rt.redis, h.rt.config, h.rt.queues, h.rt.store);
    await feeds.registry.add(failing);
    for (let i = 0; i < 5; i++)
      await feeds.registry.recordFailure(failing, new Error('connection refused: 127.0.0.1:9'));
    await feeds.registry.add(polled);
    await feeds.registry.recordSuccess(polled, { newItems: 3, title: 'Example Wire: World' });
    await feeds.registry.recordSuccess(polled, { newItems: 0 });
    const deps = {
      queues: h.rt.queues,
      store: h.rt.store,
      pingRedis: () => h.rt.redis.ping(),
      config: h.rt.config,
      feeds,
    };
    withActions = await buildDashboard({ ...deps, allowActions: true });
    readOnly = await buildDashboard({ ...deps, allowActions: false });
    base = await withActions.listen({ port: 0, host: '127.0.0.1' });
    readOnlyBase = await readOnly.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await withActions?.close();
    await readOnly?.close();
    await h?.stop();
  });

  it('adds a feed, polls it now and removes it from the page', async () => {
    const { page, csp } = await openPage(browser);
    await page.goto(`${base}/feeds`);
    await expect(page.locator('table.feeds tbody tr', { hasText: failing }).innerText()).resolves.toMatch(
      /failing[\s\S]*5/,
    );
    await page.fill('form[action="/feeds/add"] input[name=url]', 'https://example.org/rss.xml');
    await page.fill('input[name=every]', '30m');
    await page.click('form[action="/feeds/add"] button');
    await page.waitForURL(/\/feeds\?ok=/);
    await expect(page.locator('[role=status]').innerText()).resolves.toMatch(/Added https:\/\/example\.org\/rss\.xml/);
    expect((await feeds.registry.get('https://example.org/rss.xml'))?.everyMs).toBe(30 * 60_000);

    const row = page.locator('table.feeds tbody tr', { hasText: 'https://example.org/rss.xml' });
    const pollsBefore = await feeds.queue.getJobCountByTypes('waiting', 'delayed', 'prioritized');
    await row.getByRole('button', { name: 'Poll now' }).click();
    await page.waitForURL(/ok=Polling/);
    expect(await feeds.queue.getJobCountByTypes('waiting', 'delayed', 'prioritized')).toBe(pollsBefore + 1);

    await page
      .locator('table.feeds tbody tr', { hasText: 'https://example.org/rss.xml' })
      .getByRole('button', { name: 'Remove' })
      .click();
    await page.waitForURL(/ok=Removed/);
    expect(await feeds.registry.get('https://example.org/rss.xml')).toBeNull();
    await expect(page.locator('table.feeds').innerText()).resolves.not.toContain('https://example.org/rss.xml');
    expect(csp).toEqual([]);
  }, 90_000);

  it('shows each feed’s title, the new items of its last poll and per poll, and links to its articles', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${base}/feeds`);
    const headers = await page.locator('table.feeds thead th').allInnerTexts();
    const row = page.locator('table.feeds tbody tr', { hasText: polled });
    const cells = await row.locator('td').allInnerTexts();
    const cell = (header: RegExp) => cells[headers.findIndex((h) => header.test(h))];
    expect(cells[0]).toMatch(/^Example Wire: World\n/);
    expect(cell(/^New, last poll$/)).toBe('0');
    expect(cell(/^New per poll \(mean/)).toBe('1.5');
    expect(cell(/^Items seen$/)).toBe('3');
    const failingCells = await page.locator('table.feeds tbody tr', { hasText: failing }).locator('td').allInnerTexts();
    expect(failingCells[headers.findIndex((h) => /^New, last poll$/.test(h))]).toBe('–');
    await row.getByRole('link', { name: 'its articles' }).click();
    await page.waitForURL(`${base}/?feed=${encodeURIComponent(polled)}`);
    await expect(page.locator('form.filters').innerText()).resolves.toContain(`From the feed ${polled}`);
  }, 60_000);

  it('refuses a POST that does not carry the page’s CSRF token', async () => {
    const forged = await fetch(`${base}/feeds/remove`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ url: failing }).toString(),
    });
    expect(forged.status).toBe(403);
    expect(await feeds.registry.get(failing)).not.toBeNull();
  });

  it('shows no forms and accepts no POST when actions are not allowed', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${readOnlyBase}/feeds`);
    await expect(page.locator('form[method=post]').count()).resolves.toBe(0);
    await expect(page.locator('main').innerText()).resolves.toMatch(/DASHBOARD_ALLOW_ACTIONS/);
    const post = await fetch(`${readOnlyBase}/feeds/remove`, { method: 'POST', body: 'url=x' });
    expect(post.status).toBe(404);
  });

  it('has no serious accessibility violations, at a desk and on a phone', async () => {
    for (const viewport of [undefined, PHONE]) {
      const { page } = await openPage(browser, viewport);
      await page.goto(`${base}/feeds`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await screenshotsOf(browser, `${base}/feeds`, 'feeds');
  }, 90_000);
});

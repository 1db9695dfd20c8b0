/**
 * Kinds of source in Chromium: /stats draws articles per week by kind with its axes and legend, at a
 * desk's width and a phone's (screenshots stats-kinds*.png), and the list's Kind of source menu
 * narrows the list to official readouts.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESK, PHONE, launchChromium, openPage, screenshotsOf, seriousViolations } from '../helpers/browser-pages.js';
import { startDashboard, type DashboardFixture } from '../server/dashboard-fixture.js';
import { KIND_ARTICLES, idsOfKind } from '../server/kind-articles.js';

describe('kinds of source in Chromium', () => {
  let f: DashboardFixture;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    f = await startDashboard({ articles: KIND_ARTICLES });
    base = await f.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await f?.stop();
  });

  it('/stats draws articles per week by kind of source, readable on a desk and a phone', async () => {
    for (const viewport of [DESK, PHONE]) {
      const { page, csp } = await openPage(browser, viewport);
      await page.goto(`${base}/stats`);
      const svg = page.locator('svg[role="img"][aria-label="Articles per week by kind of source"]');
      await expect(svg.isVisible()).resolves.toBe(true);
      const box = await svg.boundingBox();
      expect(box!.height).toBeGreaterThan(200);
      // The page is no wider than the window: on a phone only the chart's own box scrolls sideways.
      await expect(page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).resolves.toBe(true);
      for (const kind of ['official', 'wire', 'state media', 'press', 'no kind given'])
        await expect(svg.locator('.legend text', { hasText: kind }).isVisible()).resolves.toBe(true);
      // Each kind's bars have the legend's colour.
      const legendFill = await svg
        .locator('.legend-item', { hasText: 'official' })
        .locator('rect')
        .getAttribute('fill');
      await expect(svg.locator('g.series[data-kind="official"] rect').first().getAttribute('fill')).resolves.toBe(
        legendFill,
      );
      await expect(svg.locator('g.series[data-kind="official"] rect').count()).resolves.toBe(3);
      await expect(svg.locator('.axis.y text', { hasText: 'Articles' }).isVisible()).resolves.toBe(true);
      await expect(svg.locator('.axis.x text', { hasText: 'Week (starting Monday, UTC)' }).isVisible()).resolves.toBe(
        true,
      );
      expect(await seriousViolations(page)).toEqual([]);
      expect(csp).toEqual([]);
      await page.close();
    }
    await screenshotsOf(browser, `${base}/stats`, 'stats-kinds');
  }, 120_000);

  it('the Kind of source menu narrows the list to official readouts', async () => {
    const { page, csp } = await openPage(browser);
    await page.goto(`${base}/`);
    await page.getByLabel('Kind of source').selectOption('official');
    await page.click('form.filters button[type=submit]');
    await page.waitForURL(/kind=official/);
    const n = idsOfKind('official').length;
    await expect(page.locator('main .results').innerText()).resolves.toMatch(new RegExp(`1–${n} of ${n}`));
    await expect(page.locator('tbody a.title').count()).resolves.toBe(n);
    await expect(page.getByLabel('Kind of source').inputValue()).resolves.toBe('official');
    expect(csp).toEqual([]);
    await page.close();
  }, 90_000);
});

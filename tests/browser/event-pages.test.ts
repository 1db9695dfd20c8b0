/**
 * The event pages and charts in a real headless Chromium: /events (filters used through the form),
 * an entry page, and /stats, at a desktop width (1,400 px) and a phone's (390 px). Screenshots go
 * to tests/screenshots/ (git-ignored).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type DashboardFixture } from '../server/dashboard-fixture.js';
import { EVENT_ARTICLES } from '../server/event-articles.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];
const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');
const WIDTHS = { wide: 1400, narrow: 390 } as const;

describe('event pages and charts in Chromium', () => {
  let f: DashboardFixture;
  let browser: Browser;
  let base: string;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y --no-install-recommends chromium)`,
      );
    }
    f = await startDashboard({ articles: EVENT_ARTICLES });
    base = await f.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await f?.stop();
  });

  async function open(width: number, path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(`${base}${path}`);
    return page;
  }

  /** The page is no wider than the window: nothing to scroll sideways but a chart's own box. */
  const fitsWidth = async (page: Page): Promise<boolean> =>
    (await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')) === true;

  it('shows the timeline, filters it through the form, and draws its charts', { timeout: 120_000 }, async () => {
    for (const [name, width] of Object.entries(WIDTHS)) {
      const page = await open(width, '/events');
      await expect(page.locator('h3', { hasText: 'April 2017' }).isVisible()).resolves.toBe(true);
      await expect(page.locator('section.upcoming li.event').count()).resolves.toBe(1);
      const months = page.locator('svg[role="img"][aria-label="Events per month by type"]');
      await expect(months.isVisible()).resolves.toBe(true);
      await expect(months.locator('rect[fill]').count()).resolves.toBeGreaterThan(3);
      await expect(
        page.locator('#chart-top-pairs text', { hasText: 'Rex Tillerson – Sergei Lavrov' }).count(),
      ).resolves.toBe(1);
      await page.screenshot({ path: join(SCREENSHOTS, `events-${name}.png`), fullPage: true });
      await expect(fitsWidth(page)).resolves.toBe(true);

      await page.getByLabel('Type', { exact: true }).selectOption('meeting');
      await page.getByLabel('Person', { exact: true }).fill('Lavrov');
      await page.click('form.event-filters button[type=submit]');
      await page.waitForURL(/type=meeting/);
      await expect(page.locator('#timeline-h ~ section.month li.event').count()).resolves.toBe(1);
      await expect(page.locator('main .results').innerText()).resolves.toMatch(/1–1 of 1/);
      await page.close();
    }
    expect(cspViolations).toEqual([]);
  });

  it(
    'opens an entry with every report’s evidence, and an article’s events link back to it',
    { timeout: 120_000 },
    async () => {
      for (const [name, width] of Object.entries(WIDTHS)) {
        const page = await open(width, '/events?actor=tillerson');
        await page.locator('#timeline-h ~ section.month a.event-title').first().click();
        await page.waitForURL(/\/events\/[^/?]+$/);
        const entry = page.url();
        await expect(page.locator('h1').innerText()).resolves.toBe('Meeting: Rex Tillerson – Sergei Lavrov');
        await expect(page.locator('blockquote.evidence-quote').count()).resolves.toBe(2);
        await page.screenshot({ path: join(SCREENSHOTS, `event-entry-${name}.png`), fullPage: true });
        await expect(fitsWidth(page)).resolves.toBe(true);

        await page.locator('ol.reports a', { hasText: 'Тиллерсон' }).click();
        await page.waitForURL(/\/articles\/m2$/);
        await page.locator('ul.article-events a').click();
        await page.waitForURL(entry);
        await page.close();
      }
      expect(cspViolations).toEqual([]);
    },
  );

  it('/stats draws the three charts with their legends, and the day counts', { timeout: 120_000 }, async () => {
    for (const [name, width] of Object.entries(WIDTHS)) {
      const page = await open(width, '/stats');
      for (const label of [
        'Articles per week by topic',
        'Events per month by type',
        'Most frequent US–Russia pairs of people',
      ]) {
        const svg = page.locator(`svg[role="img"][aria-label="${label}"]`);
        await expect(svg.isVisible()).resolves.toBe(true);
        const box = await svg.boundingBox();
        expect(box?.height).toBeGreaterThan(100);
      }
      await expect(page.locator('#chart-topics-weekly .legend text', { hasText: 'meeting' }).isVisible()).resolves.toBe(
        true,
      );
      await expect(page.locator('table.days caption', { hasText: 'By storage date' }).isVisible()).resolves.toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, `stats-${name}.png`), fullPage: true });
      await expect(fitsWidth(page)).resolves.toBe(true);
      await page.close();
    }
    expect(cspViolations).toEqual([]);
  });
});

/**
 * The dashboard in a real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
 * the seeds go through the real pipeline, then the test uses the pages as a person would. Screenshots
 * go to tests/screenshots/ (git-ignored). Without Chromium the test fails and says how to install it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitSeeds } from '../../src/pipeline/submit-seeds.js';
import { buildDashboard } from '../../src/server/dashboard-server.js';
import { PHONE, seriousViolations } from '../helpers/browser-pages.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { settle } from '../helpers/wait.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');

describe('dashboard in Chromium', () => {
  let h: Harness;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;
  /** Console messages about the Content-Security-Policy. */
  const cspViolations: string[] = [];
  /** Requests the pages made to other origins than the dashboard's. */
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y --no-install-recommends chromium), as .ci/run does`,
      );
    }
    h = await startPipeline();
    for (const r of await submitSeeds(h.rt.queues)) await settle(h.rt.queues, r.id);
    await h.group.stop(); // stop the workers so queued jobs stay put for the queue counts
    // Jobs left waiting, a different number per queue (the store queue keeps the seeds' completed jobs).
    const waiting = { fetch: 2, clean: 1, classify: 3 } as const;
    for (const [stage, n] of Object.entries(waiting)) {
      for (let i = 0; i < n; i++)
        await h.rt.queues.queues[stage as keyof typeof waiting].add(
          stage,
          { id: `${stage}${i}` },
          { jobId: `browser-${stage}-${i}` },
        );
    }
    app = await buildDashboard({
      queues: h.rt.queues,
      store: h.rt.store,
      pingRedis: () => h.rt.redis.ping(),
      config: h.rt.config,
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreignRequests.push(r.url());
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await h?.stop();
  });

  it('shows Parley’s queues with their counts on /queues', async () => {
    await page.goto(`${base}/queues`);
    for (const stage of ['fetch', 'clean', 'classify', 'store']) {
      const card = page.locator('li', { has: page.locator(`a[title$=". ${stage}"]`) });
      const counts = await h.rt.queues.queues[stage as 'fetch'].getJobCounts();
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
      expect(total).toBeGreaterThan(0);
      await card
        .getByText(new RegExp(`^${total} Jobs?$`))
        .waitFor({ timeout: 15_000 })
        .catch(async (err: Error) => {
          await page.screenshot({ path: join(SCREENSHOTS, 'queues-failed.png'), fullPage: true });
          throw new Error(`the ${stage} card does not show ${total} Jobs (${JSON.stringify(counts)}): ${err.message}`);
        });
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'queues.png'), fullPage: true });
    expect(cspViolations).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  it('shows bull-board’s queue cards in pipeline order, then feeds and the watch queues', async () => {
    await page.goto(`${base}/queues`);
    const titles = page.locator('main li a[title]');
    await titles.first().waitFor({ timeout: 15_000 });
    const names = (await titles.evaluateAll((as) => as.map((a) => a.getAttribute('title') ?? ''))).map((t) =>
      t.replace(/^\d+\. /, ''),
    );
    const expected = [
      'fetch',
      'clean',
      'classify',
      'store',
      h.rt.queues.feeds.name,
      ...h.rt.queues.alerts.all().map((q) => q.name),
    ];
    expect(names.filter((n) => expected.includes(n))).toEqual(expected);
    expect(foreignRequests).toEqual([]);
  });

  it('lists the seeds, filters by a topic, searches, and opens an article', async () => {
    await page.goto(`${base}/`);
    const rows = page.locator('main tbody tr');
    await expect(rows.count()).resolves.toBe(5);
    await expect(page.locator('main').innerText()).resolves.toMatch(
      /Russia and US take non-confrontational stance on Syria at Moscow talks/,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'articles.png'), fullPage: true });

    const topic = page.locator('aside ul.topics li a', { hasText: 'chemical-weapons' });
    const expected = Number(
      await page.locator('aside ul.topics li', { hasText: 'chemical-weapons' }).locator('.count').innerText(),
    );
    await topic.click();
    await page.waitForURL(/topic=chemical-weapons/);
    await expect(rows.count()).resolves.toBe(expected);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(5);
    await page.screenshot({ path: join(SCREENSHOTS, 'articles-topic.png'), fullPage: true });

    await page.goto(`${base}/`);
    await page.fill('input[name=q]', 'Tillerson Lavrov');
    await page.click('form.filters button[type=submit]');
    await page.waitForURL(/q=Tillerson\+Lavrov/);
    await expect(page.locator('main .results').innerText()).resolves.toMatch(/most relevant first/);
    await expect(page.locator('main tbody tr mark').count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'search.png'), fullPage: true });

    const first = page.locator('main tbody tr a.title').first();
    const title = await first.innerText();
    await first.click();
    await page.waitForURL(/\/articles\/[0-9a-f]{20}$/);
    await expect(page.locator('h1').innerText()).resolves.toBe(title);
    await expect(page.locator('ul.evidence').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('article.text p').count()).resolves.toBeGreaterThan(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'article.png'), fullPage: true });
    expect(cspViolations).toEqual([]);
  });

  it('filters the list with labelled menus and suggestions, and passes axe at a desk and on a phone', async () => {
    await page.goto(`${base}/`);
    // Every control is found by its visible label: menus for topic and language, suggestions for entity and site.
    await expect(page.getByLabel('Topic', { exact: true }).evaluate((e) => e.tagName)).resolves.toBe('SELECT');
    await expect(page.getByLabel('Language', { exact: true }).evaluate((e) => e.tagName)).resolves.toBe('SELECT');
    for (const label of ['Entity', 'Site or host']) {
      const list = await page.getByLabel(label, { exact: true }).getAttribute('list');
      await expect(page.locator(`datalist#${list} option`).count()).resolves.toBeGreaterThan(0);
    }
    await expect(page.getByLabel('From', { exact: true }).getAttribute('type')).resolves.toBe('date');
    await expect(page.getByLabel('To', { exact: true }).getAttribute('type')).resolves.toBe('date');
    const expected = Number(
      await page.locator('aside ul.topics li', { hasText: 'chemical-weapons' }).locator('.count').innerText(),
    );
    await page.getByLabel('Topic', { exact: true }).selectOption('chemical-weapons');
    await page.click('form.filters button[type=submit]');
    await page.waitForURL(/topic=chemical-weapons/);
    await expect(page.locator('main tbody tr').count()).resolves.toBe(expected);
    await expect(page.getByLabel('Topic', { exact: true }).inputValue()).resolves.toBe('chemical-weapons');
    await page.screenshot({ path: join(SCREENSHOTS, 'articles-filters.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    const phone = await browser.newPage({ viewport: PHONE });
    await phone.goto(`${base}/`);
    await phone.screenshot({ path: join(SCREENSHOTS, 'articles-phone.png'), fullPage: true });
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.close();
    expect(cspViolations).toEqual([]);
  });
});

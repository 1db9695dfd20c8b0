/**
 * /skipped in Chromium: skipped articles newest first with score, evidence and the start of their
 * text; a search; an analyst's marks (actions allowed) exported by `npm run labels -- export` in the
 * format the classifier's fitting tool reads; `npm run articles -- --skipped`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../src/server/dashboard-server.js';
import { readLabelled } from '../../src/stages/classify/evaluation.js';
import { openPage, launchChromium, screenshotsOf, seriousViolations, PHONE } from '../helpers/browser-pages.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { runProgram } from '../helpers/run-cli.js';

describe('/skipped in Chromium', () => {
  let h: Harness;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    h = await startPipeline({ stages: [] });
    const store = await h.rt.store();
    await store.recordSkipped({
      id: 'a'.repeat(20),
      url: 'https://example.org/bike-lanes',
      title: 'City council approves new bike lanes',
      relevance: 0.02,
      skippedAt: '2026-01-01T10:00:00.000Z',
      excerpt: 'The council voted on Tuesday to add twelve kilometres of bike lanes downtown.',
      evidence: { relevance: [{ phrase: 'council', where: 'title', weight: 0.1 }] },
    });
    await store.recordSkipped({
      id: 'b'.repeat(20),
      url: 'https://example.org/lavrov-visit',
      title: 'Lavrov to visit Washington next month',
      relevance: 0.41,
      skippedAt: '2026-01-02T10:00:00.000Z',
      excerpt:
        'Russian Foreign Minister Sergei Lavrov will travel to Washington for talks with the Secretary of State.',
      evidence: { relevance: [{ phrase: 'Lavrov', where: 'title', weight: 0.8 }] },
    });
    app = await buildDashboard({
      queues: h.rt.queues,
      store: h.rt.store,
      pingRedis: () => h.rt.redis.ping(),
      config: h.rt.config,
      allowActions: true,
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await h?.stop();
  });

  it('lists skipped articles newest first with score, evidence phrases and text, and searches them', async () => {
    const { page, csp } = await openPage(browser);
    await page.goto(`${base}/skipped`);
    const titles = await page.locator('li.skipped h2.title').allInnerTexts();
    expect(titles).toEqual(['Lavrov to visit Washington next month', 'City council approves new bike lanes']);
    const first = page.locator('li.skipped').first();
    await expect(first.innerText()).resolves.toMatch(/score 0\.41[\s\S]*Sergei Lavrov will travel/);
    await first.locator('summary').click();
    await expect(first.locator('ul.evidence').innerText()).resolves.toMatch(/“Lavrov” title · weight 0\.80/);
    await page.fill('input[name=q]', 'bike');
    await page.click('form.filters button');
    await page.waitForURL(/q=bike/);
    await expect(page.locator('li.skipped h2.title').allInnerTexts()).resolves.toEqual([
      'City council approves new bike lanes',
    ]);
    expect(csp).toEqual([]);
  }, 90_000);

  it('marks an article relevant, and the labels export is data the fitting tool reads', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${base}/skipped`);
    await page.locator('li.skipped').first().getByRole('button', { name: 'Mark relevant' }).click();
    await page.waitForURL(/marked=relevant/);
    await expect(page.locator('li.skipped').first().innerText()).resolves.toMatch(/marked relevant/);
    await page.locator('li.skipped').nth(1).getByRole('button', { name: 'Mark not relevant' }).click();
    await page.waitForURL(/marked=not-relevant/);

    const out = join(mkdtempSync(join(tmpdir(), 'parley-labels-')), 'labels.jsonl');
    const exported = await runProgram('cli/labels.ts', ['export', '--out', out], h.env);
    expect(exported.code).toBe(0);
    const labelled = readLabelled(out);
    expect(labelled.map((l) => [l.id, l.relevance])).toEqual(
      expect.arrayContaining([
        ['b'.repeat(20), 'yes'],
        ['a'.repeat(20), 'no'],
      ]),
    );
    expect(labelled.find((l) => l.relevance === 'yes')?.text).toMatch(/Sergei Lavrov/);

    const listed = await runProgram('cli/articles.ts', ['--skipped', '--q', 'lavrov'], h.env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/Lavrov to visit Washington[\s\S]*score 0\.41 · marked relevant/);
    expect(listed.stdout).not.toMatch(/bike lanes/);
  }, 120_000);

  it('has no serious accessibility violations, at a desk and on a phone', async () => {
    for (const viewport of [undefined, PHONE]) {
      const { page } = await openPage(browser, viewport);
      await page.goto(`${base}/skipped`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await screenshotsOf(browser, `${base}/skipped`, 'skipped');
  }, 90_000);
});

/**
 * Russian articles in Chromium and on the command line: real articles of the Russian dev set
 * (../shared/eval/ru/dev.jsonl) go through the real pipeline as seed documents; their page shows the
 * Cyrillic title and text, marked as Russian; a search for an inflected word ("санкциях") lists the
 * articles that have the word in other cases, its snippet marking the Russian words as written;
 * `npm run articles -- --lang ru --q …` prints the same Cyrillic. Screenshots at a desk and on a phone.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitSeeds } from '../../src/pipeline/submit-seeds.js';
import { buildDashboard } from '../../src/server/dashboard-server.js';
import { launchChromium, openPage, screenshotsOf, seriousViolations, PHONE } from '../helpers/browser-pages.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { runProgram } from '../helpers/run-cli.js';
import { SHARED_DIR } from '../helpers/shared-data.js';
import { settle } from '../helpers/wait.js';

interface Labelled {
  id: string;
  title: string;
  text: string;
  date: string | null;
  relevance: string;
}

/** Relevant articles of the dev set: two report sanctions (санкции, санкций), two do not. */
const CHOSEN = ['ru-008', 'ru-073', 'ru-002', 'ru-044'];
/** The query: a case (prepositional) that none of the chosen articles uses. */
const QUERY = 'санкциях';
const STEM = /санкци[а-яё]*/i;

const articles = readFileSync(resolve(SHARED_DIR, 'eval/ru/dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Labelled)
  .filter((a) => CHOSEN.includes(a.id));
const aboutSanctions = articles.filter((a) => STEM.test(`${a.title}\n${a.text}`));
/** The first sentence of the text, whitespace as the page shows it. */
const firstSentence = (a: Labelled) => /^[^.!?]+[.!?]/.exec(a.text.trim())![0].replace(/\s+/g, ' ');

describe('Russian articles in Chromium and the CLI', () => {
  let h: Harness;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  const seedDir = mkdtempSync(join(tmpdir(), 'parley-ru-seeds-'));
  const idOf = new Map<string, string>();

  beforeAll(async () => {
    expect(articles.map((a) => a.id).sort()).toEqual([...CHOSEN].sort());
    expect(aboutSanctions.map((a) => a.id).sort()).toEqual(['ru-008', 'ru-073']);
    expect(articles.some((a) => a.text.includes(QUERY))).toBe(false);
    writeFileSync(
      join(seedDir, 'seeds.json'),
      JSON.stringify(
        articles.map((a) => ({ file: `${a.id}.txt`, title: a.title, published: a.date?.slice(0, 10) ?? null })),
      ),
    );
    for (const a of articles) writeFileSync(join(seedDir, `${a.id}.txt`), a.text);
    h = await startPipeline();
    for (const r of await submitSeeds(h.rt.queues, seedDir)) {
      await settle(h.rt.queues, r.id);
      idOf.set(r.file.replace(/\.txt$/, ''), r.id);
    }
    app = await buildDashboard({
      queues: h.rt.queues,
      store: h.rt.store,
      pingRedis: () => h.rt.redis.ping(),
      config: h.rt.config,
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await h?.stop();
    rmSync(seedDir, { recursive: true, force: true });
  });

  it('shows a Russian article: Cyrillic title and text, the language named Russian', async () => {
    const a = articles.find((x) => x.id === 'ru-008')!;
    const { page, csp } = await openPage(browser);
    await page.goto(`${base}/articles/${idOf.get(a.id)}`);
    await expect(page.locator('main h1').innerText()).resolves.toBe(a.title);
    await expect(page.locator('main h1').getAttribute('lang')).resolves.toBe('ru');
    await expect(page.locator('article.text').getAttribute('lang')).resolves.toBe('ru');
    const body = (await page.locator('article.text').innerText()).replace(/\s+/g, ' ');
    expect(body).toContain(firstSentence(a));
    await expect(page.locator('dl.meta').innerText()).resolves.toMatch(/Language\s+Russian \(ru\)/);
    expect(csp).toEqual([]);
  }, 60_000);

  it(`finds "${QUERY}" in articles that say "санкции" or "санкций", and marks those words`, async () => {
    const { page } = await openPage(browser);
    await page.goto(`${base}/?q=${encodeURIComponent(QUERY)}`);
    const titles = await page.locator('table a.title').allInnerTexts();
    expect(titles.sort()).toEqual(aboutSanctions.map((a) => a.title).sort());
    const snippets = page.locator('table .snippet');
    await expect(snippets.count()).resolves.toBe(aboutSanctions.length);
    for (let i = 0; i < aboutSanctions.length; i++) {
      const marks = await snippets.nth(i).locator('mark').allInnerTexts();
      expect(marks.length).toBeGreaterThan(0);
      for (const m of marks) expect(m).toMatch(new RegExp(`^${STEM.source}$`, 'i'));
    }
    await expect(page.locator('input[name="q"]').inputValue()).resolves.toBe(QUERY);
  }, 60_000);

  it('has no serious accessibility violations on either page, at a desk and on a phone', async () => {
    const article = `${base}/articles/${idOf.get('ru-008')}`;
    const search = `${base}/?q=${encodeURIComponent(QUERY)}&lang=ru`;
    for (const viewport of [undefined, PHONE]) {
      for (const url of [article, search]) {
        const { page } = await openPage(browser, viewport);
        await page.goto(url);
        expect(await seriousViolations(page)).toEqual([]);
      }
    }
    await screenshotsOf(browser, article, 'article-russian');
    await screenshotsOf(browser, search, 'search-russian');
  }, 90_000);

  it('prints the Cyrillic titles and text with `npm run articles -- --lang ru --q`', async () => {
    const listed = await runProgram('cli/articles.ts', ['--lang', 'ru', '--q', QUERY], h.env);
    expect(listed.code).toBe(0);
    for (const a of aboutSanctions) expect(listed.stdout).toContain(a.title);
    for (const a of articles.filter((x) => !aboutSanctions.includes(x))) expect(listed.stdout).not.toContain(a.title);
    expect(listed.stdout).not.toContain('\uFFFD');

    const json = await runProgram('cli/articles.ts', ['--json', '--lang', 'ru', '--q', QUERY], h.env);
    const rows = json.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { title: string; text: string; language: string });
    expect(rows.map((r) => r.title).sort()).toEqual(aboutSanctions.map((a) => a.title).sort());
    for (const r of rows) {
      expect(r.language).toBe('ru');
      expect(r.text).toMatch(STEM);
    }
    const english = await runProgram('cli/articles.ts', ['--lang', 'en', '--q', QUERY], h.env);
    expect(english.code).toBe(0);
    for (const a of articles) expect(english.stdout).not.toContain(a.title);
  }, 60_000);
});

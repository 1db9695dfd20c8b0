import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/stages/classify/taxonomy.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { article } from '../store/article-factory.js';
import { SAMPLE_ARTICLES, startDashboard, type DashboardFixture } from './dashboard-fixture.js';

describe('Parley’s pages', () => {
  let f: DashboardFixture;
  beforeAll(async () => {
    f = await startDashboard();
  });
  afterAll(async () => f?.stop());

  const page = async (url: string) => {
    const r = await f.app.inject({ method: 'GET', url });
    return { status: r.statusCode, html: r.body, headers: r.headers };
  };

  it('lists stored articles with site, date and topics, and counts per topic', async () => {
    const { status, html, headers } = await page('/');
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/text\/html/);
    expect(html).toContain('U.S. condemns Russia veto of probe into Syria chemical weapons use');
    expect(html).toContain('2017-10-24');
    expect(html).toContain('reuters.com');
    expect(html).toMatch(/<a href="\?topic=syria">syria<\/a> <span class="count">2<\/span>/);
    expect(html).toMatch(/1–4 of 4, newest first/);
  });

  it('filters by topic and entity, and searches with highlighted snippets', async () => {
    const bySanctions = await page('/?topic=sanctions');
    expect(bySanctions.html).toContain('House approves new Russia sanctions');
    expect(bySanctions.html).not.toContain('chemical weapons use');
    expect((await page('/?entity=lavrov&topic=syria')).html).toMatch(/1–2 of 2/);
    const search = await page('/?q=chemical+weapons');
    expect(search.html).toMatch(/most relevant first/);
    expect(search.html).toMatch(/<mark>chemical<\/mark> <mark>weapons<\/mark>/i);
    expect(search.html).toContain('value="chemical weapons"');
  });

  it('says which filter is wrong instead of failing', async () => {
    const r = await page('/?from=soon');
    expect(r.status).toBe(400);
    expect(r.html).toMatch(/<p class="error">from must be a date/);
  });

  it('shows an article: clean text, metadata, each topic with its evidence', async () => {
    const { status, html } = await page('/articles/isot-true-16594');
    expect(status).toBe(200);
    expect(html).toMatch(/<h1>U\.S\. condemns Russia veto/);
    expect(html).toMatch(/<dt>Published<\/dt><dd>24 October 2017, 00:00 UTC<\/dd>/);
    // Evidence folded per topic, as the phrases that matched and their weights (no regexes).
    expect(html).toMatch(
      /<details class="evidence"><summary>Topic <span class="tag">chemical-weapons<\/span>.*?<\/summary><ul class="evidence"><li>“chemical weapons” <span class="where">title · weight 2\.00<\/span>/,
    );
    expect(html).toMatch(/<dt>Topics<\/dt><dd><a class="tag" href="\/\?topic=chemical-weapons">/);
    expect(html).toContain('https://news.example/isot-true-16594');
    expect(html).toMatch(/<article class="text"><p>/);
    expect((await page('/articles/nothing-here')).status).toBe(404);
  });

  it('shows what articles hold as text: a <script> title, markup in the body, a site with tags', async () => {
    for (const url of ['/', '/articles/xss', '/?q=bold+claim']) {
      const { html } = await page(url);
      expect(html).not.toMatch(/<script|<img|<b>|<i>evil/i);
    }
    const { html } = await page('/articles/xss');
    expect(html).toContain('&#60;script&#62;alert(&#34;owned&#34;)&#60;/script&#62; Lavrov &#38; Tillerson');
  });

  it('says when an article’s date was read from its text, and not when the page gave it', async () => {
    await (await f.rt.store()).upsertArticle(article('from-text', { published: '2013-05-07', dateSource: 'text' }));
    const { html } = await page('/articles/from-text');
    expect(html).toMatch(/7 May 2013.*date from text/);
    expect((await page(`/articles/${SAMPLE_ARTICLES[0]!.id}`)).html).not.toContain('date from text');
  });
});

describe.each(STORE_KINDS)('the list’s filters on the %s store', (kind) => {
  let f: DashboardFixture;
  beforeAll(async () => {
    const ministry = article('mid-1', {
      url: 'https://www.mid.ru/foreign_policy/news/1',
      canonicalUrl: 'https://www.mid.ru/foreign_policy/news/1',
      site: null,
      language: 'ru-RU',
      title: 'Лавров и Путин о Сирии',
      text: 'Сергей Лавров и Владимир Путин обсудили положение в Сирии на встрече в Москве.',
      entities: [{ name: 'Vladimir Putin', type: 'person', mentions: 1 }],
      topics: ['syria'],
    });
    f = await startDashboard({ store: kind, articles: [...SAMPLE_ARTICLES, ministry] });
  });
  afterAll(async () => f?.stop());

  const page = async (url: string) => (await f.app.inject({ method: 'GET', url })).body;
  const results = (html: string) => /(\d+)–(\d+) of (\d+)/.exec(html)?.[3];

  it('offers every taxonomy topic and the stored languages as labelled menus, with counts', async () => {
    const html = await page('/');
    expect(html).toContain('<label for="filter-topic">Topic</label><select id="filter-topic" name="topic">');
    for (const t of loadTaxonomy().topics) expect(html).toContain(`<option value="${t.id}">`);
    expect(html).toContain('<option value="syria">syria (3)</option>');
    expect(html).toContain('<label for="filter-lang">Language</label><select id="filter-lang" name="lang">');
    expect(html).toContain('<option value="en">en (4)</option>');
    expect(html).toContain('<option value="ru">ru (1)</option>');
    expect(await page('/?lang=ru&topic=syria')).toMatch(/<option value="ru" selected>/);
    expect(await page('/?lang=ru&topic=syria')).toMatch(/<option value="syria" selected>/);
  });

  it('suggests stored entity names, most frequent first, and labels every field', async () => {
    const html = await page('/');
    expect(html).toMatch(/<input id="filter-entity" type="text" name="entity" value="" list="entity-names">/);
    expect(html).toMatch(
      /<datalist id="entity-names"><option value="Sergei Lavrov"><\/option><option value="Vladimir Putin"><\/option><\/datalist>/,
    );
    for (const name of ['q', 'topic', 'lang', 'entity', 'site', 'from', 'to']) {
      expect(html).toContain(`<label for="filter-${name}">`);
      expect(html).toContain(`id="filter-${name}"`);
    }
  });

  it('counts stories per site, and a site matches by name or by host name', async () => {
    const html = await page('/');
    expect(html).toMatch(/<a href="\?site=reuters.com">reuters.com<\/a> <span class="count">2<\/span>/);
    expect(html).toMatch(/<a href="\?site=Russia\+Direct">Russia Direct<\/a> <span class="count">1<\/span>/);
    expect(results(await page('/?site=Russia+Direct'))).toBe('1');
    // The ministry's page has no site name: its host finds it, with or without www or a scheme.
    for (const site of ['mid.ru', 'www.mid.ru', 'https://www.mid.ru/foreign_policy/']) {
      const found = await page(`/?site=${encodeURIComponent(site)}`);
      expect(results(found), site).toBe('1');
      expect(found).toContain('Лавров и Путин о Сирии');
    }
    expect(results(await page('/?site=news.example'))).toBe('3');
    expect(await page('/?site=id.ru')).toContain('No articles match.');
  });
});

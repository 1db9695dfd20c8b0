import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type DashboardFixture } from './dashboard-fixture.js';

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
    expect(html).toMatch(/<dt>Published<\/dt><dd>2017-10-24T00:00:00.000Z<\/dd>/);
    expect(html).toMatch(
      /<span class="tag">chemical-weapons<\/span><\/h3><ul class="evidence"><li>“chemical weapons” <span class="where">title · chemical weapons · 2.00<\/span>/,
    );
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
});

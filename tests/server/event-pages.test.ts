import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '../helpers/test-services.js';
import { startDashboard, type DashboardFixture } from './dashboard-fixture.js';
import { EVENT_ARTICLES, PLANNED_CALL, daysFromNow } from './event-articles.js';

/** The <figure> of one chart in a page, by its id. */
function chart(html: string, id: string): string {
  const m = new RegExp(`<figure class="chart" id="${id}">[\\s\\S]*?</figure>`).exec(html);
  if (!m) throw new Error(`no chart ${id} in the page`);
  return m[0];
}

describe.each(STORE_KINDS)('event pages and charts (%s store)', (kind) => {
  let f: DashboardFixture;
  beforeAll(async () => {
    f = await startDashboard({ store: kind, articles: EVENT_ARTICLES });
  }, 30_000);
  afterAll(async () => f?.stop());

  const get = async (url: string) => {
    const r = await f.app.inject({ method: 'GET', url });
    return { status: r.statusCode, html: r.body, headers: r.headers };
  };
  /** The ids of the entries on the timeline (not under Upcoming), in order. */
  const entryIds = (html: string) =>
    [...html.slice(html.indexOf('id="timeline-h"')).matchAll(/class="event-title" href="\/events\/([^"]+)"/g)].map(
      (m) => m[1]!,
    );

  it('/events shows the timeline by month, newest first, each entry with its people, place, date, status and report links', async () => {
    const { status, html, headers } = await get('/events');
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/text\/html/);
    expect(headers['content-security-policy']).toMatch(/default-src 'none'/);
    const timeline = html.slice(html.indexOf('id="timeline-h"'));
    const months = [...timeline.matchAll(/<h3 id="m-(\d{4}-\d{2})">/g)].map((m) => m[1]);
    expect(months).toEqual([...months].sort().reverse());
    expect(timeline).toContain('July 2017');
    expect(timeline).toContain('April 2017');
    expect(timeline).toContain('May 2013');
    const april = timeline.slice(timeline.indexOf('April 2017'), timeline.indexOf('May 2013'));
    expect(april).toContain('Rex Tillerson – Sergei Lavrov');
    expect(april).toContain('in Moscow');
    expect(april).toContain('datetime="2017-04-12"');
    expect(april).toContain('status-held');
    // Both reports of the meeting, on Parley's pages and at their source.
    expect(april).toContain('href="/articles/m1"');
    expect(april).toContain('href="/articles/m2"');
    expect(april).toContain('href="https://tass.example/m2"');
    expect(html).toMatch(/1–4 of 4, newest first/);
  });

  it('lists planned events ahead under Upcoming', async () => {
    const { html } = await get('/events');
    const upcoming = html.slice(html.indexOf('id="upcoming-h"'), html.indexOf('aria-label="Charts"'));
    expect(upcoming).toContain('Donald Trump – Vladimir Putin');
    expect(upcoming).toContain(`datetime="${PLANNED_CALL.date}"`);
    expect(upcoming).not.toContain('Rex Tillerson');
  });

  it('filters by type, person, status and dates through a labelled GET form, and pages', async () => {
    const { html } = await get('/events');
    expect(html).toMatch(/<form class="filters event-filters" method="get" action="\/events"/);
    for (const label of ['Type', 'Person', 'Status', 'From', 'To'])
      expect(html).toMatch(new RegExp(`<label for="[^"]+">${label}</label>`));

    const titles = async (url: string) => {
      const page = (await get(url)).html;
      return [
        ...page.slice(page.indexOf('id="timeline-h"')).matchAll(/class="event-title" href="[^"]+">([^<]+)</g),
      ].map((m) => m[1]);
    };
    expect(await titles('/events?type=sanctions')).toEqual(['United States – Russia']);
    expect(await titles('/events?actor=putin')).toEqual([
      'Donald Trump – Vladimir Putin',
      'John Kerry – Vladimir Putin',
    ]);
    expect(await titles('/events?status=planned')).toEqual(['Donald Trump – Vladimir Putin']);
    expect(await titles('/events?from=2017-01-01&to=2017-06-30')).toEqual(['Rex Tillerson – Sergei Lavrov']);
    expect(await titles('/events?from=2013-05&to=2013-05')).toEqual(['John Kerry – Vladimir Putin']);

    const first = await get('/events?limit=2');
    expect(first.html).toMatch(/1–2 of 4/);
    expect(first.html).toContain('<a rel="next" href="/events?limit=2&#38;offset=2">older →</a>');
    const second = await get('/events?limit=2&offset=2');
    expect(second.html).toMatch(/3–4 of 4/);
    expect(entryIds(second.html)).not.toEqual(entryIds(first.html));
  });

  it('answers a bad filter with 400 naming the parameter, and keeps what was typed', async () => {
    const bad = await get('/events?type=dinner&actor=Lavrov');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/text\/html/);
    expect(bad.html).toMatch(/<p class="error" role="alert">Filters not applied: type must be one of meeting/);
    expect(bad.html).toContain('name="actor" value="Lavrov"');
    const date = await get('/events?from=2017-02-30');
    expect(date.status).toBe(400);
    expect(date.html).toMatch(/from must be a date/);
    expect((await get('/events?status=maybe')).html).toMatch(/status must be one of/);
  });

  it('draws the events-per-month and people-pair charts on /events, with axis titles, a legend, and a text alternative', async () => {
    const { html } = await get('/events');
    const months = chart(html, 'chart-events-monthly');
    expect(months).toMatch(/<svg [^>]*role="img"[^>]*aria-label="Events per month by type"/);
    expect(months).toMatch(
      /<title>Events per month by type<\/title><desc id="chart-events-monthly-desc">[^<]+<\/desc>/,
    );
    expect(months).toContain('>Events</text>');
    expect(months).toContain('>Month of the event (its date, else when first reported)</text>');
    const legend = months.slice(months.indexOf('class="legend"'));
    expect(legend).toContain('>sanctions</text>');
    expect(legend).toContain('>call</text>');
    expect(months).toMatch(/<title>2017-07: 1 sanctions event<\/title>/);

    const pairs = chart(html, 'chart-top-pairs');
    expect(pairs).toContain('aria-label="Most frequent US–Russia pairs of people"');
    expect(pairs).toContain('>Rex Tillerson – Sergei Lavrov</text>');
    expect(pairs).toContain('>Events both took part in</text>');
    expect(pairs).not.toContain('United States – Russia');
    // The charts follow the page's dates.
    expect(chart((await get('/events?from=2013-01&to=2013-12')).html, 'chart-events-monthly')).not.toContain(
      'sanctions',
    );
  });

  it('/events/:id shows one entry with every report’s evidence; an unknown id is 404', async () => {
    const { html } = await get('/events?actor=tillerson');
    const [id] = entryIds(html);
    const entry = await get(`/events/${id}`);
    expect(entry.status).toBe(200);
    expect(entry.html).toContain('<h1>Meeting: Rex Tillerson – Sergei Lavrov</h1>');
    expect(entry.html).toContain('2 reports');
    expect(entry.html.match(/<blockquote class="evidence-quote">/g)).toHaveLength(2);
    expect(entry.html).toContain('talks both sides called &#34;frank&#34;.');
    expect(entry.html).toContain('href="/articles/m2"');

    const kerry = await get(`/events/${entryIds((await get('/events?actor=kerry')).html)[0]}`);
    expect(kerry.html).toContain('&#60;b&#62;late into the night&#60;/b&#62;'); // evidence is text, never markup
    expect((await get('/events/nope')).status).toBe(404);
  });

  it('an article page lists its events, each linked to its entry', async () => {
    const { html } = await get('/articles/m2');
    const section = html.slice(html.indexOf('<h2>Events</h2>'));
    expect(section).toMatch(/<ul class="article-events"><li>.*Rex Tillerson – Sergei Lavrov<\/a> in Moscow/);
    const [id] = entryIds((await get('/events?actor=tillerson')).html);
    expect(section).toContain(`href="/events/${id}"`);
    expect((await get('/articles/k1')).html).not.toContain('Rex Tillerson – Sergei Lavrov');
  });

  it('/stats is an HTML page: the three charts, and stories per day by publication date apart from storage date', async () => {
    const { status, html } = await get('/stats');
    expect(status).toBe(200);
    const topics = chart(html, 'chart-topics-weekly');
    expect(topics).toContain('aria-label="Articles per week by topic"');
    expect(topics).toContain('>Articles</text>');
    expect(topics).toContain('>Week (starting Monday, UTC)</text>');
    expect(topics.slice(topics.indexOf('class="legend"'))).toContain('>meeting</text>');
    chart(html, 'chart-events-monthly');
    chart(html, 'chart-top-pairs');
    const byPublication = html.slice(
      html.indexOf('<caption>By publication date'),
      html.indexOf('<caption>By storage date'),
    );
    const byStorage = html.slice(html.indexOf('<caption>By storage date'), html.indexOf('<h2>Queues'));
    // The last 30 days up to the newest of each date: the call published yesterday; the others
    // were published years before it, but stored on the factory's days.
    expect(byPublication).toContain(`${daysFromNow(-1)}</td><td class="num">1<`);
    expect(byPublication).not.toContain('2017-');
    expect(byStorage).toMatch(/2026-01-02<\/td><td class="num">1</);
    expect(byStorage).toMatch(/2026-01-01<\/td><td class="num">4</);
    expect(byPublication).not.toContain('2026-01-0');
    expect(html).toContain('href="/stats"');
    expect(html).toContain('href="/events"');

    const json = (await f.app.inject({ method: 'GET', url: '/api/stats' })).json<{
      articles: { stored: number };
      daysByStorage: { day: string; count: number }[];
    }>();
    expect(json.articles.stored).toBe(5);
    expect(json.daysByStorage).toEqual([
      { day: '2026-01-02', count: 1 },
      { day: '2026-01-01', count: 4 },
    ]);
  });
});

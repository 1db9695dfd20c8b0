import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/stages/feeds/parse-feed.js';
import { FeedParseError } from '../../src/stages/feeds/errors/feed-parse-error.js';
import { PermanentError } from '../../src/shared/errors/index.js';

const FEED_URL = 'https://news.example/rss/world.xml';

const RSS2 = `<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>World &amp; Politics</title><link>https://news.example/</link>
<item>
  <title>Lavrov and Rubio meet in Riyadh</title>
  <link>/world/2026/11/24/lavrov-rubio?utm_source=rss</link>
  <guid isPermaLink="false">story-4711</guid>
  <pubDate>Tue, 24 Nov 2026 13:00:00 +0300</pubDate>
  <dc:creator>Ivan Petrov</dc:creator>
  <category>Diplomacy</category><category domain="https://news.example/tags">USA</category>
  <description>&lt;p&gt;The two   ministers &lt;b&gt;met&lt;/b&gt; for four hours.&lt;/p&gt;</description>
  <content:encoded><![CDATA[<p>Full text of the report.</p>]]></content:encoded>
</item>
<item><title>No link here</title><guid isPermaLink="false">orphan-1</guid></item>
<item><title>Guid is the link</title><guid>https://news.example/world/guid-link</guid></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title><link href="https://atom.example/"/><id>urn:feed</id><updated>2026-11-24T10:00:00Z</updated>
<entry><title type="html">New START &lt;i&gt;talks&lt;/i&gt;</title><link rel="alternate" href="https://atom.example/a/1"/><id>urn:entry:1</id>
<updated>2026-11-24T10:00:00Z</updated><published>2026-11-23T08:30:00Z</published><author><name>Jane Doe</name></author>
<category term="arms-control"/><category term="russia"/><summary>Talks resume in Geneva.</summary><content type="html">&lt;p&gt;Long body&lt;/p&gt;</content></entry></feed>`;

const RDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF news</title><link>https://rdf.example/</link></channel>
<item rdf:about="https://rdf.example/i/1"><title>Embassy reopens</title><link>https://rdf.example/i/1</link><dc:date>2026-11-22T09:00:00+03:00</dc:date><dc:creator>Petr</dc:creator><description>Staff return.</description></item>
</rdf:RDF>`;

describe('parseFeed', () => {
  it('reads RSS 2.0 items with absolute links, ISO dates, authors, categories and text summaries', async () => {
    const feed = await parseFeed(RSS2, FEED_URL);
    expect(feed.title).toBe('World & Politics');
    expect(feed.skipped).toBe(1);
    const [first, second] = feed.items;
    expect(first).toEqual({
      link: 'https://news.example/world/2026/11/24/lavrov-rubio?utm_source=rss',
      guid: 'story-4711',
      title: 'Lavrov and Rubio meet in Riyadh',
      published: '2026-11-24T10:00:00.000Z',
      author: 'Ivan Petrov',
      categories: ['Diplomacy', 'USA'],
      summary: 'The two ministers met for four hours.',
      content: '<p>Full text of the report.</p>',
    });
    expect(second?.link).toBe('https://news.example/world/guid-link');
  });

  it('reads Atom entries', async () => {
    const [entry] = (await parseFeed(ATOM, 'https://atom.example/feed')).items;
    expect(entry).toMatchObject({
      link: 'https://atom.example/a/1',
      guid: 'urn:entry:1',
      title: 'New START talks',
      published: '2026-11-23T08:30:00.000Z',
      author: 'Jane Doe',
      categories: ['arms-control', 'russia'],
      summary: 'Talks resume in Geneva.',
    });
  });

  it('reads RSS 1.0 (RDF) items', async () => {
    const [item] = (await parseFeed(RDF, 'https://rdf.example/rss')).items;
    expect(item).toMatchObject({
      link: 'https://rdf.example/i/1',
      title: 'Embassy reopens',
      published: '2026-11-22T06:00:00.000Z',
      author: 'Petr',
    });
  });

  it.each([
    ['an empty body', '  \n', /is empty/],
    [
      'an HTML page',
      '<!DOCTYPE html><html><head><title>Home</title></head><body>Welcome</body></html>',
      /is an HTML page/,
    ],
    [
      'entities that expand into entities',
      '<!DOCTYPE rss [<!ENTITY a "x"><!ENTITY b "&a;&a;">]><rss><channel><item><title>&b;</title></item></channel></rss>',
      /not well-formed XML/,
    ],
    ['XML that is not a feed', '<?xml version="1.0"?><config><name>x</name></config>', /not RSS, Atom or RDF/],
  ])('rejects %s with a FeedParseError that names the feed', async (_what, body, reason) => {
    const error = await parseFeed(body, FEED_URL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedParseError);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain(FEED_URL);
    expect((error as Error).message).toMatch(reason);
  });
});

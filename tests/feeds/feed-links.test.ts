import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/stages/feeds/parse-feed.js';

const FEED_URL = 'https://press.example/feeds/all.xml';
const atom = (entries: string, attrs = '') =>
  `<feed xmlns="http://www.w3.org/2005/Atom" ${attrs}><title>Press</title>${entries}</feed>`;

describe('article links', () => {
  it('resolves relative links against xml:base at the feed, entry and link levels', async () => {
    const body = atom(
      `<entry xml:base="2026/"><title>a</title><link href="a.html"/></entry>
       <entry><title>b</title><link xml:base="/other/" href="b.html"/></entry>
       <entry><title>c</title><link href="c.html"/></entry>`,
      'xml:base="https://base.example/news/"',
    );
    expect((await parseFeed(body, FEED_URL)).items.map((i) => i.link)).toEqual([
      'https://base.example/news/2026/a.html',
      'https://base.example/other/b.html',
      'https://base.example/news/c.html',
    ]);
  });

  it('resolves RSS links against the channel xml:base, then the feed URL', async () => {
    const body = `<rss version="2.0"><channel xml:base="https://mirror.example/x/"><item><link>story</link></item></channel></rss>`;
    expect((await parseFeed(body, FEED_URL)).items[0]?.link).toBe('https://mirror.example/x/story');
    const plain = `<rss version="2.0"><channel><item><link>../story</link></item></channel></rss>`;
    expect((await parseFeed(plain, FEED_URL)).items[0]?.link).toBe('https://press.example/story');
  });

  it('takes a link without rel as the alternate even after rel="self" (RFC 4287)', async () => {
    const body = atom(
      '<entry><title>t</title><link rel="self" href="https://press.example/api/1"/><link href="https://press.example/story/1"/></entry>',
    );
    expect((await parseFeed(body, FEED_URL)).items[0]?.link).toBe('https://press.example/story/1');
  });

  it('prefers an HTML alternate over another type', async () => {
    const body = atom(
      '<entry><link rel="alternate" type="application/pdf" href="/1.pdf"/><link rel="alternate" type="text/html" href="/1.html"/></entry>',
    );
    expect((await parseFeed(body, FEED_URL)).items[0]?.link).toBe('https://press.example/1.html');
  });

  it('never takes an enclosure, related, self or license link for the article; an http id stands in', async () => {
    const body = atom(`
      <entry><id>tag:press.example,2026:1</id><link rel="enclosure" href="/audio.mp3"/><link rel="related" href="/elsewhere"/></entry>
      <entry><id>https://press.example/?p=2</id><link rel="self" href="/api/2"/><link rel="license" href="/cc"/></entry>`);
    const feed = await parseFeed(body, FEED_URL);
    expect(feed.items.map((i) => i.link)).toEqual(['https://press.example/?p=2']);
    expect(feed.skipped).toBe(1);
  });

  it('reads an Atom link written as element text', async () => {
    expect(
      (await parseFeed(atom('<entry><link>https://press.example/t</link></entry>'), FEED_URL)).items[0]?.link,
    ).toBe('https://press.example/t');
  });

  it('takes a guid as the link only when it is a permalink', async () => {
    const body = `<rss version="2.0"><channel>
      <item><title>not a permalink</title><guid isPermaLink="false">https://press.example/internal/9</guid></item>
      <item><title>declared</title><guid isPermaLink="true">/p/10</guid></item>
      <item><title>default, absolute</title><guid>https://press.example/p/11</guid></item>
      <item><title>default, not a URL</title><guid>p-12</guid></item></channel></rss>`;
    const feed = await parseFeed(body, FEED_URL);
    expect(feed.items.map((i) => [i.title, i.link])).toEqual([
      ['declared', 'https://press.example/p/10'],
      ['default, absolute', 'https://press.example/p/11'],
    ]);
    expect(feed.skipped).toBe(2);
  });
});

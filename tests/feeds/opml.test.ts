import { describe, expect, it } from 'vitest';
import { parseOpml, writeOpml } from '../../src/stages/feeds/opml.js';

describe('OPML subscription lists', () => {
  it('reads every outline with an xmlUrl, in folders too, whatever the attribute case, each URL once', () => {
    const doc = `<?xml version="1.0"?><opml version="1.0"><head><title>mine</title></head><body>
      <outline text="News"><outline text="Reuters &amp; co" xmlUrl="https://example.org/rss.xml"/>
      <outline title="Kremlin" xmlurl="https://kremlin.example/feed?a=1&amp;b=2"/></outline>
      <outline text="no feed here" htmlUrl="https://example.org/"/>
      <outline text="again" xmlUrl="https://example.org/rss.xml"/></body></opml>`;
    expect(parseOpml(doc)).toEqual([
      { url: 'https://example.org/rss.xml', title: 'Reuters & co' },
      { url: 'https://kremlin.example/feed?a=1&b=2', title: 'Kremlin' },
    ]);
  });

  it('refuses a document that is not OPML', () => {
    expect(() => parseOpml('<rss><channel></channel></rss>')).toThrow(/not an OPML document/);
  });

  it('writes OPML 2.0 that reads back to the same feeds, with XML special characters escaped', () => {
    const feeds = [{ url: 'https://example.org/feed?a=1&b="2"' }, { url: 'https://x.example/rss', title: 'A <b> & c' }];
    const text = writeOpml(feeds);
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
    expect(parseOpml(text)).toEqual([{ url: feeds[0]!.url, title: feeds[0]!.url }, feeds[1]]);
  });
});

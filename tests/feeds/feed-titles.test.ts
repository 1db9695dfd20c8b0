import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/stages/feeds/parse-feed.js';

const FEED_URL = 'https://desk.example/feed';
const atomEntry = (title: string, n = 1) => `<entry>${title}<link href="https://desk.example/${n}"/></entry>`;
const atom = (entries: string) => `<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>${entries}</feed>`;
const rssItem = (title: string) =>
  `<rss version="2.0"><channel><item><title>${title}</title><link>https://desk.example/r</link></item></channel></rss>`;

async function firstTitle(body: string): Promise<string | undefined> {
  return (await parseFeed(body, FEED_URL)).items[0]?.title;
}

describe('titles as plain text', () => {
  it.each([
    [
      'type="xhtml"',
      '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Sanctions <b>eased</b> &amp; renewed</div></title>',
      'Sanctions eased & renewed',
    ],
    [
      'type="html" with escaped markup',
      '<title type="html">Summit &lt;em&gt;ends&lt;/em&gt; early</title>',
      'Summit ends early',
    ],
    [
      'type="text" that shows a tag',
      '<title type="text">Vector&lt;int&gt; in C++ &amp; x &lt; y</title>',
      'Vector<int> in C++ & x < y',
    ],
    ['inline markup in a text title', '<title>Treaty <b>signed</b> in Geneva</title>', 'Treaty signed in Geneva'],
    ['an empty title with attributes', '<title type="html" xml:lang="en"/>', ''],
    ['Atom 0.3 base64', '<title mode="base64" type="text/plain">VGFsa3MgcmVzdW1l</title>', 'Talks resume'],
  ])('reads an Atom title of %s', async (_what, title, expected) => {
    expect(await firstTitle(atom(atomEntry(title)))).toBe(expected);
  });

  it('keeps entry 1 when entry 2 has a title it cannot make sense of', async () => {
    const feed = await parseFeed(
      atom(
        atomEntry('<title>First</title>', 1) +
          atomEntry(
            '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Unclosed <b>markup</div></title>',
            2,
          ),
      ),
      FEED_URL,
    );
    expect(feed.items.map((i) => i.link)).toEqual(['https://desk.example/1', 'https://desk.example/2']);
    expect(feed.items.map((i) => i.title)).toEqual(['First', 'Unclosed markup']);
  });

  it.each([
    ['markup written into it', 'Foo <b>Bar</b> baz', 'Foo Bar baz'],
    ['escaped markup', 'Foo &lt;b&gt;Bar&lt;/b&gt;', 'Foo Bar'],
    ['a double-escaped ampersand', 'Tom &amp;amp; Jerry', 'Tom & Jerry'],
    ['a double-escaped character reference', 'It&amp;#8217;s here', 'It\u2019s here'],
    ['entities inside CDATA', '<![CDATA[Caf&eacute; &amp; bar]]>', 'Caf\u00e9 & bar'],
    ['a tag-like word that is not HTML', 'Vector&lt;int&gt; explained', 'Vector<int> explained'],
    ['an opening tag alone', 'Why &lt;div&gt; soup matters', 'Why <div> soup matters'],
  ])('reads an RSS title with %s', async (_what, title, expected) => {
    expect(await firstTitle(rssItem(title))).toBe(expected);
  });
});

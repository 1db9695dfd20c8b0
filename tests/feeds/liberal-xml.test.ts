import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedParseError } from '../../src/stages/feeds/errors/feed-parse-error.js';
import { parseFeed } from '../../src/stages/feeds/parse-feed.js';

const FEED_URL = 'https://wire.example/world/rss.xml';

const rss = (items: string, head = '<rss version="2.0">') =>
  `<?xml version="1.0"?>\n${head}<channel><title>Wire</title>${items}</channel></rss>`;

describe('a feed with broken XML keeps its items', () => {
  it('keeps an item whose title has a bare ampersand and an undeclared entity', async () => {
    const feed = await parseFeed(
      rss(
        '<item><title>Kerry & Lavrov&nbsp;meet &bogus; today</title><link>https://wire.example/a?x=1&y=2</link></item>',
      ),
      FEED_URL,
    );
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({
      title: 'Kerry & Lavrov meet &bogus; today',
      link: 'https://wire.example/a?x=1&y=2',
    });
  });

  it('uses an entity declared in the DOCTYPE', async () => {
    const body = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY agency "Interfax">]>
<rss version="2.0"><channel><title>Wire</title><item><title>&agency; reports talks</title><link>https://wire.example/b</link></item></channel></rss>`;
    expect((await parseFeed(body, FEED_URL)).items[0]?.title).toBe('Interfax reports talks');
  });

  it('keeps the complete items of a truncated download', async () => {
    const body = rss(
      '<item><title>Complete</title><link>https://wire.example/c1</link></item><item><title>Cut off in the mid',
    ).replace(/<\/channel><\/rss>$/, '');
    const feed = await parseFeed(body, FEED_URL);
    expect(feed.items.map((i) => i.link)).toEqual(['https://wire.example/c1']);
  });

  it('keeps the items around a misspelt end tag and stray markup', async () => {
    const feed = await parseFeed(
      rss(
        '<item><title>One</title><link>https://wire.example/1</link></itme><item><title>Two <again></title><link>https://wire.example/2</link></item>',
      ),
      FEED_URL,
    );
    expect(feed.items.map((i) => i.link)).toEqual(['https://wire.example/1', 'https://wire.example/2']);
  });

  it.each([
    ['no version', '<rss>'],
    ['version 3.0', '<rss version="3.0">'],
    ['a default namespace', '<rss version="2.0" xmlns="http://backend.userland.com/rss2">'],
  ])('reads <rss> with %s', async (_what, head) => {
    const feed = await parseFeed(
      rss('<item><title>T</title><link>https://wire.example/v</link></item>', head),
      FEED_URL,
    );
    expect(feed.items.map((i) => i.link)).toEqual(['https://wire.example/v']);
  });

  it('reads RSS behind an XHTML DOCTYPE, and RDF and Atom under other prefixes', async () => {
    const doctype =
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">';
    const withDoctype = `<?xml version="1.0"?>${doctype}<rss version="2.0"><channel><item><link>https://wire.example/d</link></item></channel></rss>`;
    const rdf = `<r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="http://purl.org/rss/1.0/">
<x:channel r:about="https://wire.example/"><x:title>Wire</x:title></x:channel><x:item><x:title>R</x:title><x:link>https://wire.example/r</x:link></x:item></r:RDF>`;
    const atom = `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:entry><a:title>A</a:title><a:link href="https://wire.example/a"/></a:entry></a:feed>`;
    expect((await parseFeed(withDoctype, FEED_URL)).items[0]?.link).toBe('https://wire.example/d');
    expect((await parseFeed(rdf, FEED_URL)).items[0]).toMatchObject({ link: 'https://wire.example/r', title: 'R' });
    expect((await parseFeed(atom, FEED_URL)).items[0]).toMatchObject({ link: 'https://wire.example/a', title: 'A' });
  });

  it('still tells an HTML page and a document that is no feed from a feed', async () => {
    await expect(parseFeed('<!DOCTYPE html><html><body><p>Home</p></body></html>', FEED_URL)).rejects.toThrow(
      /is an HTML page/,
    );
    await expect(parseFeed('<config><name>x</name></config>', FEED_URL)).rejects.toThrow(
      /not RSS, Atom or RDF \(its root is <config>\)/,
    );
    await expect(parseFeed('just some words', FEED_URL)).rejects.toThrow(FeedParseError);
  });
});

describe('entities stay bounded', () => {
  let server: Server;
  let requests = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res.end('SECRET-FROM-SERVER');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses entities built from other entities (an expansion bomb) with a FeedParseError', async () => {
    const body = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss version="2.0"><channel><item><title>&b;</title><link>https://wire.example/x</link></item></channel></rss>`;
    await expect(parseFeed(body, FEED_URL)).rejects.toThrow(/not well-formed XML: .*expansion refused/);
  });

  it('never fetches an external entity: the reference stays as written', async () => {
    const { port } = server.address() as AddressInfo;
    const body = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY ext SYSTEM "http://127.0.0.1:${port}/secret">]>
<rss version="2.0"><channel><item><title>Leak: &ext;</title><link>https://wire.example/e</link></item></channel></rss>`;
    const feed = await parseFeed(body, FEED_URL);
    expect(feed.items[0]?.title).toBe('Leak: &ext;');
    expect(requests).toBe(0);
  });
});

describe('DOCTYPE entities whose values use other references', () => {
  it('decodes predefined and character references inside a declared entity without refusing the feed', async () => {
    const body = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY pair "Tom &amp; Jerry &#169;"><!ENTITY % hidden "x">]>
<rss version="2.0"><channel><item><title>&pair;</title><link>https://wire.example/p</link></item></channel></rss>`;
    expect((await parseFeed(body, 'https://wire.example/rss')).items[0]?.title).toBe('Tom & Jerry \u00a9');
  });
});

describe('hostile shapes cost at most a field', () => {
  it('keeps an item whose title is nested 100,000 elements deep', async () => {
    const title = `${'<b>'.repeat(100_000)}deep${'</b>'.repeat(100_000)}`;
    const body = `<rss version="2.0"><channel><item><title>${title}</title><link>https://wire.example/deep</link></item>
<item><title>Next</title><link>https://wire.example/next</link></item></channel></rss>`;
    const feed = await parseFeed(body, 'https://wire.example/rss');
    expect(feed.items.map((i) => i.link)).toEqual(['https://wire.example/deep', 'https://wire.example/next']);
    expect(feed.items[0]?.title).toBe('deep');
  });

  it('reads a summary of unclosed script tags and tag starts without choking', async () => {
    const junk = '<script>x'.repeat(2_000) + '<a href="'.repeat(2_000);
    const body = `<rss version="2.0"><channel><item><title>T</title><link>https://wire.example/j</link>
<description><![CDATA[Words first. ${junk}]]></description></item></channel></rss>`;
    expect((await parseFeed(body, 'https://wire.example/rss')).items[0]?.summary).toBe('Words first.');
  });
});

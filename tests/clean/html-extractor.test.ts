import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';
import { NoArticleError } from '../../src/stages/clean/no-article-error.js';
import { PermanentError } from '../../src/shared/errors/index.js';

const P1 =
  'Russian and American diplomats met in Geneva on Monday to discuss the future of arms control treaties between the two countries.';
const P2 =
  'Officials on both sides said the talks were constructive, although no agreement was reached on the main points of contention.';
const P3 =
  'A further round is planned for next month in Vienna, where experts from both delegations will meet to prepare a joint statement.';

const PAGE = `<!doctype html><html lang="en"><head><title>Arms talks resume | Example News</title>
<meta property="og:title" content="Arms talks resume">
<script>var tracking = "Do not include this script text";</script><style>p { color: red }</style></head>
<body>
<header><a href="/">Example News</a><nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav></header>
<div class="layout">
  <main>
    <article class="story">
      <h1>Arms talks resume</h1>
      <div class="byline">By Jane Roe</div>
      <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet this story</a></div>
      <figure><img src="a.jpg"><figcaption>Delegates in Geneva on Monday. Photo: Reuters</figcaption></figure>
      <p>${P1}</p>
      <p>${P2.replace('constructive', 'constructive&nbsp;&amp; calm')}</p>
      <h2>What comes next</h2>
      <ul><li>Vienna round in May</li><li>Expert meetings in June</li></ul>
      <p>${P3}</p>
      <div class="related-stories"><h3>Related</h3><ul><li><a href="/1">Another story about something else entirely</a></li><li><a href="/2">Yet another story with a long link title</a></li></ul></div>
    </article>
    <section id="comments"><h3>3 Comments</h3><p>I think this is a great article and I agree with all of it, thanks for writing.</p></section>
  </main>
  <aside class="sidebar"><h3>Most read</h3><p>Some other long text in the sidebar that talks about a different topic entirely, for filler.</p></aside>
</div>
<footer><p>© 2021 Example News. All rights reserved. Contact us at the address below for any questions.</p></footer>
</body></html>`;

describe('extractArticle', () => {
  const article = extractArticle(PAGE, { url: 'https://example.com/world/arms-talks' });

  it('keeps the article paragraphs, headings and list items, in order, and nothing else', () => {
    expect(article.text).toBe(
      [
        P1,
        P2.replace('constructive', 'constructive & calm'),
        'What comes next',
        'Vienna round in May\nExpert meetings in June',
        P3,
      ].join('\n\n'),
    );
  });

  it('returns the headline without the site name', () => {
    expect(article.title).toBe('Arms talks resume');
    expect(article.metadata.title).toBe('Arms talks resume');
  });

  it('reads authors from the byline when no metadata names them', () => {
    expect(article.metadata.authors).toEqual(['Jane Roe']);
  });

  it('decodes entities and turns NBSP into a space', () => {
    expect(
      extractArticle(
        `<html><body><article><p>Caf&eacute; &#8220;talks&#8221; &lt;3&gt;&nbsp;here. ${P1}</p></article></body></html>`,
      ).text,
    ).toBe(`Café “talks” <3> here. ${P1}`);
  });

  it('splits paragraphs written with <br><br> into lines', () => {
    const text = extractArticle(
      `<html><body><div class="content">${P1}<br><br>${P2}<br>${P3}</div></body></html>`,
    ).text;
    expect(text.split(/\n+/)).toEqual([P1, P2, P3]);
  });

  it('reads a page without <html>/<body> tags', () => {
    expect(extractArticle(`<p>${P1}</p><p>${P2}</p>`).text).toBe(`${P1}\n\n${P2}`);
  });

  it('keeps a linked name but drops its hover card and inline captions', () => {
    const card =
      '<span class="people-tooltip"><img src="x.jpg"><a href="/p">Jane Roe</a> <a href="/a1">Other story one</a> <a href="/a2">Other story two</a></span>';
    const html = `<html><body><article><p>Senator <span class="people-rollover"><a href="/p">Jane Roe</a>${card}</span> said ${P1}</p><p>${P2} <span class="caption">(Image: Getty)</span></p></article></body></html>`;
    expect(extractArticle(html).text).toBe(`Senator Jane Roe said ${P1}\n\n${P2}`);
  });

  it('joins a split article body (sibling containers around an ad)', () => {
    const html = `<html><body><div class="post"><div class="part">${`<p>${P1}</p><p>${P2}</p>`}</div><div class="ad">Advertisement</div><div class="part"><p>${P3}</p><p>${P1}</p></div></div></body></html>`;
    expect(extractArticle(html).text).toBe([P1, P2, P3, P1].join('\n\n'));
  });
});

describe('JSON-LD articleBody as a second opinion', () => {
  const other =
    'Readers wrote in about the weather, the football results, the price of bread and many other things that have nothing to do with diplomacy at all.';
  const body = (ld: string): string =>
    `<html><head>${ld}</head><body><div class="x1"><p>${P1}</p><p>${P2}</p></div><div class="x2">${`<p>${other}</p>`.repeat(6)}</div></body></html>`;

  it('moves to the element that matches articleBody when the chosen text shares few of its words', () => {
    expect(extractArticle(body('')).text).toContain(other); // without the hint, the longer block wins
    const ld = `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', articleBody: `${P1} ${P2}` })}</script>`;
    expect(extractArticle(body(ld)).text).toBe(`${P1}\n\n${P2}`);
  });
});

describe('NoArticleError', () => {
  const cases: Record<string, string> = {
    'an empty page': '',
    'a page without a body': '<html><head><title>Nothing here</title></head></html>',
    'a frameset': '<html><frameset cols="50%,50%"><frame src="a.html"><frame src="b.html"></frameset></html>',
    'a page of scripts': `<html><body>${'<script>var x = "some long text in a script that is not an article at all";</script>'.repeat(50)}</body></html>`,
    'a page of links': `<html><body><ul>${Array.from({ length: 200 }, (_, i) => `<li><a href="/${i}">Link number ${i} to another page of this site</a></li>`).join('')}</ul></body></html>`,
  };
  for (const [name, html] of Object.entries(cases)) {
    it(`is thrown for ${name}, as a PermanentError with a clear message`, () => {
      let caught: unknown;
      try {
        extractArticle(html);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(NoArticleError);
      expect(caught).toBeInstanceOf(PermanentError);
      expect((caught as Error).message).toMatch(/no article text/);
    });
  }
});

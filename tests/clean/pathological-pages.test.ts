/**
 * Generated hostile inputs: each must give a result or a NoArticleError, within the test timeout
 * (no speed assertion here: speed is measured in bench/extract.ts).
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';
import { NoArticleError } from '../../src/stages/clean/no-article-error.js';

const PARA =
  'Russian and American diplomats met in Geneva on Monday to discuss the future of arms control treaties, sanctions and Syria.';

function resultOrNoArticle(html: string): string | NoArticleError {
  try {
    return extractArticle(html).text;
  } catch (err) {
    if (err instanceof NoArticleError) return err;
    throw err;
  }
}

describe('pathological pages', () => {
  it('10,000 nested elements with the article at the bottom', () => {
    const depth = 10_000;
    const html = `<html><body>${'<div>'.repeat(depth)}<p>${PARA}</p><p>${PARA}</p>${'</div>'.repeat(depth)}</body></html>`;
    expect(resultOrNoArticle(html)).toBe(`${PARA}\n\n${PARA}`);
  });

  it('10,000 unclosed nested inline elements', () => {
    const html = `<html><body><p>${'<span><b>'.repeat(5_000)}${PARA} ${PARA}</p></body></html>`;
    expect(resultOrNoArticle(html)).toBe(`${PARA} ${PARA}`);
  });

  it('a 5 MB page', () => {
    const article = `<article>${`<p>${PARA}</p>`.repeat(200)}</article>`;
    const filler = `<div class="sidebar">${'<a href="/x">a related link with some words</a> '.repeat(500)}</div>`;
    let html = '<html><body>';
    while (html.length < 5_000_000) html += filler;
    html += `${article}</body></html>`;
    const result = resultOrNoArticle(html);
    expect(typeof result).toBe('string');
    expect((result as string).split('\n\n')).toHaveLength(200);
  });

  it('one 2 MB text node without any tag', () => {
    const result = resultOrNoArticle(`${PARA} `.repeat(16_000));
    expect(typeof result).toBe('string');
  });

  it('10,000 sibling paragraphs', () => {
    const result = resultOrNoArticle(`<html><body><div>${`<p>${PARA}</p>`.repeat(10_000)}</div></body></html>`);
    expect((result as string).split('\n\n')).toHaveLength(10_000);
  });

  it('a body of 1,000 iframes and frames', () => {
    expect(
      resultOrNoArticle(`<html><body>${'<iframe src="x"></iframe><frame src="y">'.repeat(1_000)}</body></html>`),
    ).toBeInstanceOf(NoArticleError);
  });

  it('a page of 5,000 links', () => {
    const html = `<html><body>${Array.from({ length: 5_000 }, (_, i) => `<a href="/${i}">Link ${i} to somewhere else on this site</a>`).join(' ')}</body></html>`;
    expect(resultOrNoArticle(html)).toBeInstanceOf(NoArticleError);
  });

  it('deeply nested JSON-LD and broken markup', () => {
    const ld = `<script type="application/ld+json">${'['.repeat(5_000)}${']'.repeat(5_000)}</script>`;
    const html = `<html><head>${ld}</head><body><p>${PARA}<p>${PARA}<div><</div></span></p></table>`;
    expect(resultOrNoArticle(html)).toBe(`${PARA}\n\n${PARA}`);
  });
});

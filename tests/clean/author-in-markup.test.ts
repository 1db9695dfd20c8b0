/** Blogs that declare no author in meta tags or JSON-LD still get theirs: from a rel="author" link or an "author" element. */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';

const BODY =
  '<p>The ministers met in Geneva on Friday and talked for many hours about the ceasefire and the aid convoys.</p>'.repeat(
    3,
  );
const page = (byline: string): string => `<html><body><article><h1>Talks</h1>${byline}${BODY}</article></body></html>`;

describe('authors named in the markup', () => {
  it.each([
    ['a microformat vcard', '<span class="author vcard"><a class="url fn n" href="/u/jr">Jane Roe</a></span>'],
    ['a German byline element', '<div class="entry-author">Geschrieben von Jane Roe</div>'],
    ['a rel="author" link', '<p class="meta">Posted on May 3 by <a rel="author" href="/u/jr">Jane Roe</a></p>'],
  ])('reads the name from %s', (_name, byline) => {
    expect(extractArticle(page(byline)).metadata.authors).toEqual(['Jane Roe']);
  });

  it('does not take a bio for a name', () => {
    const bio =
      '<div class="author-bio">Jane Roe has covered diplomacy for twenty years from Moscow and Washington.</div>';
    expect(extractArticle(page(bio)).metadata.authors).toEqual([]);
  });
});

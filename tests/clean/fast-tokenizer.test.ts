/**
 * The fast tokenizer only crosses runs faster: on any page it must build the very tree htmlparser2's
 * own tokenizer builds (node types, names, attributes in order, text, comments), or the clean stage
 * would read a different page than the one it was measured on.
 */
import { existsSync } from 'node:fs';
import type { AnyNode } from 'domhandler';
import { parseDocument, Tokenizer } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { loadTrafilatura, loadZyte, trafilaturaDir, zyteDir } from '../../bench/_extraction-sets.js';
import { FastTokenizer } from '../../src/stages/clean/fast-tokenizer.js';

const OPTIONS = { xmlMode: false, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };

/** Every node of the tree, depth first, as plain data. */
function dump(node: AnyNode): unknown {
  if ('children' in node) {
    const attribs = 'attribs' in node ? Object.entries(node.attribs) : undefined;
    const name = 'name' in node ? node.name : undefined;
    return [node.type, name, attribs, node.children.map(dump)];
  }
  return [node.type, 'data' in node ? node.data : undefined];
}

const tree = (html: string, T: typeof Tokenizer) => dump(parseDocument(html, { ...OPTIONS, Tokenizer: T }));

const PAGES = [
  // Entities in text, in quoted and unquoted attributes, at the very end, and a bare ampersand.
  '<p title="a &amp; b" data-x=\'c&lt;d\' e=f&amp;g>Tom &amp; Jerry &copy; 2024 &#x41;&#66; AT&T &</p>&amp',
  // Scripts and styles with markup-like text, an end tag split by case, and one never closed.
  '<script>if (a < b && c <d) document.write("</scr" + "ipt>")</SCRIPT ><style>a>b{x:1}</style><p>after',
  '<div><script>var s = "<p>not a paragraph</p>";',
  // A title decodes entities; a textarea's and a comment's text are kept as written.
  '<title>A &amp; B &lt;x&gt;</title><textarea>&lt;b&gt; <i></textarea><!-- a <p> -- b --!><!--->x',
  // Unclosed attribute quotes, a tag cut off at the end, CDATA and a processing instruction.
  '<a href="x>y<b class=\'z',
  '<p>text<',
  '<![CDATA[ x < y ]]><?php echo 1 ?><p>t</p>',
  // Non-ASCII text and attributes; a text with no ampersand or tag at all.
  '<p lang="ru" title="Лавров &laquo;нет&raquo;">Переговоры в Женеве — «нет» 𝐀</p>',
  'just words, no markup',
  '',
];

describe('the fast tokenizer', () => {
  it('builds the same tree as htmlparser2’s own tokenizer on tag soup, entities, scripts and cut-off pages', () => {
    for (const html of PAGES) expect(tree(html, FastTokenizer), html).toEqual(tree(html, Tokenizer));
  });

  it.skipIf(!existsSync(zyteDir()) || !existsSync(trafilaturaDir()))(
    'builds the same tree as htmlparser2’s own tokenizer on every extraction dev page',
    { timeout: 120_000 },
    async () => {
      for (const set of [await loadZyte(), await loadTrafilatura()]) {
        const differing = set.pages.filter((p) => {
          const [a, b] = [tree(p.html, FastTokenizer), tree(p.html, Tokenizer)];
          return JSON.stringify(a) !== JSON.stringify(b);
        });
        expect(
          differing.map((p) => p.id),
          set.name,
        ).toEqual([]);
      }
    },
  );
});

import { describe, expect, it } from 'vitest';
import { html, joinHtml, raw } from '../../src/server/html.js';

describe('html tagged template', () => {
  it('escapes every interpolated value unless it is marked as HTML', () => {
    const title = '<script>alert("x")</script> & co';
    const out = html`<h1 title="${title}">${title}</h1>${raw('<hr>')}${html`<b>${'<i>'}</b>`}`.value;
    expect(out).toBe(
      '<h1 title="&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; co">&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; co</h1><hr><b>&#60;i&#62;</b>',
    );
  });

  it('escapes the items of a list and leaves nothing for absent values', () => {
    expect(html`<ul>${['<a>', html`<li>ok</li>`]}</ul>${undefined}${null}${false}`.value).toBe(
      '<ul>&#60;a&#62;<li>ok</li></ul>',
    );
    expect(joinHtml(['a&b', 'c'], html`<br>`).value).toBe('a&#38;b<br>c');
    expect(joinHtml(['a', 'b'], ' < ').value).toBe('a &#60; b');
  });
});

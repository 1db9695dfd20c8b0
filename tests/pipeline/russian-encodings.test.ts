/**
 * Russian pages in the legacy Cyrillic encodings through the real pipeline: real Russian article
 * pages (../shared/eval/ru/pages) re-encoded as windows-1251 and KOI8-R, the charset declared in
 * the Content-Type header, in a <meta> tag, or nowhere, served by a local web server, fetched,
 * cleaned, classified and stored by the real workers on each store; then found in Russian.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeHTML } from 'entities';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { articleId, canonicalUrl } from '../../src/shared/identity.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture-server.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { SHARED_DIR } from '../helpers/shared-data.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { settle } from '../helpers/wait.js';

const PAGES = resolve(SHARED_DIR, 'eval/ru/pages');

type Declared = 'header' | 'meta charset' | 'meta http-equiv' | 'undeclared';

/**
 * Pages about US–Russia relations (so the classifier keeps them), each a different story, each
 * served one way: both encodings declared in a header or a <meta> tag, and both undeclared.
 */
const CASES: Array<{ file: string; charset: 'windows-1251' | 'koi8-r'; declared: Declared }> = [
  { file: 'rbc.ru__770303467580885127.html', charset: 'windows-1251', declared: 'header' },
  { file: 'russian.rt.com__7037402441912503460.html', charset: 'windows-1251', declared: 'meta charset' },
  { file: 'ria.ru__6438675575261035221.html', charset: 'koi8-r', declared: 'meta http-equiv' },
  { file: 'eadaily.com__4311596830633774526.html', charset: 'windows-1251', declared: 'undeclared' },
  { file: 'rbc.ru__770303468561782591.html', charset: 'koi8-r', declared: 'undeclared' },
];

interface Served {
  path: string;
  title: string;
  /** A passage of the article's first paragraph, as the reader sees it. */
  passage: string;
  /** The title's longest word: what a reader would search for. */
  word: string;
  charset: string;
  declared: Declared;
}

const UTF8_META = /<meta charset="utf-8"\s*\/?>/i;

function prepare(c: (typeof CASES)[number], i: number): { served: Served; body: Buffer; contentType: string } {
  const utf8 = readFileSync(resolve(PAGES, c.file), 'utf8');
  expect(utf8, c.file).toMatch(UTF8_META);
  const declaration =
    c.declared === 'meta charset'
      ? `<meta charset="${c.charset}">`
      : c.declared === 'meta http-equiv'
        ? `<meta http-equiv="Content-Type" content="text/html; charset=${c.charset}">`
        : '';
  const html = utf8.replace(UTF8_META, declaration);
  const title = decodeHTML(/<meta property="og:title" content="([^"]*)"/.exec(html)![1]!);
  // The title must survive the encoding (KOI8-R has no «»): the check reads what the page can say.
  expect(iconv.decode(iconv.encode(title, c.charset), c.charset), c.file).toBe(title);
  const paragraph = decodeHTML(/<p>([\s\S]*?)<\/p>/.exec(html)![1]!.replace(/<[^>]+>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
  const passage = (/[\p{Script=Cyrillic}][\p{Script=Cyrillic}\p{Zs},-]{20,}/u.exec(paragraph) ?? [paragraph])[0]
    .slice(0, 30)
    .trim();
  const word = title.match(/\p{Script=Cyrillic}+/gu)!.sort((a, b) => b.length - a.length)[0];
  return {
    served: { path: `/ru/${i}`, title, passage, word, charset: c.charset, declared: c.declared },
    body: iconv.encode(html, c.charset),
    contentType: c.declared === 'header' ? `text/html; charset=${c.charset}` : 'text/html',
  };
}

describe.skipIf(!existsSync(PAGES))('Russian pages in windows-1251 and KOI8-R through the pipeline', () => {
  let server: FixtureServer;
  const served: Served[] = [];
  beforeAll(async () => {
    const routes: Parameters<typeof startFixtureServer>[0] = {};
    CASES.forEach((c, i) => {
      const p = prepare(c, i);
      served.push(p.served);
      routes[p.served.path] = { headers: { 'content-type': p.contentType }, body: p.body };
    });
    server = await startFixtureServer(routes);
  });
  afterAll(() => server?.close());

  describe.each(STORE_KINDS)('with the %s store', (kind) => {
    let h: Harness;
    afterEach(async () => h?.stop());

    it(
      'stores each page decoded, in Russian and tagged, and finds it by Russian words',
      { timeout: 90_000 },
      async () => {
        h = await startPipeline({ store: kind });
        const ids = await Promise.all(
          served.map(async (s) => {
            const url = server.url(s.path);
            const { id } = await h.rt.queues.submit({
              id: articleId(url),
              url,
              canonicalUrl: canonicalUrl(url),
              origin: { kind: 'enqueue' },
              handled: {},
            });
            return id;
          }),
        );
        const store = await h.rt.store();
        for (const [i, s] of served.entries()) {
          const what = `${s.charset}, ${s.declared}`;
          expect(await settle(h.rt.queues, ids[i]!, 60_000), what).toMatchObject({ state: 'stored' });
          const a = await store.getArticle(ids[i]!);
          // (a no-break space in a title reads as a space)
          expect(a?.title.replace(/\s+/g, ' '), what).toBe(s.title.replace(/\s+/g, ' '));
          expect(a?.text, what).toContain(s.passage);
          expect(a?.text, `${what}: no replacement characters`).not.toContain('\uFFFD');
          expect(a?.language, what).toMatch(/^ru/);
          expect(a?.topics.length, `${what}: tagged with topics`).toBeGreaterThan(0);
          const found = await store.searchArticles({ q: s.word, lang: 'ru' });
          expect(
            found.articles.map((f) => f.id),
            `${what}: "${s.word}" finds it`,
          ).toContain(ids[i]);
        }
        // An inflected form finds the page that names Lavrov ("Лавров обвинил США…").
        const lavrov = served.findIndex((s) => s.title.startsWith('Лавров '));
        const inflected = await store.searchArticles({ q: 'Лаврову', lang: 'ru' });
        expect(inflected.articles.map((f) => f.id)).toContain(ids[lavrov]);
      },
    );
  });
});

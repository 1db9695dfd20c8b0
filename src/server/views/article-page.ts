/**
 * One story: its title and text first, then who/when/where as readable metadata with links to the
 * filtered list, then why it was kept (evidence folded per topic), every URL it was found at and its
 * earlier versions. Sections are small functions so one line can add another (events of the article).
 */
import type { ArticleDetail } from '../../stages/store/article-store.js';
import { html, joinHtml, layout, queryString, type SafeHtml } from '../html.js';
import { readableDate } from './dates.js';
import { evidenceGroup } from './evidence.js';
import { feedAnchor } from './feeds-page.js';

/** What the feed registry says of the feed an article came from (null: not registered any more, or not known here). */
export type ArticleFeed = { title: string | null; kind: 'feed' | 'sitemap' } | null;

const ORIGIN_TEXT: Record<string, string> = {
  enqueue: 'enqueued by hand',
  feed: 'a polled feed',
  seed: 'the seed documents',
};

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

/** The first line of the text, for an article that has no title. */
export function titleOf(a: { title: string; text: string }): string {
  return a.title.trim() || a.text.trim().split('\n')[0]?.slice(0, 160) || '(no title, no text)';
}

/** Names of the languages Parley reads, for the Language row ("Russian (ru)"). */
const LANGUAGE_NAMES: Record<string, string> = { en: 'English', ru: 'Russian' };

/** The article's primary language subtag ("ru" of "ru-RU"), for `lang` attributes and links. */
const primaryLanguage = (a: ArticleDetail) => /^([a-z]{2})(?![a-z])/i.exec(a.language ?? '')?.[1]!.toLowerCase() ?? '';

const languageLabel = (code: string, stored: string) =>
  LANGUAGE_NAMES[code] ? `${LANGUAGE_NAMES[code]} (${stored})` : stored;

const listLink = (params: Record<string, string>, label: string) =>
  html`<a href="/${queryString(params)}">${label}</a>`;

/** Where the article came from: a feed by its title (else its host), linked to its row on /feeds and to its articles. */
function cameFrom(a: ArticleDetail, feed: ArticleFeed): unknown {
  if (a.origin !== 'feed' || !a.feedUrl) return ORIGIN_TEXT[a.origin] ?? a.origin;
  const name = feed?.title ?? hostOf(a.feedUrl);
  return html`the ${feed?.kind === 'sitemap' ? 'sitemap' : 'feed'} <a href="/feeds#${feedAnchor(a.feedUrl)}" title="${a.feedUrl}">${name}</a>${feed?.title ? html` <span class="where">${hostOf(a.feedUrl)}</span>` : ''} · ${listLink({ feed: a.feedUrl }, 'its articles')}`;
}

function metadata(a: ArticleDetail, feed: ArticleFeed): SafeHtml {
  // A seed document without a source has no site: no row rather than a link with no text.
  const sites = [...new Set(a.copies.map((c) => c.site ?? hostOf(c.url)))].filter(Boolean);
  const rows: [string, unknown][] = [
    [
      'Published',
      a.published
        ? a.dateSource === 'text'
          ? html`${readableDate(a.published)} <span class="muted">(date from text: the page gave none)</span>`
          : readableDate(a.published)
        : html`<span class="muted">no date in the page; stored ${readableDate(a.storedAt)} (listed by that)</span>`,
    ],
    ['Updated', a.modified ? readableDate(a.modified) : undefined],
    ['By', a.byline ?? undefined],
    [
      'Site',
      sites.length
        ? joinHtml(
            sites.map((s) => listLink({ site: s }, s)),
            ', ',
          )
        : undefined,
    ],
    [
      'Topics',
      a.topics.length
        ? joinHtml(
            a.topics.map((t) => html`<a class="tag" href="/${queryString({ topic: t })}">${t}</a>`),
            ' ',
          )
        : undefined,
    ],
    [
      'Entities',
      a.entities.length
        ? joinHtml(
            a.entities.map(
              (e) => html`${listLink({ entity: e.name }, e.name)} <span class="where">${e.type} ×${e.mentions}</span>`,
            ),
            ', ',
          )
        : undefined,
    ],
    [
      'Language',
      a.language
        ? listLink({ lang: a.language.slice(0, 2) }, languageLabel(primaryLanguage(a), a.language))
        : undefined,
    ],
    ['Relevance', a.relevance.toFixed(2)],
    ['Came from', cameFrom(a, feed)],
    [
      'Archived copy',
      a.archivedFrom && /^https?:/i.test(a.archivedFrom)
        ? html`the page was gone; its text is the <a href="${a.archivedFrom}" rel="noreferrer noopener">web archive's snapshot</a>`
        : undefined,
    ],
    ['Stored', readableDate(a.storedAt)],
  ];
  return html`<dl class="meta">${rows.filter(([, v]) => v !== undefined).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

function evidence(a: ArticleDetail): SafeHtml {
  const ev = (a.evidence ?? {}) as { relevance?: unknown; topics?: Record<string, unknown> };
  return html`<section aria-labelledby="why"><h2 id="why">Why it was kept and tagged</h2>
${evidenceGroup(`Relevance (score ${a.relevance.toFixed(2)})`, ev.relevance)}
${a.topics.map((t) => evidenceGroup(html`Topic <span class="tag">${t}</span>`, ev.topics?.[t]))}</section>`;
}

function copies(a: ArticleDetail): SafeHtml {
  return html`<section aria-labelledby="found"><h2 id="found">Found at</h2><ul class="copies">${a.copies.map(
    (c) =>
      html`<li class="wrap">${c.site ?? hostOf(c.url)}: ${/^https?:/i.test(c.url) ? html`<a href="${c.url}" rel="noreferrer noopener">${c.url}</a>` : c.url} <span class="where">seen ${readableDate(c.seenAt)}</span></li>`,
  )}</ul></section>`;
}

function versions(a: ArticleDetail): SafeHtml | '' {
  if (!a.versions.length) return '';
  return html`<section aria-labelledby="versions"><h2 id="versions">Earlier versions</h2><ul>${a.versions.map(
    (v) =>
      html`<li>${v.title} <span class="where">stored ${readableDate(v.storedAt)}, replaced ${readableDate(v.replacedAt)}</span></li>`,
  )}</ul></section>`;
}

/** The pages' own language (layout's <html lang>). */
const PAGE_LANGUAGE = 'en';

/** ` lang="ru"` on the article's own words, so readers and hyphenation use its language. */
const langAttribute = (a: ArticleDetail) =>
  primaryLanguage(a) && primaryLanguage(a) !== PAGE_LANGUAGE ? html` lang="${primaryLanguage(a)}"` : '';

function text(a: ArticleDetail): SafeHtml {
  return html`<article class="text"${langAttribute(a)}>${joinHtml(
    a.text.split(/\n\s*\n/).map((p) => html`<p>${p.trim()}</p>`),
    '\n',
  )}</article>`;
}

/**
 * The page. `extra` sections go after the evidence (e.g. the events this article reports); `feed` is
 * the registry's record of the feed it came from, for the feed's name.
 */
export function renderArticle(a: ArticleDetail, extra: SafeHtml[] = [], feed: ArticleFeed = null): SafeHtml {
  const title = titleOf(a);
  return layout(
    `${title} — Parley`,
    html`<main class="article"><h1${langAttribute(a)}>${title}</h1>
<p class="byline muted">${a.published ? readableDate(a.published) : 'undated'}${a.byline ? ` · ${a.byline}` : ''} · ${a.copies[0] ? hostOf(a.copies[0].url) : ''}</p>
${text(a)}
<aside class="about" aria-label="About this article">
${metadata(a, feed)}
${evidence(a)}
${extra}
${copies(a)}
${versions(a)}
</aside></main>`,
  );
}

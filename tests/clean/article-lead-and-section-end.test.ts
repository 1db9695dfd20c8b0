/**
 * The article's lead, kept when the page puts it in a box of its own between the headline and the
 * body; the heading of the article's first section kept, a kicker above the body dropped;
 * related-reading headings ("Lesen Sie auch", "Related articles") dropped from the text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/stages/clean/html-extractor.js';
import { isSectionEndHeading, readPhraseList, SECTION_END_PHRASES_PATH } from '../../src/stages/clean/section-end.js';

const BODY = [
  'Die Minister trafen sich am Freitag in Genf und sprachen viele Stunden über die Waffenruhe und die Hilfskonvois.',
  'Am Abend einigten sie sich auf einen Zeitplan, der den Abzug der Truppen bis zum Ende des Monats vorsieht.',
  'Beobachter sprachen von einem Durchbruch, warnten aber vor zu großen Erwartungen an die kommenden Wochen.',
  'Die nächste Runde der Gespräche soll im März in Wien stattfinden, wie ein Sprecher am Samstag mitteilte.',
]
  .map((p) => `<p>${p}</p>`)
  .join('');
const LEAD =
  'Nach wochenlangem Streit gibt es in Genf erstmals eine Einigung über den Abzug der Truppen aus der Region.';

const page = (head: string, between: string, body = BODY): string =>
  `<html><head>${head}</head><body><div class="page"><h1>Einigung in Genf</h1>${between}` +
  `<div class="story-body">${body}</div></div></body></html>`;

describe('the lead between headline and body', () => {
  it('keeps a lead paragraph that sits in its own box above the body', () => {
    const text = extractArticle(page('', `<div class="intro"><p>${LEAD}</p></div>`)).text;
    expect(text.startsWith(LEAD)).toBe(true);
    expect(text).toContain(BODY.slice(3, 60));
  });

  it('leaves out the date and the picture credit between headline and body', () => {
    const between = `<div class="date">12.03.2020</div><p>${LEAD}</p><figure><figcaption>Foto: dpa</figcaption></figure>`;
    const text = extractArticle(page('', between)).text;
    expect(text.startsWith(LEAD)).toBe(true);
    expect(text).not.toContain('12.03.2020');
    expect(text).not.toContain('Foto: dpa');
  });

  it("leaves out a teaser that repeats the page's declared summary", () => {
    const head = `<meta name="description" content="${LEAD}">`;
    const text = extractArticle(page(head, `<div class="intro"><p>${LEAD}</p></div>`)).text;
    expect(text).not.toContain(LEAD);
  });
});

describe("the article's top edge", () => {
  it('keeps the heading that opens the first section of the body', () => {
    const text = extractArticle(page('', '', `<h2>Der Zeitplan für den Abzug</h2>${BODY}`)).text;
    expect(text.startsWith('Der Zeitplan für den Abzug\n\n')).toBe(true);
    expect(text).toContain(BODY.slice(3, 60));
  });

  it('drops a short label above the body that no paragraph follows directly (a kicker, a date)', () => {
    const text = extractArticle(page('', '', `<h2>Der Zeitplan für den Abzug</h2><div>Politik</div>${BODY}`)).text;
    expect(text).not.toContain('Der Zeitplan');
    expect(text).not.toContain('Politik');
    expect(text).toContain(BODY.slice(3, 60));
  });

  it('drops a short line in paragraph markup above the body', () => {
    const text = extractArticle(page('', '', `<p>Politik</p>${BODY}`)).text;
    expect(text).not.toContain('Politik');
  });
});

describe('related-reading headings', () => {
  it('drops "Lesen Sie auch" and keeps the article text around it', () => {
    const body = `${BODY}<h3>Lesen Sie auch:</h3><p>${LEAD}</p>`;
    const text = extractArticle(page('', '', body)).text;
    expect(text).not.toContain('Lesen Sie auch');
    expect(text).toContain(LEAD);
  });

  it.each(['Related articles', 'Lesen Sie auch:', 'À lire aussi', 'Te puede interesar…', 'Czytaj także'])(
    'knows %s as a section heading',
    (line) => {
      expect(isSectionEndHeading(line)).toBe(true);
    },
  );

  it('does not take a sentence that starts with such words for a heading', () => {
    expect(isSectionEndHeading('Read more about the ceasefire in our report from Geneva.')).toBe(false);
    expect(isSectionEndHeading('Related')).toBe(true);
    expect(isSectionEndHeading('Related parties agreed to the plan')).toBe(false);
  });

  it('reads the phrase list one phrase a line, lower case, without comments or blank lines', () => {
    const phrases = readPhraseList(readFileSync(SECTION_END_PHRASES_PATH, 'utf8'));
    expect(phrases.length).toBeGreaterThan(20);
    for (const p of phrases) {
      expect(p).toBe(p.toLowerCase());
      expect(p.startsWith('#')).toBe(false);
      expect(p.trim()).toBe(p);
      expect(p).not.toBe('');
    }
    expect(new Set(phrases).size).toBe(phrases.length);
  });
});

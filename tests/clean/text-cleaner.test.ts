import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/stages/clean/text-cleaner.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Expected values written by reading each seed (tests/fixtures/seeds/<name>.expected.txt). */
const SEEDS: ReadonlyArray<{ name: string; title: string | undefined }> = [
  { name: '000_1d922c602dfb9d37', title: "Kerry Breaks the Ice in Moscow; Russia Sticks to 'Principle' on Syria" },
  { name: '001_d2b32c3cb3cb973d', title: undefined },
  { name: '002_32088a41b8296cee', title: 'Experts say Kerry’s visit to Moscow is unlikely to produce any results' },
  { name: '003_d890dd2b1e12015b', title: 'Kerry in Russia for another reset' },
  { name: '004_a22345d48b9559f9', title: 'Russia and US take non-confrontational stance on Syria at Moscow talks' },
];

/** Fails with the first differing line, both versions shown, instead of a whole-text diff. */
function expectSameLines(actual: string, expected: string): void {
  const a = actual.split('\n');
  const e = expected.split('\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) {
      expect.fail(`line ${i + 1} differs\n  expected: ${JSON.stringify(e[i])}\n  actual:   ${JSON.stringify(a[i])}`);
    }
  }
}

describe('cleanText on the seed documents', () => {
  for (const seed of SEEDS) {
    it(`keeps exactly the article paragraphs of ${seed.name}`, () => {
      const raw = readFileSync(join(root, 'data', 'seeds', `${seed.name}.txt`), 'utf8');
      const expected = readFileSync(join(root, 'tests', 'fixtures', 'seeds', `${seed.name}.expected.txt`), 'utf8');
      const result = cleanText(raw);
      expectSameLines(result.text, expected.trimEnd());
      expect(result.title).toBe(seed.title);
    });
  }
});

const BODY_1 =
  'Russian and American diplomats met in Geneva on Monday to discuss the future of arms control treaties between the two countries.';
const BODY_2 =
  'Officials on both sides said the talks were constructive, although no agreement was reached on the main points of contention.';

describe('cleanText boilerplate families', () => {
  it('drops navigation links at the top edge', () => {
    const r = cleanText(`Skip to content\nMenu\n\nArms talks resume in Geneva\n\n${BODY_1}\n\n${BODY_2}`);
    expect(r.title).toBe('Arms talks resume in Geneva');
    expect(r.text).toBe(`${BODY_1}\n\n${BODY_2}`);
  });

  it('drops a paywall pitch and price below the article', () => {
    const raw = `${BODY_1}\n\n${BODY_2}\n\nGet unlimited access to all our reporting\n\nSign up for our daily newsletter\n\nSubscribe now\n\nJust €9.99 a month.`;
    expect(cleanText(raw).text).toBe(`${BODY_1}\n\n${BODY_2}`);
  });

  it('keeps an ordinary paragraph that mentions "subscribe"', () => {
    const para =
      'Few Russians subscribe to the idea that sanctions will be lifted soon, and many say they would not subscribe to any deal that gives up Crimea.';
    expect(cleanText(`${BODY_1}\n\n${para}\n\n${BODY_2}`).text).toBe(`${BODY_1}\n\n${para}\n\n${BODY_2}`);
  });

  it('drops comment forms and everything after the comment marker', () => {
    const raw = `${BODY_1}\n\n${BODY_2}\n\nLeave a Reply\n\nThis article is nonsense and the author clearly knows nothing about the region at all.\n\nPlease enter your name here`;
    expect(cleanText(raw).text).toBe(`${BODY_1}\n\n${BODY_2}`);
  });

  it('keeps article lines that only resemble comment markers', () => {
    const raw = [
      BODY_1,
      'The statement says:',
      '“We will not accept any deal on these terms.”',
      'Discussion',
      '2 responses were received from Moscow before the deadline.',
      BODY_2,
    ].join('\n\n');
    expect(cleanText(raw).text).toBe(raw);
  });

  it('keeps news sentences that share words with paywall pitches and bylines', () => {
    const raw = [
      BODY_1,
      'Support for the deal among US lawmakers is weak.',
      'Russia delivered $2 billion worth of S-400 systems in 2019.',
      '$5 a day is what many pensioners in the region live on, officials said.',
      'Register of Deeds officials confirmed the sale.',
      'By the numbers',
      BODY_2,
    ].join('\n\n');
    expect(cleanText(raw).text).toBe(raw);
  });

  it('drops a numbered comment thread and pingbacks', () => {
    const raw = `${BODY_1}\n\n${BODY_2}\n\n  1. Jane Q Public\n\n    I think this reset will fail just like the previous one did, for the same reasons.\n\n  2. Pingback: Weekly digest | Some Blog\n\nComments are closed.`;
    expect(cleanText(raw).text).toBe(`${BODY_1}\n\n${BODY_2}`);
  });

  it('keeps a numbered list with indented explanations when no comment marker follows', () => {
    const raw = `${BODY_1}\n\n  1. Sanctions Relief\n\n    Washington may offer to ease some measures if Moscow agrees to a verifiable freeze.\n\n${BODY_2}`;
    expect(cleanText(raw).text).toBe(
      `${BODY_1}\n\n1. Sanctions Relief\n\nWashington may offer to ease some measures if Moscow agrees to a verifiable freeze.\n\n${BODY_2}`,
    );
  });

  it('keeps a numbered list inside the article', () => {
    const raw = `${BODY_1}\n\n1. Arms control\n2. Syria\n\n${BODY_2}`;
    expect(cleanText(raw).text).toBe(`${BODY_1}\n\n1. Arms control\n\n2. Syria\n\n${BODY_2}`);
  });

  it('drops photo credits, bracketed credits, agency captions and source lines', () => {
    const raw = [
      BODY_1,
      'Photo: Getty Images',
      '[Reuters][Photo: AP]',
      'Russian President Vladimir Putin (R) shakes hands with a visitor in the Kremlin on May 7. REUTERS/Jane Roe',
      'A soldier stands guard outside the ministry, April 2 (AP Photo/John Doe)',
      BODY_2,
      'Source: TASS',
    ].join('\n\n');
    expect(cleanText(raw).text).toBe(`${BODY_1}\n\n${BODY_2}`);
  });

  it('keeps prose that marks a party with "(R)" and drops a caption marked "(L)"', () => {
    const prose =
      'South Dakota Gov. Kristi Noem (R) is defending the state’s launch of an anti-drug campaign with a new slogan.';
    const caption =
      'Foreign Minister Sergei Lavrov (L) and Secretary of State John Kerry shake hands before their talks in Moscow.';
    expect(cleanText(`${BODY_1}\n\n${caption}\n\n${prose}`).text).toBe(`${BODY_1}\n\n${prose}`);
  });

  it('drops bylines and datelines but keeps a sentence starting with "By"', () => {
    const by =
      'By the end of the week, both delegations expect to publish a joint statement on the next round of talks.';
    const raw = `Arms talks resume in Geneva\nBy Jane Roe, Staff Writer\nUpdated: March 3, 2021 10:15 GMT\n\n${BODY_1}\n\n${by}`;
    const r = cleanText(raw);
    expect(r.title).toBe('Arms talks resume in Geneva');
    expect(r.text).toBe(`${BODY_1}\n\n${by}`);
  });

  it('drops a repeated headline and its header block up to the byline', () => {
    const raw = `Talks resume in Geneva\n\nTalks resume in Geneva\nDelegates at the conference hall in Geneva on March 3.\nBy Jane Roe March 3, 2021\n\n${BODY_1}`;
    const r = cleanText(raw);
    expect(r.title).toBe('Talks resume in Geneva');
    expect(r.text).toBe(BODY_1);
  });

  it('drops a name repeated under a photo but keeps a subheading', () => {
    const raw = `${BODY_1}\n\nSergey Lavrov\nSergey Lavrov\n${BODY_2}\n\nWhat comes next\n\n${BODY_1}`;
    expect(cleanText(raw).text).toBe(`${BODY_1}\n\n${BODY_2}\n\nWhat comes next\n\n${BODY_1}`);
  });

  it('drops recirculation headings, share counters and subscription prices between paragraphs', () => {
    const raw = [
      BODY_1,
      'You may also like...',
      'Sharing is caring!',
      '12 shares',
      'Updated at 1:23 p.m.',
      'Courtesy of Jane Roe',
      'Get the magazine delivered every month. 12 issues for £11.99.',
      BODY_2,
    ].join('\n\n');
    expect(cleanText(raw).text).toBe(`${BODY_1}\n\n${BODY_2}`);
  });

  it('strips wire-service end markers', () => {
    expect(cleanText(`${BODY_1}\n\n${BODY_2} Enditem`).text).toBe(`${BODY_1}\n\n${BODY_2}`);
    expect(cleanText(`${BODY_1}\n\n${BODY_2} (End)`).text).toBe(`${BODY_1}\n\n${BODY_2}`);
  });

  it('normalises whitespace: NBSP, runs of spaces, trailing spaces, CRLF', () => {
    const r = cleanText(
      `Talks\u00a0resume in Geneva\r\n\r\nRussian  and\u00a0American diplomats met in Geneva on Monday to discuss the future of arms control.\u00a0 \u00a0\r\n`,
    );
    expect(r.title).toBe('Talks resume in Geneva');
    expect(r.text).toBe(
      'Russian and American diplomats met in Geneva on Monday to discuss the future of arms control.',
    );
  });

  it('returns no title when the text starts with a sentence', () => {
    expect(cleanText(`${BODY_1}\n\n${BODY_2}`)).toEqual({ title: undefined, text: `${BODY_1}\n\n${BODY_2}` });
  });

  it('returns empty text for empty or boilerplate-only input', () => {
    expect(cleanText('').text).toBe('');
    expect(cleanText('Skip to main content\n\nSubscribe\n\nComments are closed.').text).toBe('');
  });
});

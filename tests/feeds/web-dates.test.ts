import { describe, expect, it } from 'vitest';
import { readFeedDate } from '../../src/stages/web-dates/web-dates.js';
import { parseFeed } from '../../src/stages/feeds/parse-feed.js';

const FEED_URL = 'https://dates.example/feed';

describe('readFeedDate', () => {
  it.each([
    // RFC 822 / 2822 and near relatives
    ['Tue, 24 Nov 2026 13:00:00 +0300', '2026-11-24T10:00:00.000Z'],
    ['Tue, 24 Nov 2026 13:00:00 GMT', '2026-11-24T13:00:00.000Z'],
    ['Tue, 24 Nov 26 13:00 GMT', '2026-11-24T13:00:00.000Z'],
    ['Tuesday, 24-Nov-26 13:00:00 GMT', '2026-11-24T13:00:00.000Z'],
    ['Tue,  4 Nov 2026 13:00:00 +05:30', '2026-11-04T07:30:00.000Z'],
    ['Tue, 24 Nov, 2026 13:00:00 UTC', '2026-11-24T13:00:00.000Z'],
    ['Tue, 24 Nov 2026', '2026-11-24T00:00:00.000Z'],
    ['Tue, 24 Nov 2026 13:00:00 GMT+02:00', '2026-11-24T11:00:00.000Z'],
    ['Tue, 24 Nov 2026 13:00:00 +0000 (UTC)', '2026-11-24T13:00:00.000Z'],
    ['Tue, 24 Nov 2026 01:00 PM EST', '2026-11-24T18:00:00.000Z'],
    // asctime and JavaScript's Date.toString
    ['Tue Nov 24 13:00:00 2026', '2026-11-24T13:00:00.000Z'],
    ['Tue Nov 24 13:00:00 +0100 2026', '2026-11-24T12:00:00.000Z'],
    ['Tue Nov 24 2026 13:00:00 GMT+0100 (Central European Standard Time)', '2026-11-24T12:00:00.000Z'],
    // zone abbreviations
    ['Fri, 05 Jun 2026 09:00:00 MEST', '2026-06-05T07:00:00.000Z'],
    ['Fri, 05 Jun 2026 09:00:00 CEST', '2026-06-05T07:00:00.000Z'],
    ['Fri, 05 Jun 2026 09:00:00 BST', '2026-06-05T08:00:00.000Z'],
    ['Fri, 05 Jun 2026 09:00:00 PDT', '2026-06-05T16:00:00.000Z'],
    ['Fri, 05 Jun 2026 09:00:00 MSK', '2026-06-05T06:00:00.000Z'],
    ['Fri, 05 Jun 2026 09:00:00 Etc/GMT', '2026-06-05T09:00:00.000Z'],
    // ISO 8601 / W3CDTF
    ['2026-11-24T13:00:00Z', '2026-11-24T13:00:00.000Z'],
    ['2026-11-24T13:00:00.987654+01:00', '2026-11-24T12:00:00.000Z'],
    ['2026-11-24T13:00:00-0500', '2026-11-24T18:00:00.000Z'],
    ['2026-11-24 13:00:00', '2026-11-24T13:00:00.000Z'],
    ['20261124T130000Z', '2026-11-24T13:00:00.000Z'],
    ['2026-11-24T13:00', '2026-11-24T13:00:00.000Z'],
    ['2026-11-24', '2026-11-24T00:00:00.000Z'],
    ['2026-11', '2026-11-01T00:00:00.000Z'],
    ['2026', '2026-01-01T00:00:00.000Z'],
    ['2026-328', '2026-11-24T00:00:00.000Z'],
    // two-digit years are 20xx below 50
    ['26-11-24', '2026-11-24T00:00:00.000Z'],
    ['261124', '2026-11-24T00:00:00.000Z'],
    ['26328', '2026-11-24T00:00:00.000Z'],
    ['-26-11', '2026-11-01T00:00:00.000Z'],
    // other languages and notations
    ['Di, 24 Nov 2026 13:00:00 +0100', '2026-11-24T12:00:00.000Z'],
    ['Mi, 31 Dez 2025 10:00:00 +0100', '2025-12-31T09:00:00.000Z'],
    ['mar. 24 nov. 2026 13:00:00 +0100', '2026-11-24T12:00:00.000Z'],
    ['24 ноября 2026 13:00 +0300', '2026-11-24T10:00:00.000Z'],
    ['Τρι, 24 Νοέ 2026 13:00:00 EET', '2026-11-24T11:00:00.000Z'],
    ['2026-november-24T13:00+01:00', '2026-11-24T12:00:00.000Z'],
    ['2026-március-02T9:05-05:00', '2026-03-02T14:05:00.000Z'],
    ['Tue, 2026/11/24 13:00:00 EST', '2026-11-24T18:00:00.000Z'],
    ['2026년 11월 24일 13:00:00', '2026-11-24T04:00:00.000Z'],
    ['2026-11-24 오후 01:00:00', '2026-11-24T04:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(readFeedDate(text).iso).toBe(iso);
  });

  it.each([
    ['31 April', 'Thu, 31 Apr 2026 10:00:00 GMT', /day out of range/],
    ['minute 61', '2026-11-24T10:61:00Z', /minute out of range/],
    ['hour 25', '2026-11-24T25:00:00Z', /hour out of range/],
    ['an offset of -99:99', '2026-11-24T10:00:00-99:99', /offset out of range/],
    ['29 February of a common year', '2026-02-29', /day out of range/],
  ])('drops an impossible date (%s) with a note', (_what, text, reason) => {
    const reading = readFeedDate(text);
    expect(reading.iso).toBeNull();
    expect(reading.note).toMatch(reason);
  });

  it.each([
    'yesterday',
    'Tue, Nov x 2026 13:00:00 GMT',
    'Tue, 24 Nov 2026 1:2:3:4 GMT',
    'Tue, 24 Nov 2026 13:00:00 +zz:00',
    '2026-011-24',
  ])('reads no date from %s', (text) => {
    expect(readFeedDate(text)).toMatchObject({ iso: null, note: expect.stringMatching(/unreadable date/) });
  });

  it('reads an unknown zone name as UTC and says so', () => {
    expect(readFeedDate('Tue, 24 Nov 2026 13:00:00 XYZ')).toEqual({
      iso: '2026-11-24T13:00:00.000Z',
      note: 'date "Tue, 24 Nov 2026 13:00:00 XYZ": zone XYZ unknown, read as UTC',
    });
  });

  it('reads a date without a zone as UTC whatever the machine time zone', () => {
    expect(readFeedDate('2026-06-01T12:00:00').iso).toBe('2026-06-01T12:00:00.000Z');
    expect(readFeedDate('Mon, 01 Jun 2026 12:00:00').iso).toBe('2026-06-01T12:00:00.000Z');
  });
});

describe('which element dates an entry', () => {
  it('reads dcterms and Atom 0.3 dates, publication before modification', async () => {
    const rss = `<rss version="2.0" xmlns:dcterms="http://purl.org/dc/terms/"><channel>
      <item><link>https://dates.example/1</link><dcterms:modified>2026-11-02T00:00:00Z</dcterms:modified><dcterms:issued>2026-11-01T00:00:00Z</dcterms:issued></item>
      <item><link>https://dates.example/2</link><dcterms:modified>2026-11-03T00:00:00Z</dcterms:modified></item></channel></rss>`;
    expect((await parseFeed(rss, FEED_URL)).items.map((i) => i.published)).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-11-03T00:00:00.000Z',
    ]);
    const atom03 = `<feed version="0.3" xmlns="http://purl.org/atom/ns#">
      <entry><link rel="alternate" type="text/html" href="https://dates.example/3"/><modified>2026-11-05T00:00:00Z</modified><issued>2026-11-04T00:00:00Z</issued></entry></feed>`;
    expect((await parseFeed(atom03, FEED_URL)).items[0]?.published).toBe('2026-11-04T00:00:00.000Z');
  });

  it('keeps the entries of a feed with one bad date, falling back to the next date element', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom">
      <entry><link href="https://dates.example/a"/><published>2026-11-24T10:00:00Z</published></entry>
      <entry><link href="https://dates.example/b"/><published>yesterday</published><updated>2026-11-23T10:00:00Z</updated></entry>
      <entry><link href="https://dates.example/c"/><published>2026-012-31T10:00:00Z</published></entry></feed>`;
    const feed = await parseFeed(atom, FEED_URL);
    expect(feed.items.map((i) => i.published)).toEqual(['2026-11-24T10:00:00.000Z', '2026-11-23T10:00:00.000Z', null]);
    expect(feed.notes).toEqual([
      'entry 2: <published> unreadable date "yesterday", dropped',
      'entry 3: <published> unreadable date "2026-012-31T10:00:00Z", dropped',
    ]);
  });
});

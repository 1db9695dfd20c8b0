import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/stages/feeds/parse-feed.js';

const FEED_URL = 'https://json.example/feed.json';

describe('JSON Feed', () => {
  it('reads JSON Feed 1.1 items: url, title, dates, authors, tags', async () => {
    const body = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'JSON desk',
      home_page_url: 'https://json.example/',
      items: [
        {
          id: '1',
          url: '/2026/talks',
          title: 'Talks resume',
          date_published: '2026-11-24T10:00:00+03:00',
          authors: [{ name: 'A. Writer' }],
          tags: ['diplomacy'],
          content_html: '<p>Body</p>',
        },
        {
          id: 'https://json.example/2',
          title: 'Id is the URL',
          date_modified: '2026-11-25T08:00:00Z',
          content_text: 'Plain',
        },
        { id: '3', title: 'No link at all' },
      ],
    });
    const feed = await parseFeed(body, FEED_URL);
    expect(feed).toMatchObject({ format: 'json', title: 'JSON desk', link: 'https://json.example/', skipped: 1 });
    expect(feed.items[0]).toMatchObject({
      link: 'https://json.example/2026/talks',
      guid: '1',
      title: 'Talks resume',
      published: '2026-11-24T07:00:00.000Z',
      author: 'A. Writer',
      categories: ['diplomacy'],
      summary: 'Body',
      content: '<p>Body</p>',
    });
    expect(feed.items[1]).toMatchObject({
      link: 'https://json.example/2',
      published: '2026-11-25T08:00:00.000Z',
      summary: 'Plain',
    });
  });

  it('reads JSON Feed 1.0 (author, external_url) and leaves a field of the wrong type empty', async () => {
    const body = JSON.stringify({
      version: 'https://jsonfeed.org/version/1',
      items: [
        {
          id: 7,
          external_url: 'https://elsewhere.example/story',
          title: 42,
          author: { name: 'B. Writer' },
          date_published: 'not a date',
        },
      ],
    });
    const feed = await parseFeed(body, FEED_URL);
    expect(feed.items[0]).toMatchObject({
      link: 'https://elsewhere.example/story',
      guid: '7',
      title: '',
      author: 'B. Writer',
      published: null,
    });
    expect(feed.notes.join('\n')).toMatch(/unreadable date "not a date"/);
  });

  it('rejects JSON that is not a JSON Feed, and broken JSON, naming the feed', async () => {
    await expect(parseFeed('{"data": [1, 2]}', FEED_URL)).rejects.toThrow(
      `feed ${FEED_URL} is JSON but not a JSON Feed`,
    );
    await expect(parseFeed('{"version": "https://jsonfeed.org/version/1.1", "items": [', FEED_URL)).rejects.toThrow(
      /is not valid JSON/,
    );
  });
});

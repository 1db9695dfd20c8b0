import { describe, expect, it } from 'vitest';
import { nextDigestAt, parseDigest, type DigestSpec } from '../../src/stages/watch/digest.js';
import { watchedEntry } from '../../src/jobs/watch-event-jobs.js';
import type { StoredArticle } from '../../src/stages/store/article-store.js';
import type { TimelineEntry } from '../../src/stages/store/event-queries.js';
import { compileWatch, hearsEvents, matchingWatches, type WatchedArticle } from '../../src/stages/watch/match.js';
import { validateWatch, WatchError, type WatchRules } from '../../src/stages/watch/watch-spec.js';
import { loadTaxonomy } from '../../src/stages/classify/taxonomy.js';

const rules: WatchRules = {
  topics: loadTaxonomy().topics.map((t) => t.id),
  addresses: { allowPrivate: false },
};
const watch = (over: Record<string, unknown> = {}, filter: Record<string, unknown> = {}) => ({
  name: 'talks',
  filter: { topics: ['syria'], ...filter },
  delivery: { kind: 'webhook', url: 'https://hooks.example.org/parley' },
  ...over,
});
const refusal = (input: unknown) => {
  try {
    validateWatch(input, rules);
  } catch (err) {
    expect(err).toBeInstanceOf(WatchError);
    return (err as Error).message;
  }
  throw new Error('the watch was accepted');
};

describe('a watch is refused with a message naming the field', () => {
  it('accepts a good watch', () => {
    expect(validateWatch(watch({ mode: 'daily@08:00/Europe/Berlin' }), rules).filter.topics).toEqual(['syria']);
  });
  it('names an unknown topic and lists the known ones', () => {
    const m = refusal(watch({}, { topics: ['syrai'] }));
    expect(m).toMatch(/^topics\[0\]: unknown topic "syrai"/);
    expect(m).toContain('arms-control');
  });
  it('names an invalid URL', () => {
    expect(refusal(watch({ delivery: { kind: 'slack', url: 'not a url' } }))).toMatch(
      /^url: must be an absolute http\(s\) URL/,
    );
  });
  it('refuses a receiver the fetch guard refuses (loopback, private, metadata service)', () => {
    for (const url of [
      'http://127.0.0.1:9/x',
      'http://localhost/x',
      'http://10.0.0.8/x',
      'http://169.254.169.254/latest',
    ]) {
      expect(refusal(watch({ delivery: { kind: 'webhook', url } }))).toMatch(/^url: .* is an? .*address/);
    }
  });
  it('lets private receivers through when FETCH_ALLOW_PRIVATE lifts the guard, but not link-local', () => {
    const lifted = { ...rules, addresses: { allowPrivate: true } };
    expect(() =>
      validateWatch(watch({ delivery: { kind: 'webhook', url: 'http://127.0.0.1:9/x' } }), lifted),
    ).not.toThrow();
    expect(() =>
      validateWatch(watch({ delivery: { kind: 'webhook', url: 'http://169.254.169.254/x' } }), lifted),
    ).toThrow(/link-local/);
  });
  it('names a malformed time zone and a bad digest spec', () => {
    expect(refusal(watch({ mode: 'daily@08:00/Mars/Olympus' }))).toMatch(/^digest: unknown time zone "Mars\/Olympus"/);
    expect(refusal(watch({ mode: 'daily@25:00/UTC' }))).toMatch(/^digest: 25:00 is not a time of day/);
    expect(refusal(watch({ mode: 'weekly' }))).toMatch(/^digest: must be "hourly" or "daily@HH:MM\/Zone"/);
  });
  it('names a bad email address, language and relevance', () => {
    expect(refusal(watch({ delivery: { kind: 'email', to: 'nobody' } }))).toMatch(/^to: /);
    expect(refusal(watch({}, { lang: 'english!' }))).toMatch(/^lang: /);
    expect(refusal(watch({}, { minRelevance: 2 }))).toMatch(/^minRelevance: must be between 0 and 1/);
  });
});

describe('digest times', () => {
  const daily = parseDigest('daily@08:00/Europe/Berlin') as DigestSpec;
  it('a daily digest is due at that time in its zone, in winter and in summer time', () => {
    expect(nextDigestAt(daily, new Date('2026-01-15T06:00:00Z')).toISOString()).toBe('2026-01-15T07:00:00.000Z');
    expect(nextDigestAt(daily, new Date('2026-07-15T06:00:00Z')).toISOString()).toBe('2026-07-16T06:00:00.000Z');
    expect(nextDigestAt(daily, new Date('2026-07-15T05:59:00Z')).toISOString()).toBe('2026-07-15T06:00:00.000Z');
  });
  it('on the day the clocks change, the digest still comes at 08:00 local time', () => {
    // Berlin moves to summer time at 01:00 UTC on 29 March 2026.
    expect(nextDigestAt(daily, new Date('2026-03-28T08:00:00Z')).toISOString()).toBe('2026-03-29T06:00:00.000Z');
  });
  it('an hourly digest is due on the next full hour', () => {
    expect(nextDigestAt({ kind: 'hourly' }, new Date('2026-01-15T06:20:00Z')).toISOString()).toBe(
      '2026-01-15T07:00:00.000Z',
    );
  });
});

describe('matching an article against watches', () => {
  const article: WatchedArticle = {
    title: 'Lavrov and Tillerson meet in Moscow',
    text: 'The talks covered Syria and chemical weapons.',
    topics: ['syria', 'meeting'],
    entities: [{ name: 'Sergei Lavrov', type: 'person' }],
    eventTypes: ['meeting'],
    people: ['Rex Tillerson', 'Sergei Lavrov'],
    language: 'en-US',
    relevance: 0.8,
    sites: ['www.reuters.com', 'tass.com'],
  };
  const names = (filters: Record<string, Record<string, unknown>>) =>
    matchingWatches(
      article,
      Object.entries(filters).map(([n, f]) =>
        compileWatch(n, { topics: [], entities: [], events: [], people: [], sites: [], ...f }),
      ),
    );
  it('matches on every part of the filter and not when one part fails', () => {
    expect(
      names({
        topic: { topics: ['ukraine', 'syria'] },
        entity: { entities: ['lavrov'] },
        event: { events: ['meeting'] },
        person: { people: ['Tillerson'] },
        q: { q: 'Chemical WEAPONS' },
        lang: { lang: 'en' },
        site: { sites: ['reuters.com'] },
        relevance: { minRelevance: 0.8 },
        wrongTopic: { topics: ['iran'] },
        wrongEntity: { topics: ['syria'], entities: ['Kerry'] },
        wrongEvent: { events: ['sanctions'] },
        wrongWord: { q: 'chemical nuclear' },
        wrongLang: { lang: 'ru' },
        wrongSite: { sites: ['bbc.co.uk'] },
        tooRelevant: { minRelevance: 0.9 },
      }),
    ).toEqual(['topic', 'entity', 'event', 'person', 'q', 'lang', 'site', 'relevance']);
  });
});

describe('matching a timeline entry', () => {
  const report = (articleId: string, site: string) => ({
    articleId,
    url: `https://${site}/a`,
    title: 'Ministers meet in Geneva',
    site,
    evidence: 'Blinken and Lavrov met in Geneva.',
    firstSeen: '2026-12-03T10:00:00.000Z',
    status: 'held' as const,
    date: '2026-12-03',
    place: 'Geneva',
  });
  const entry: TimelineEntry = {
    id: 'ev1',
    type: 'meeting',
    status: 'held',
    us: ['Antony Blinken'],
    ru: ['Sergei Lavrov'],
    initiator: null,
    place: 'Geneva',
    date: '2026-12-03',
    firstSeen: '2026-12-03T10:00:00.000Z',
    updatedAt: '2026-12-03T11:00:00.000Z',
    reports: [report('a1', 'reuters.com'), report('a2', 'tass.ru')],
  };
  const reporting = [
    { topics: ['syria'], language: 'en', relevance: 0.6, site: 'reuters.com' },
    { topics: ['arms-control'], language: 'ru', relevance: 0.9, site: 'tass.ru' },
  ].map((a) => ({
    ...a,
    entities: [
      { name: 'Wang Yi', type: 'person' as const, mentions: 1 },
      { name: 'United Nations', type: 'org' as const, mentions: 1 },
    ],
  })) as unknown as StoredArticle[];
  const names = (filters: Record<string, Record<string, unknown>>) =>
    matchingWatches(
      watchedEntry(entry, reporting),
      Object.entries(filters).map(([n, f]) =>
        compileWatch(n, { topics: [], entities: [], events: [], people: [], sites: [], ...f }),
      ),
    );

  it('reads the type and people of the entry and the topics, names, words, languages and sites of its reports', () => {
    expect(
      names({
        type: { events: ['meeting'] },
        person: { people: ['Lavrov'] },
        topic: { events: ['meeting'], topics: ['arms-control'] },
        entity: { events: ['meeting'], entities: ['United Nations'] },
        q: { events: ['meeting'], q: 'ministers geneva' },
        lang: { events: ['meeting'], lang: 'ru' },
        site: { events: ['meeting'], sites: ['tass.ru'] },
        relevance: { events: ['meeting'], minRelevance: 0.9 },
        otherType: { events: ['call'] },
        articlePerson: { people: ['Wang Yi'] },
        otherLang: { events: ['meeting'], lang: 'de' },
      }),
    ).toEqual(['type', 'person', 'topic', 'entity', 'q', 'lang', 'site', 'relevance']);
  });

  it('is heard by watches that name event types or people, not by those of topics or words alone', () => {
    const f = { topics: ['syria'], entities: [], events: [], people: [], sites: [] };
    expect([
      hearsEvents(f),
      hearsEvents({ ...f, events: ['call'] }),
      hearsEvents({ ...f, people: ['Lavrov'] }),
    ]).toEqual([false, true, true]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/stages/store/article-store.js';
import type { WatchSpec } from '../../src/stages/watch/watch-spec.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { openTestStore } from '../helpers/test-store.js';

const spec: WatchSpec = {
  name: 'talks',
  filter: { topics: ['syria'], entities: ['Lavrov'], events: [], people: [], sites: [] },
  delivery: { kind: 'webhook', url: 'https://hooks.example.org/x' },
  mode: 'immediate',
};

describe.each(STORE_KINDS)('%s store: watches', (kind) => {
  let store: ArticleStore;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openTestStore(kind));
  });
  afterEach(() => close());

  it('keeps a watch with its secret, refuses a second of the same name, and removes it', async () => {
    expect(await store.watches.add(spec, 's3cret', '2026-01-01T00:00:00.000Z')).toBe(true);
    expect(await store.watches.add(spec, 'other', '2026-01-01T00:00:00.000Z')).toBe(false);
    expect(await store.watches.get('talks')).toEqual({
      ...spec,
      secret: 's3cret',
      createdAt: '2026-01-01T00:00:00.000Z',
      failures: 0,
      failingSince: null,
      lastError: null,
      lastDeliveryAt: null,
      held: 0,
    });
    expect(await store.watches.remove('talks')).toBe(true);
    expect(await store.watches.list()).toEqual([]);
    expect(await store.watches.remove('talks')).toBe(false);
  });

  it('records a story once per watch, whichever copy matches again', async () => {
    await store.watches.add(spec, 's', '2026-01-01T00:00:00.000Z');
    expect(await store.watches.recordMatch('talks', 'story1', 'a1', '2026-01-01T01:00:00.000Z', 'd1')).toBe(true);
    expect(await store.watches.recordMatch('talks', 'story1', 'a2', '2026-01-01T02:00:00.000Z', 'd2')).toBe(false);
    expect(await store.watches.alert('talks', 'story1')).toMatchObject({ article_id: 'a1', delivery_id: 'd1' });
  });

  it('marks a watch failing after repeated failures and clears it on the next delivery', async () => {
    await store.watches.add(spec, 's', '2026-01-01T00:00:00.000Z');
    await store.watches.recordMatch('talks', 'story1', 'a1', '2026-01-01T01:00:00.000Z', 'd1');
    await store.watches.failed('talks', 'refused', '2026-01-01T01:00:01.000Z', 3);
    await store.watches.failed('talks', 'refused', '2026-01-01T01:00:02.000Z', 3);
    expect((await store.watches.get('talks'))?.failingSince).toBeNull();
    expect(await store.watches.failed('talks', 'refused', '2026-01-01T01:00:03.000Z', 3)).toBe(3);
    expect(await store.watches.get('talks')).toMatchObject({
      failingSince: '2026-01-01T01:00:03.000Z',
      lastError: 'refused',
    });
    await store.watches.delivered('talks', 'd1', '2026-01-01T01:05:00.000Z');
    expect(await store.watches.get('talks')).toMatchObject({
      failures: 0,
      failingSince: null,
      lastDeliveryAt: '2026-01-01T01:05:00.000Z',
    });
    expect((await store.watches.alert('talks', 'story1'))?.delivered_at).toBe('2026-01-01T01:05:00.000Z');
  });

  it('a digest takes the alerts matched up to its time and no others', async () => {
    await store.watches.add({ ...spec, mode: 'hourly' }, 's', '2026-01-01T00:00:00.000Z');
    await store.watches.recordMatch('talks', 's1', 'a1', '2026-01-01T00:10:00.000Z', null);
    await store.watches.recordMatch('talks', 's2', 'a2', '2026-01-01T01:10:00.000Z', null);
    expect(await store.watches.assignDigest('talks', 'dg1', '2026-01-01T01:00:00.000Z')).toBe(1);
    expect((await store.watches.delivery('dg1')).map((r) => r.story_id)).toEqual(['s1']);
    expect(await store.watches.assignDigest('talks', 'dg2', '2026-01-01T02:00:00.000Z')).toBe(1);
    expect((await store.watches.delivery('dg2')).map((r) => r.story_id)).toEqual(['s2']);
  });

  it('records a timeline entry once per watch and status: a new status alerts again', async () => {
    await store.watches.add(spec, 's', '2026-01-01T00:00:00.000Z');
    const at = '2026-01-01T01:00:00.000Z';
    expect(await store.watches.recordEventMatch('talks', 'ev1', 'planned', at, 'e1')).toBe(true);
    expect(await store.watches.recordEventMatch('talks', 'ev1', 'planned', at, 'e1')).toBe(false);
    expect(await store.watches.recordEventMatch('talks', 'ev1', 'held', at, 'e2')).toBe(true);
    expect((await store.watches.eventDelivery('e2')).map((r) => [r.event_id, r.status])).toEqual([['ev1', 'held']]);
    await store.watches.delivered('talks', 'e2', '2026-01-01T01:05:00.000Z');
    expect((await store.watches.eventAlert('talks', 'ev1', 'held'))?.delivered_at).toBe('2026-01-01T01:05:00.000Z');
    expect((await store.watches.eventAlert('talks', 'ev1', 'planned'))?.delivered_at).toBeNull();
  });

  it('a digest gathers entries with stories', async () => {
    await store.watches.add({ ...spec, mode: 'hourly' }, 's', '2026-01-01T00:00:00.000Z');
    await store.watches.recordMatch('talks', 's1', 'a1', '2026-01-01T00:10:00.000Z', null);
    await store.watches.recordEventMatch('talks', 'ev1', 'held', '2026-01-01T00:20:00.000Z', null);
    await store.watches.recordEventMatch('talks', 'ev2', 'held', '2026-01-01T01:20:00.000Z', null);
    expect(await store.watches.assignDigest('talks', 'dg1', '2026-01-01T01:00:00.000Z')).toBe(2);
    expect((await store.watches.eventDelivery('dg1')).map((r) => r.event_id)).toEqual(['ev1']);
  });

  it('holds deliveries out of attempts, oldest first, until released; removing the watch drops them', async () => {
    await store.watches.add(spec, 's', '2026-01-01T00:00:00.000Z');
    await store.watches.add({ ...spec, name: 'other' }, 's', '2026-01-01T00:00:00.000Z');
    await store.watches.hold('talks', 'd2', null, '2026-01-01T02:00:00.000Z');
    await store.watches.hold('talks', 'd1', '{"state":"failing"}', '2026-01-01T01:00:00.000Z');
    await store.watches.hold('talks', 'd1', null, '2026-01-01T03:00:00.000Z');
    await store.watches.hold('other', 'd3', null, '2026-01-01T01:30:00.000Z');
    expect((await store.watches.held('talks')).map((r) => [r.delivery_id, r.notice])).toEqual([
      ['d1', '{"state":"failing"}'],
      ['d2', null],
    ]);
    expect((await store.watches.held()).map((r) => r.delivery_id)).toEqual(['d1', 'd3', 'd2']);
    expect((await store.watches.list()).map((w) => [w.name, w.held])).toEqual([
      ['other', 1],
      ['talks', 2],
    ]);
    await store.watches.release('d1');
    expect((await store.watches.held('talks')).map((r) => r.delivery_id)).toEqual(['d2']);
    await store.watches.remove('talks');
    expect((await store.watches.held()).map((r) => r.delivery_id)).toEqual(['d3']);
  });
});

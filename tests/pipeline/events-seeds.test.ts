/**
 * The seeds through the real pipeline (workers on the real Redis, each store): their meetings reach
 * the timeline, and the seed reports of one visit merge into one entry.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { submitSeeds } from '../../src/pipeline/submit-seeds.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { STORE_KINDS } from '../helpers/test-services.js';
import { settle } from '../helpers/wait.js';

describe.each(STORE_KINDS)('seed events with the %s store', (kind) => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('puts the Kerry and Tillerson visits to Moscow on the timeline, one entry per meeting', async () => {
    h = await startPipeline({ store: kind });
    const results = await submitSeeds(h.rt.queues);
    for (const r of results) expect(await settle(h.rt.queues, r.id)).toMatchObject({ state: 'stored' });
    const { events } = await (await h.rt.store()).events.listEvents({ type: 'meeting', limit: 200 });

    // seed 004 (published 2017-04-12): Tillerson's talks with Lavrov, then with Putin, in Moscow.
    const tillerson = events.filter((e) => e.us.includes('Rex Tillerson'));
    expect(tillerson.map((e) => [e.ru, e.place, e.date, e.status])).toEqual(
      expect.arrayContaining([
        [['Sergei Lavrov'], 'Moscow', '2017-04-12', 'held'],
        [['Vladimir Putin'], 'Moscow', '2017-04-12', 'held'],
      ]),
    );

    // Kerry's 2013 visit: seed 003 reports it, seed 001 recalls it ("Kerry flew to Moscow … to
    // meet with Lavrov"); the two reports are one entry.
    const kerryLavrov = events.filter(
      (e) => e.us.includes('John Kerry') && e.ru.includes('Sergei Lavrov') && e.place === 'Moscow',
    );
    expect(kerryLavrov).toHaveLength(1);
    expect(new Set(kerryLavrov[0]!.reports.map((r) => r.articleId)).size).toBe(2);
    expect(kerryLavrov[0]!.status).toBe('held');
  });
});

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

    const tillerson = events.filter((e) => e.us.includes('Rex Tillerson') && e.place === 'Moscow');
    expect(tillerson.map((e) => e.date)).toContain('2017-04-12');
    expect(tillerson.flatMap((e) => e.ru)).toEqual(expect.arrayContaining(['Sergei Lavrov', 'Vladimir Putin']));

    const kerryLavrov = events.filter((e) => e.us.includes('John Kerry') && e.ru.includes('Sergei Lavrov') && e.place === 'Moscow');
    expect(kerryLavrov).toHaveLength(1);
    const articles = new Set(kerryLavrov[0]!.reports.map((r) => r.articleId));
    expect(articles.size).toBeGreaterThanOrEqual(2);
    expect(kerryLavrov[0]!.date).toBe('2013-05-07');
  });
});

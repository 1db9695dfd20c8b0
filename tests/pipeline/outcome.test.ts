/**
 * PipelineQueues.outcome while jobs finish: a job that fails (or completes) between two reads must
 * never be reported without its reason (or with a guessed result).
 */
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleOutcome } from '../../src/pipeline/pipeline-queues.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';

describe('article outcome', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('reports the reason of a job that fails while its outcome is being read', async () => {
    h = await startPipeline({ stages: ['clean'] });
    const raw = new Queue('clean', { connection: h.rt.redis, prefix: h.env.QUEUE_PREFIX });
    const ids = Array.from({ length: 40 }, (_, i) => `bad-${i}`);
    const seen: ArticleOutcome[] = [];
    for (const id of ids) {
      await raw.add('clean', { id: 'not-an-id' }, { jobId: id });
      // Read as often as we can while the job is taken, checked and failed.
      for (let outcome = await h.rt.queues.outcome(id); ; outcome = await h.rt.queues.outcome(id)) {
        if (outcome.state !== 'pending') {
          seen.push(outcome);
          break;
        }
      }
    }
    expect(seen).toHaveLength(ids.length);
    for (const o of seen)
      expect(o).toMatchObject({
        state: 'failed',
        stage: 'clean',
        reason: expect.stringMatching(/^invalid clean payload: id: /),
      });
    await raw.close();
  });
});

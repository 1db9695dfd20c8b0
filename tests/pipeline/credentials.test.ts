/** URLs with credentials never become jobs: the queue contract refuses them before anything reaches Redis. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleId, canonicalUrl } from '../../src/shared/identity.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startPipeline({ stages: [] });
});
afterAll(() => h.stop());

describe('credentials in URLs', () => {
  it('are refused by the fetch queue, and nothing is queued', async () => {
    const url = 'http://analyst:s3cret@example.org/talks';
    const clean = 'http://example.org/talks'; // what the canonical form and the id are made of
    const id = articleId(clean);
    const submitted = h.rt.queues.submit({ id, url, canonicalUrl: canonicalUrl(clean), origin: { kind: 'enqueue' } });
    await expect(submitted).rejects.toThrow(/url: must not carry credentials/);
    await expect(submitted).rejects.not.toThrow(/s3cret/);
    expect(await h.rt.queues.queues.fetch.getJob(id)).toBeUndefined();
  });
});

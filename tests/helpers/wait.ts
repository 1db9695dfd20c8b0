import type { ArticleOutcome, PipelineQueues } from '../../src/pipeline/pipeline-queues.js';

/** Waits until an article leaves the pipeline (stored, skipped or failed) and returns how. */
export async function settle(queues: PipelineQueues, id: string, timeoutMs = 20_000): Promise<ArticleOutcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await queues.outcome(id);
    if (outcome.state !== 'pending') return outcome;
    if (Date.now() > deadline) throw new Error(`article ${id} still pending after ${timeoutMs} ms (at ${outcome.stage ?? '?'})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

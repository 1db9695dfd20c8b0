import type { ArticleOutcome, PipelineQueues } from '../../src/pipeline/pipeline-queues.js';

/** Waits until an article leaves the pipeline (stored, skipped or failed) and returns how. */
export async function settle(queues: PipelineQueues, id: string, timeoutMs = 20_000): Promise<ArticleOutcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await queues.outcome(id);
    if (outcome.state !== 'pending') return outcome;
    if (Date.now() > deadline)
      throw new Error(`article ${id} still pending after ${timeoutMs} ms (at ${outcome.stage ?? '?'})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Polls `probe` until it gives a value other than undefined or false (errors count as not yet),
 * and returns it; throws naming `what` after `timeoutMs`.
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

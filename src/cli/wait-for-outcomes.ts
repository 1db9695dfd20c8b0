/** Waits until each article is stored, skipped or failed, printing one line per article as it ends. */
import type { ArticleOutcome, PipelineQueues } from '../pipeline/pipeline-queues.js';

/** How often to look at the queues while waiting. */
const POLL_MS = 250;

export interface Tracked {
  id: string;
  label: string;
}

/** Returns how many ended badly (failed, or still pending at the timeout). */
export async function waitForOutcomes(
  queues: PipelineQueues,
  tracked: Tracked[],
  timeoutMs: number,
  print: (line: string) => void = (l) => console.log(l),
): Promise<number> {
  const pending = new Map(tracked.map((t) => [t.id, t]));
  const deadline = Date.now() + timeoutMs;
  let bad = 0;
  while (pending.size > 0) {
    for (const [id, t] of pending) {
      const outcome = await queues.outcome(id);
      if (outcome.state === 'pending') continue;
      pending.delete(id);
      if (outcome.state === 'failed') bad++;
      print(formatOutcome(t, outcome));
    }
    if (pending.size === 0) break;
    if (Date.now() > deadline) {
      for (const t of pending.values())
        print(`pending  ${t.id}  ${t.label}  (still in the pipeline after ${timeoutMs / 1000}s)`);
      return bad + pending.size;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return bad;
}

export function formatOutcome(t: Tracked, o: ArticleOutcome): string {
  switch (o.state) {
    case 'stored':
      return `stored   ${t.id}  ${t.label}  ${o.title ?? ''}`.trimEnd();
    case 'skipped':
      return `skipped  ${t.id}  ${t.label}  (not relevant: score ${o.relevance?.toFixed(2) ?? '?'})`;
    case 'failed':
      return `failed   ${t.id}  ${t.label}  ${o.stage}: ${o.reason}`;
    default:
      return `pending  ${t.id}  ${t.label}`;
  }
}

/** Waits until each article is stored, skipped or failed, printing one line per article as it ends. */
import type { ArticleOutcome, PipelineQueues } from '../pipeline/pipeline-queues.js';

/** How often to look at the queues while waiting. */
const POLL_MS = 250;
/** Longest pause between two looks (for thousands of articles still moving). */
const MAX_POLL_MS = 2_000;
/** Outcomes asked at once: their Redis commands share round trips, so 10,000 articles are checked in seconds. */
const CHECK_AT_ONCE = 200;

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
    const waiting = [...pending.values()];
    for (let i = 0; i < waiting.length; i += CHECK_AT_ONCE) {
      const batch = waiting.slice(i, i + CHECK_AT_ONCE);
      const outcomes = await Promise.all(batch.map((t) => queues.outcome(t.id)));
      batch.forEach((t, j) => {
        const outcome = outcomes[j]!;
        if (outcome.state === 'pending') return;
        pending.delete(t.id);
        if (outcome.state === 'failed') bad++;
        print(formatOutcome(t, outcome));
      });
    }
    if (pending.size === 0) break;
    if (Date.now() > deadline) {
      for (const t of pending.values())
        print(`pending  ${t.id}  ${t.label}  (still in the pipeline after ${timeoutMs / 1000}s)`);
      return bad + pending.size;
    }
    // Many articles still moving: look less often, so the waiting does not load Redis more than the workers do.
    await new Promise((r) => setTimeout(r, Math.min(MAX_POLL_MS, Math.max(POLL_MS, pending.size))));
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

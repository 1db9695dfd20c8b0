/**
 * What a job file declares: its queue, its payload schema, and how to process one payload.
 * Job files know nothing of BullMQ; the stage worker (workers/stage-worker.ts) runs them.
 */
import type { z } from 'zod';
import type { Config, Stage } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import type { ArticleStore } from '../stages/store/article-store.js';

/** What a job may use while it runs. */
export interface JobContext {
  config: Config;
  log: Logger;
  /** Aborted when the worker shuts down or gives up on the job. */
  signal: AbortSignal;
  /** The article store, opened on first use. */
  store(): Promise<ArticleStore>;
}

/** What processing one payload gives: the next stage's payload, or the article's final outcome. */
export type JobResult<Next> =
  | { next: Next }
  | { outcome: 'stored' | 'skipped'; title?: string; relevance?: number };

/** A queue's contract and its processing step. */
export interface JobDefinition<S extends z.ZodType, Next = unknown> {
  /** The stage, which is also the queue's name. */
  stage: Stage;
  schema: S;
  /** Loads what the stage needs before its worker takes a job (so bad data stops start-up). */
  init?(config: Config): void;
  process(payload: z.output<S>, ctx: JobContext): Promise<JobResult<Next>>;
}

/**
 * What a job file declares: its queue, the payload it takes, and how to process one payload.
 * Job files know nothing of BullMQ (the stage worker runs them) nor of each other: a job says what it
 * takes and what it gives, and pipeline/stages.ts puts the jobs in order.
 */
import type { RedisClient } from '../shared/redis.js';
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
  /** The process's Redis connection (for state shared across processes: host gates, robots.txt). */
  redis: RedisClient;
  /** The article store, opened on first use. */
  store: () => Promise<ArticleStore>;
}

/** What processing one payload gives: the next stage's payload, or the article's final outcome. */
export type JobResult<Next> =
  | { next: Next }
  | {
      outcome: 'stored' | 'skipped';
      title?: string;
      relevance?: number;
      /** A stored article's story (itself, or the story it is a copy of); its watches are matched next. */
      storyId?: string;
      /** Timeline entries its reports created or changed the status of; their watches are matched next. */
      events?: { eventId: string; status: string }[];
    };

/** Processes one payload. */
export type JobProcessor<In, Next> = (payload: In, ctx: JobContext) => Promise<JobResult<Next>>;

/** A queue's contract and its processing step. */
export interface JobDefinition<S extends z.ZodType, Next = unknown> {
  /** The stage, which is also the queue's name. */
  stage: Stage;
  schema: S;
  /**
   * Loads what the stage needs (a classifier, say) and gives the processing step that uses it. A worker
   * calls it once before it takes a job, so bad data stops start-up; nothing is kept at module level.
   */
  prepare(config: Config): JobProcessor<z.output<S>, Next>;
}

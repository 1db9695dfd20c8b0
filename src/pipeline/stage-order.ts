/**
 * The order of the stages and the payload each takes, without the processing code: what queues
 * articles (enqueue, feed polls, the dashboard) needs only this, so it starts without loading the
 * extractor, classifier and event models (~2 s of CPU and ~150 MiB). pipeline/stages.ts pairs each
 * stage with its job and checks, when it loads, that each job takes the payload named here.
 */
import type { z } from 'zod';
import type { Stage } from '../shared/config.js';
import {
  ArticleToFetchSchema,
  ClassifiedArticleSchema,
  CleanArticleSchema,
  SourceDocumentSchema,
} from '../shared/contracts.js';

/** fetch → clean → classify → store. */
export const STAGES: readonly Stage[] = ['fetch', 'clean', 'classify', 'store'];

/** The payload each stage's queue takes. */
export const STAGE_PAYLOADS: Record<Stage, z.ZodType> = {
  fetch: ArticleToFetchSchema,
  clean: SourceDocumentSchema,
  classify: CleanArticleSchema,
  store: ClassifiedArticleSchema,
};

/** The stage that takes a stage's result, or undefined after the last. */
export function nextStage(stage: Stage): Stage | undefined {
  return STAGES[STAGES.indexOf(stage) + 1];
}

/** Where an article enters: a URL is fetched first; a document that is already text (a seed) starts at clean. */
export function entryStage(payload: { html?: unknown; text?: unknown }): Stage {
  return payload.html !== undefined || payload.text !== undefined ? 'clean' : 'fetch';
}

export function isStage(name: string): name is Stage {
  return (STAGES as readonly string[]).includes(name);
}

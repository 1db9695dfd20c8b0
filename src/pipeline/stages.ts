/**
 * The order of the stages. This is the only module that knows it: workers ask it where a result
 * goes next, the enqueue and seed scripts ask it where an article enters. Each job says only what it
 * takes and what it gives; the chain below checks, at compile time, that each gives what the next takes.
 */
import type { z } from 'zod';
import type { Stage } from '../shared/config.js';
import { classifyJob } from '../jobs/classify-job.js';
import { cleanJob } from '../jobs/clean-job.js';
import { fetchJob } from '../jobs/fetch-job.js';
import type { JobDefinition } from '../jobs/job-definition.js';
import { storeJob } from '../jobs/store-job.js';

/** fetch → clean → classify → store. */
export const STAGES: readonly Stage[] = ['fetch', 'clean', 'classify', 'store'];

type Gives<J> = J extends JobDefinition<z.ZodType, infer Next> ? Next : never;
type Takes<J> = J extends JobDefinition<infer S, unknown> ? z.input<S> : never;
/** Compiles only when what `From` gives is a payload `To` takes. */
type Feeds<From, To> = Gives<From> extends Takes<To> ? true : never;
const CHAIN: [
  Feeds<typeof fetchJob, typeof cleanJob>,
  Feeds<typeof cleanJob, typeof classifyJob>,
  Feeds<typeof classifyJob, typeof storeJob>,
] = [true, true, true];
void CHAIN;

/** Each stage's job definition (queue name, payload schema, processing). */
export const JOBS: Record<Stage, JobDefinition<z.ZodType>> = {
  fetch: fetchJob,
  clean: cleanJob,
  classify: classifyJob,
  store: storeJob,
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

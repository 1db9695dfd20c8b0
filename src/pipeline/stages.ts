/**
 * The stages' jobs, in the order stage-order.ts gives (re-exported here): workers ask it where a
 * result goes next and which job runs a stage. Each job says only what it takes and what it gives;
 * the chain below checks, at compile time, that each gives what the next takes.
 */
import type { z } from 'zod';
import type { Stage } from '../shared/config.js';
import { classifyJob } from '../jobs/classify-job.js';
import { cleanJob } from '../jobs/clean-job.js';
import { fetchJob } from '../jobs/fetch-job.js';
import type { JobDefinition } from '../jobs/job-definition.js';
import { storeJob } from '../jobs/store-job.js';
import { STAGES, STAGE_PAYLOADS } from './stage-order.js';

export { STAGES, entryStage, isStage, nextStage } from './stage-order.js';

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

// Queues check payloads against stage-order.ts's schemas without loading the jobs: they must be the jobs' own.
for (const stage of STAGES) {
  if (JOBS[stage].schema !== STAGE_PAYLOADS[stage])
    throw new Error(`stage ${stage}: its job takes another payload than stage-order.ts names`);
}

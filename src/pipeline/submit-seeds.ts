import type { PipelineQueues, SubmitResult } from './pipeline-queues.js';
import { loadSeedDocuments, SEED_DIR } from './seed-documents.js';

/** Sends every seed document into the pipeline (at the clean stage). */
export async function submitSeeds(queues: PipelineQueues, dir = SEED_DIR): Promise<(SubmitResult & { file: string })[]> {
  const docs = await loadSeedDocuments(dir);
  const results = [];
  for (const doc of docs) results.push({ ...(await queues.submit(doc)), file: doc.origin.seedFile ?? doc.url });
  return results;
}

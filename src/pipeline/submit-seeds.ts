import type { Logger } from '../shared/logger.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import type { PipelineQueues, SubmitResult } from './pipeline-queues.js';
import { loadSeedDocuments, SEED_DIR } from './seed-documents.js';

/** Sends every seed document into the pipeline (at the clean stage). */
export async function submitSeeds(
  queues: PipelineQueues,
  dir = SEED_DIR,
): Promise<(SubmitResult & { file: string })[]> {
  const docs = await loadSeedDocuments(dir);
  const results = [];
  for (const doc of docs) results.push({ ...(await queues.submit(doc)), file: doc.origin.seedFile ?? doc.url });
  return results;
}

/** Seeds a store that holds nothing yet (neither stored nor skipped articles). */
export async function seedIfEmpty(rt: {
  queues: PipelineQueues;
  store(): Promise<ArticleStore>;
  log: Logger;
}): Promise<void> {
  const { stored, skipped } = await (await rt.store()).countArticles();
  if (stored + skipped > 0) return;
  const results = await submitSeeds(rt.queues);
  rt.log.info({ queued: results.filter((r) => r.queued).length }, 'empty store: seed documents queued');
}

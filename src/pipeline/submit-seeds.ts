import type { Logger } from '../shared/logger.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import { BULK_CHUNK, type PipelineQueues, type SubmitResult } from './pipeline-queues.js';
import { loadSeedDocuments, SEED_DIR } from './seed-documents.js';

/** Sends every seed document into the pipeline (at the clean stage). */
export async function submitSeeds(
  queues: PipelineQueues,
  dir = SEED_DIR,
  onProgress?: { setTotal(n: number): void; tick(n: number): void },
): Promise<(SubmitResult & { file: string })[]> {
  const docs = await loadSeedDocuments(dir);
  onProgress?.setTotal(docs.length);
  const results: (SubmitResult & { file: string })[] = [];
  for (let i = 0; i < docs.length; i += BULK_CHUNK) {
    const chunk = docs.slice(i, i + BULK_CHUNK);
    const submitted = await queues.submitMany(chunk);
    chunk.forEach((doc, j) => results.push({ ...submitted[j]!, file: doc.origin.seedFile ?? doc.url }));
    onProgress?.tick(chunk.length);
  }
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

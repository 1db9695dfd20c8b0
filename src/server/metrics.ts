/**
 * /metrics in Prometheus's text format (prom-client): queue depths and failed jobs per queue from
 * BullMQ and the store's counts, read when scraped, and the stage-duration histogram the workers
 * observe (every worker process's, summed: pipeline/stage-durations.ts). A registry per server, so
 * several servers (tests) never share gauges.
 */
import { Gauge, Registry } from 'prom-client';
import type { PipelineQueues } from '../pipeline/pipeline-queues.js';
import { STAGES } from '../pipeline/stages.js';
import type { ArticleStore } from '../stages/store/article-store.js';

/** Job states reported as queue depth. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

export interface Metrics {
  contentType: string;
  /** Reads the queues, the workers' durations and the store, and renders every metric. */
  render(): Promise<string>;
}

export function createMetrics(queues: PipelineQueues, store: () => Promise<ArticleStore>): Metrics {
  const registry = new Registry();
  const jobs = new Gauge({ name: 'parley_queue_jobs', help: 'Jobs in each queue by state', labelNames: ['queue', 'state'], registers: [registry] });
  const failed = new Gauge({ name: 'parley_queue_failed_jobs', help: 'Failed jobs kept in each queue (a week)', labelNames: ['queue'], registers: [registry] });
  const articles = new Gauge({ name: 'parley_articles', help: 'Articles in the store by state (stored stories, their copies, skipped)', labelNames: ['state'], registers: [registry] });

  return {
    contentType: registry.contentType,
    async render() {
      registry.resetMetrics();
      const [durations] = await Promise.all([
        queues.durations.collect(),
        ...STAGES.map(async (stage) => {
          const counts = await queues.queues[stage].getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES) jobs.set({ queue: stage, state }, counts[state] ?? 0);
          failed.set({ queue: stage }, counts.failed ?? 0);
        }),
      ]);
      const stats = await (await store()).stats();
      articles.set({ state: 'stored' }, stats.stored);
      articles.set({ state: 'copies' }, stats.copies);
      articles.set({ state: 'skipped' }, stats.skipped);
      return Registry.merge([registry, durations]).metrics();
    },
  };
}

/**
 * /metrics in Prometheus's text format (prom-client): queue depths and failed jobs per queue from
 * BullMQ and the store's counts, read when scraped, and the stage-duration histogram the workers
 * observe (every worker process's, summed: pipeline/stage-durations.ts). A registry per server, so
 * several servers (tests) never share gauges.
 */
import { Gauge, Registry } from 'prom-client';
import type { PipelineQueues } from '../pipeline/pipeline-queues.js';
import { STAGES } from '../pipeline/stages.js';
import { DependencyHealth, type Dependency } from '../shared/dependency-health.js';
import type { ArticleStore } from '../stages/store/article-store.js';

/** Job states reported as queue depth. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

export interface Metrics {
  contentType: string;
  /** Reads the queues, the workers' durations and the store, and renders every metric. */
  render(): Promise<string>;
}

export function createMetrics(
  queues: PipelineQueues,
  store: () => Promise<ArticleStore>,
  health = new DependencyHealth(),
): Metrics {
  const registry = new Registry();
  const jobs = new Gauge({
    name: 'parley_queue_jobs',
    help: 'Jobs in each queue by state',
    labelNames: ['queue', 'state'],
    registers: [registry],
  });
  const failed = new Gauge({
    name: 'parley_queue_failed_jobs',
    help: 'Failed jobs kept in each queue (a week)',
    labelNames: ['queue'],
    registers: [registry],
  });
  const up = new Gauge({
    name: 'parley_dependency_up',
    help: 'Whether Redis and the store answer (1) or not (0), as this process saw last',
    labelNames: ['dependency'],
    registers: [registry],
  });
  const downSince = new Gauge({
    name: 'parley_dependency_down_since_seconds',
    help: 'When a dependency that is down stopped answering (Unix time)',
    labelNames: ['dependency'],
    registers: [registry],
  });
  const articles = new Gauge({
    name: 'parley_articles',
    help: 'Articles in the store by state (stored stories, their copies, skipped)',
    labelNames: ['state'],
    registers: [registry],
  });

  const watchFailing = new Gauge({
    name: 'parley_watch_failing',
    help: "Whether a watch's receiver keeps failing (1) or takes its deliveries (0)",
    labelNames: ['watch'],
    registers: [registry],
  });
  const watchHeld = new Gauge({
    name: 'parley_watch_held',
    help: 'Deliveries of a watch that ran out of attempts, held until its receiver answers',
    labelNames: ['watch'],
    registers: [registry],
  });
  const watchFailures = new Gauge({
    name: 'parley_watch_failures',
    help: 'Deliveries of a watch that failed in a row',
    labelNames: ['watch'],
    registers: [registry],
  });

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
        ...queues.alerts.all().map(async (q) => {
          const counts = await q.getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES) jobs.set({ queue: q.name, state }, counts[state] ?? 0);
          failed.set({ queue: q.name }, counts.failed ?? 0);
        }),
      ]);
      // A store that is down must not take the queue metrics with it: the gauges say it is down instead.
      const stats = await store()
        .then((opened) => opened.stats())
        .then(
          (s) => (health.markUp('store'), s),
          (err: unknown) => health.markDown('store', err instanceof Error ? err.message : String(err)),
        );
      const watches = stats ? await store().then((s) => s.watches.list().catch(() => [])) : [];
      for (const w of watches) {
        watchFailing.set({ watch: w.name }, w.failingSince ? 1 : 0);
        watchHeld.set({ watch: w.name }, w.held);
        watchFailures.set({ watch: w.name }, w.failures);
      }
      if (stats) {
        articles.set({ state: 'stored' }, stats.stored);
        articles.set({ state: 'copies' }, stats.copies);
        articles.set({ state: 'skipped' }, stats.skipped);
      }
      for (const dep of ['redis', 'store'] as const satisfies readonly Dependency[]) {
        const since = health.downSince(dep);
        up.set({ dependency: dep }, since === undefined ? 1 : 0);
        if (since !== undefined) downSince.set({ dependency: dep }, Math.floor(since / 1000));
      }
      return Registry.merge([registry, durations]).metrics();
    },
  };
}

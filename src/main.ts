/**
 * `npm start`: every stage's worker, the feed poller and the dashboard in one process. An empty
 * store is seeded with the seed documents.
 */
import { FEED_QUEUE } from './shared/contracts.js';
import { STAGES } from './pipeline/stages.js';
import { seedIfEmpty } from './pipeline/submit-seeds.js';
import { startDashboard } from './server/start-dashboard.js';
import { exitOnStartupError, startRuntime } from './runtime/runtime.js';
import { onShutdownSignal } from './runtime/shutdown.js';
import { ALERTS, WorkerGroup } from './workers/worker-group.js';

const rt = await startRuntime('parley');
let group: WorkerGroup;
try {
  group = new WorkerGroup(rt, [...STAGES, FEED_QUEUE, ALERTS]);
} catch (err) {
  await rt.close();
  exitOnStartupError(err);
}
await group.start();
const dashboard = await startDashboard(rt);

onShutdownSignal(rt.log, async () => {
  await dashboard.close();
  await group.stop();
  await rt.close();
});

if (rt.config.seedOnStart) await seedIfEmpty(rt);

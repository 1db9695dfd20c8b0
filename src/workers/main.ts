/**
 * `npm start`: every stage's worker and the dashboard in one process. An empty store is seeded
 * with the seed documents.
 */
import { STAGES } from '../pipeline/stages.js';
import { buildDashboard } from '../server/dashboard-server.js';
import { seedIfEmpty } from '../pipeline/submit-seeds.js';
import { exitOnStartupError, startRuntime } from './runtime.js';
import { WorkerGroup, onShutdownSignal } from './worker-group.js';

const rt = await startRuntime('parley');
let group: WorkerGroup;
try {
  group = new WorkerGroup(rt, STAGES);
} catch (err) {
  await rt.close();
  exitOnStartupError(err);
}
const dashboard = await buildDashboard({ queues: rt.queues, store: rt.store, pingRedis: () => rt.redis.ping(), allowActions: false });

onShutdownSignal(rt.log, async () => {
  await dashboard.close();
  await group.stop();
  await rt.close();
});

group.start();
await dashboard.listen({ port: rt.config.port, host: '0.0.0.0' });
rt.log.info({ url: `http://localhost:${rt.config.port}/queues` }, 'dashboard listening');

if (rt.config.seedOnStart) await seedIfEmpty(rt);

/**
 * `npm run dashboard`: the HTTP server alone (bull-board at /queues and Parley's pages), for
 * deployments that run the workers as separate processes. Seeds an empty store like `npm start`.
 */
import { seedIfEmpty } from '../pipeline/submit-seeds.js';
import { startRuntime } from '../workers/runtime.js';
import { onShutdownSignal } from '../workers/worker-group.js';
import { buildDashboard } from './dashboard-server.js';

const rt = await startRuntime('dashboard');
const dashboard = await buildDashboard({
  queues: rt.queues,
  store: rt.store,
  pingRedis: () => rt.redis.ping(),
  config: rt.config,
  log: rt.log,
});
onShutdownSignal(rt.log, async () => {
  await dashboard.close();
  await rt.close();
});
await dashboard.listen({ port: rt.config.port, host: '0.0.0.0' });
rt.log.info({ url: `http://localhost:${rt.config.port}/queues` }, 'dashboard listening');
if (rt.config.seedOnStart) await seedIfEmpty(rt);

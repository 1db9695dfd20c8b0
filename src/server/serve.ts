/**
 * `npm run dashboard`: the HTTP server alone (bull-board at /queues and Parley's pages), for
 * deployments that run the workers as separate processes. Seeds an empty store like `npm start`.
 */
import { seedIfEmpty } from '../pipeline/submit-seeds.js';
import { startRuntime } from '../runtime/runtime.js';
import { onShutdownSignal } from '../runtime/shutdown.js';
import { startDashboard } from './start-dashboard.js';

const rt = await startRuntime('dashboard');
const dashboard = await startDashboard(rt);
onShutdownSignal(rt.log, async () => {
  await dashboard.close();
  await rt.close();
});
if (rt.config.seedOnStart) await seedIfEmpty(rt);

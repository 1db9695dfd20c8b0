/**
 * `npm run worker -- fetch|clean|classify|store|feeds [...]`: runs the named stages' workers (or the
 * feed poller) in this process, so each stage scales by its own process count.
 */
import { FEED_QUEUE } from '../shared/contracts.js';
import { STAGES, isStage } from '../pipeline/stages.js';
import { exitOnStartupError, startRuntime } from '../runtime/runtime.js';
import { onShutdownSignal } from '../runtime/shutdown.js';
import { ALERTS, WorkerGroup, type WorkerName } from './worker-group.js';

const names = process.argv.slice(2).filter((a) => a !== '--');
const isWorkerName = (n: string): n is WorkerName => isStage(n) || n === FEED_QUEUE || n === ALERTS;
const bad = names.filter((n) => !isWorkerName(n));
if (names.length === 0 || bad.length > 0) {
  console.error(
    `usage: npm run worker -- <${[...STAGES, FEED_QUEUE, ALERTS].join('|')}> [...]${bad.length ? `\nunknown stage: ${bad.join(', ')}` : ''}`,
  );
  process.exit(2);
}

const rt = await startRuntime(`worker:${names.join('+')}`);
let group: WorkerGroup;
try {
  group = new WorkerGroup(rt, names.filter(isWorkerName));
} catch (err) {
  await rt.close();
  exitOnStartupError(err);
}
onShutdownSignal(rt.log, async () => {
  await group.stop();
  await rt.close();
});
await group.start();

/**
 * `npm run worker -- fetch|clean|classify|store [...]`: runs the named stages' workers in this
 * process, so each stage scales by its own process count.
 */
import { STAGES, isStage } from '../pipeline/stages.js';
import { exitOnStartupError, startRuntime } from './runtime.js';
import { WorkerGroup, onShutdownSignal } from './worker-group.js';

const names = process.argv.slice(2).filter((a) => a !== '--');
const bad = names.filter((n) => !isStage(n));
if (names.length === 0 || bad.length > 0) {
  console.error(
    `usage: npm run worker -- <${STAGES.join('|')}> [...]${bad.length ? `\nunknown stage: ${bad.join(', ')}` : ''}`,
  );
  process.exit(2);
}

const rt = await startRuntime(`worker:${names.join('+')}`);
let group: WorkerGroup;
try {
  group = new WorkerGroup(rt, names.filter(isStage));
} catch (err) {
  await rt.close();
  exitOnStartupError(err);
}
onShutdownSignal(rt.log, async () => {
  await group.stop();
  await rt.close();
});
group.start();

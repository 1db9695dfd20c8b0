/** `npm run seed [-- --wait]`: sends the seed documents into the pipeline at the clean stage. */
import { submitSeeds } from '../pipeline/submit-seeds.js';
import { startRuntime } from '../runtime/runtime.js';
import { progress } from './progress.js';
import { waitForOutcomes } from './wait-for-outcomes.js';
import { endQuietlyOnEpipe, exitWhenFlushed } from './pipe-safe-output.js';
import { parseCommand, type CommandHelp } from './usage.js';

endQuietlyOnEpipe();

/** Seeds are text; cleaning, classifying and storing five of them takes seconds. */
const WAIT_TIMEOUT_MS = 120_000;

const COMMAND: CommandHelp = {
  usage: 'usage: npm run seed [-- --wait]',
  summary: 'Sends the seed documents into the pipeline at the clean stage and prints each one queued.',
  options: {
    wait: {
      type: 'boolean',
      help: 'wait until each seed is stored or skipped, print its outcome; exit 1 if any failed',
    },
  },
};
const { values } = parseCommand(COMMAND);
const rt = await startRuntime('seed');
const shown = progress('seeds queued');
const results = await submitSeeds(rt.queues, undefined, shown);
shown.done();
let bad = 0;
if (values.wait) {
  bad = await waitForOutcomes(
    rt.queues,
    results.map((r) => ({ id: r.id, label: r.file })),
    WAIT_TIMEOUT_MS,
  );
} else {
  for (const r of results) console.log(`${r.queued ? 'queued ' : 'in flight'}  ${r.id}  ${r.file}`);
}
await rt.close();
await exitWhenFlushed(bad > 0 ? 1 : 0);

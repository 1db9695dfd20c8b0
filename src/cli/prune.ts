/**
 * `npm run prune -- --skipped-older-than 90d [--dry-run]`: deletes the records of articles skipped
 * as not relevant longer ago than that age (by when they were skipped). Stored articles are never
 * pruned. --dry-run only counts what would go. PRUNE_SKIPPED_AFTER does the same every day from
 * the store workers (src/workers/prune-worker.ts).
 */
import { ConfigError, parseConfig } from '../shared/config.js';
import { openStore } from '../stages/store/open-store.js';
import { InvalidAgeError, cutoff, parseAge } from '../stages/store/retention.js';
import { parseCommand, type CommandHelp } from './usage.js';

const COMMAND: CommandHelp = {
  usage: 'usage: npm run prune -- --skipped-older-than AGE [--dry-run]   (AGE such as 90d, 12h, 2w)',
  summary:
    'Deletes the records of articles skipped as not relevant longer ago than AGE. Stored articles are never pruned.',
  options: {
    'skipped-older-than': {
      type: 'string',
      value: 'AGE',
      help: 'delete skipped articles older than this (90d, 12h, 2w)',
    },
    'dry-run': { type: 'boolean', help: 'only count what would be deleted' },
  },
};
const USAGE = COMMAND.usage;
const { values } = parseCommand(COMMAND);
const age = values['skipped-older-than'] as string | undefined;
if (age === undefined) {
  console.error(`say what to prune: --skipped-older-than AGE (stored articles are never pruned)\n${USAGE}`);
  process.exit(2);
}
let before: string;
let config;
try {
  before = cutoff(parseAge(age, '--skipped-older-than'));
  config = parseConfig();
} catch (err) {
  if (err instanceof InvalidAgeError || err instanceof ConfigError) {
    console.error(`parley: ${err.message}${err instanceof InvalidAgeError ? `\n${USAGE}` : ''}`);
    process.exit(2);
  }
  throw err;
}
const store = await openStore(config.storeUrl);
try {
  const dryRun = values['dry-run'] === true;
  const n = await store.pruneSkipped(before, { dryRun });
  console.log(
    `${dryRun ? 'would prune' : 'pruned'} ${n} skipped article${n === 1 ? '' : 's'} skipped before ${before}`,
  );
} finally {
  await store.close();
}

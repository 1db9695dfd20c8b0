/**
 * `npm run labels -- export [--out FILE]`: the articles an analyst marked relevant or not relevant on
 * /skipped, as labelled JSONL that the classifier's fitting tool reads
 * (`npx tsx src/stages/classify/tools/fit-classifier.ts FILE.jsonl`).
 */
import { writeFileSync } from 'node:fs';
import { openStore } from '../stages/store/open-store.js';
import { configOrExit } from './cli-input.js';
import { endQuietlyOnEpipe, exitWhenFlushed } from './pipe-safe-output.js';
import { fail, parseCommand, type CommandHelp } from './usage.js';

endQuietlyOnEpipe();

const COMMAND: CommandHelp = {
  usage: 'usage: npm run labels -- export [--out FILE]',
  summary:
    'Writes every marked article as one JSON line {id, title, text, relevance: yes|no, topics, source, labelledAt},\nthe format of the eval dev sets that fit-classifier.ts reads.',
  options: { out: { type: 'string', value: 'FILE', help: 'write to FILE instead of standard output' } },
};

const { values, positionals } = parseCommand(COMMAND);
if (positionals.length !== 1 || positionals[0] !== 'export')
  fail(`unknown command ${JSON.stringify(positionals.join(' '))}; valid: export`, COMMAND);

const store = await openStore(configOrExit().storeUrl);
const lines = (await store.skippedArticles.labelled()).map((l) => JSON.stringify(l));
await store.close();
const text = lines.length ? `${lines.join('\n')}\n` : '';
if (typeof values.out === 'string') {
  writeFileSync(values.out, text);
  console.error(`${lines.length} labelled articles written to ${values.out}`);
} else process.stdout.write(text);
await exitWhenFlushed(0);

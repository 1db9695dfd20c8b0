/**
 * `npm run classify -- --jsonl IN [--out OUT] [--threshold X] [--taxonomy FILE]`
 *   reads lines {id, title, text} and writes lines {id, relevance, relevant, topics, evidence, entities}
 *   (to stdout without --out).
 * `npm run classify -- --text FILE` prints one article's classification readably (the first line
 *   of FILE is taken as its title when it looks like one; the classifier also copes with raw pages).
 */
import { readFileSync } from 'node:fs';
import { createClassifier, type Classification } from '../stages/classify/classifier.js';
import { loadTaxonomy } from '../stages/classify/taxonomy.js';
import { mapJsonl } from './jsonl-files.js';
import { endQuietlyOnEpipe, exitWhenFlushed } from './pipe-safe-output.js';
import { parseCommand, type CommandHelp } from './usage.js';

endQuietlyOnEpipe();

const COMMAND: CommandHelp = {
  usage: 'usage: npm run classify -- (--jsonl IN [--out OUT] | --text FILE) [--threshold X] [--taxonomy FILE]',
  summary: 'Classifies texts offline: relevance, topics and entities, with the evidence for each.',
  options: {
    jsonl: { type: 'string', value: 'IN', help: 'classify each {id, title, text} line of this JSONL file' },
    out: { type: 'string', value: 'OUT', help: 'write the --jsonl results to OUT instead of standard output' },
    text: { type: 'string', value: 'FILE', help: 'classify one plain-text file and print the result readably' },
    threshold: { type: 'string', value: 'X', help: 'relevance score from which an article counts as relevant' },
    taxonomy: { type: 'string', value: 'FILE', help: 'use this taxonomy YAML instead of the built-in one' },
  },
};
const USAGE = COMMAND.usage;

const signed = (w: number | undefined) => (w === undefined ? '' : w >= 0 ? `+${w}` : String(w));

function printReadable(c: Classification): void {
  console.log(`relevance ${c.relevance.toFixed(3)} → ${c.relevant ? 'RELEVANT' : 'not relevant'}`);
  for (const e of c.evidence.relevance)
    console.log(`    [${e.where}] "${e.phrase}"  ${e.rule ?? ''} ${signed(e.weight)}`);
  console.log(`topics: ${c.topics.length ? c.topics.join(', ') : '(none)'}`);
  for (const t of c.topics) {
    console.log(`  ${t}`);
    for (const e of c.evidence.topics[t] ?? [])
      console.log(`    [${e.where}] "${e.phrase}"  (${e.rule}) ${signed(e.weight)}`);
  }
  console.log('entities:');
  for (const e of c.entities) console.log(`  ${e.name} (${e.type}) ×${e.mentions}`);
}

async function main(): Promise<void> {
  const values = parseCommand(COMMAND).values as {
    jsonl?: string;
    out?: string;
    text?: string;
    threshold?: string;
    taxonomy?: string;
  };
  if (!values.jsonl === !values.text) {
    console.error(USAGE);
    process.exit(2);
  }
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  const classifier = createClassifier(values.taxonomy ? loadTaxonomy(values.taxonomy) : loadTaxonomy(), { threshold });
  if (values.jsonl) {
    const started = performance.now();
    const n = await mapJsonl(values.jsonl, values.out, ({ id, title, text }) => ({
      id,
      ...classifier.classify({ title, text }),
    }));
    if (values.out)
      console.error(
        `classified ${n} articles in ${((performance.now() - started) / 1000).toFixed(2)} s → ${values.out}`,
      );
    return;
  }
  const raw = readFileSync(values.text!, 'utf8');
  const [first = '', ...rest] = raw.split('\n');
  const firstIsTitle = first.trim().length > 0 && first.length < 200 && !/[.]$/.test(first.trim());
  printReadable(
    classifier.classify(firstIsTitle ? { title: first.trim(), text: rest.join('\n') } : { title: '', text: raw }),
  );
}

main().catch(async (e: Error) => {
  console.error(`classify: ${e.message}`);
  await exitWhenFlushed(1);
});

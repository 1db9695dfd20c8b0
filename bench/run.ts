/**
 * `npm run bench [-- NAME ...]`: runs the named benchmarks (bench/NAME.ts, each exporting `run()`),
 * or all of them. Each prints its own figures with a baseline measured in the same run.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
// Benchmark names come first; everything from the first --flag on is passed to each benchmark.
const argv = process.argv.slice(2).filter((a) => a !== '--');
const firstFlag = argv.findIndex((a) => a.startsWith('-'));
const wanted = firstFlag < 0 ? argv : argv.slice(0, firstFlag);
const flags = firstFlag < 0 ? [] : argv.slice(firstFlag);
const names = wanted.length > 0 ? wanted : available;
for (const name of names) {
  if (!available.includes(name)) {
    console.error(`unknown benchmark ${JSON.stringify(name)}; available: ${available.join(', ')}`);
    process.exit(2);
  }
}
for (const name of names) {
  console.log(`\n== bench ${name}`);
  const mod = (await import(pathToFileURL(join(here, `${name}.ts`)).href)) as {
    run: (args: string[]) => Promise<void>;
  };
  await mod.run(flags);
}

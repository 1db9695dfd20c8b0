/**
 * Every command says how it is used: `--help` lists each option it accepts, and an unknown option
 * or topic fails (exit 2, on stderr) naming the valid ones. The options a command accepts are read
 * from its source (the option descriptions it hands to parseArgs or parseCommand), so a new option
 * without a line of help fails here.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/stages/classify/taxonomy.js';
import { runProgram, type CliResult } from '../helpers/run-cli.js';

const COMMANDS = [
  'enqueue',
  'seed',
  'articles',
  'feeds',
  'extract',
  'classify',
  'events',
  'prune',
  'migrate',
  'health',
  'watches',
  'backfill',
  'labels',
];

/** The options a command's source declares: `name: { type: 'string' | 'boolean' …`. */
function declaredOptions(command: string): string[] {
  const source = readFileSync(`src/cli/${command}.ts`, 'utf8');
  const declared = /(?:^|[{,])\s*'?([a-z][a-z-]*)'?:\s*\{\s*type:\s*'(?:string|boolean)'/gm;
  const names = [...source.matchAll(declared)].map((m) => m[1]!);
  return [...new Set(names)].filter((n) => n !== 'help');
}

/** Nothing in these runs needs Redis or a store: parsing fails or helps before either is opened. */
const ENV = { REDIS_URL: 'redis://127.0.0.1:1', STORE_URL: 'sqlite::memory:' };
const run = (command: string, args: string[]): Promise<CliResult> =>
  runProgram(`cli/${command}.ts`, args, ENV, '', 120_000);

/** Programs run at once: each starts in about a second, one by one they would add up; all 26 at once starve a 2-core machine. */
const AT_ONCE = 4;

interface Runs {
  command: string;
  help: CliResult;
  unknown: CliResult;
}

async function runAll(): Promise<Runs[]> {
  const jobs = COMMANDS.flatMap((command) => [
    { command, args: ['--help'] },
    { command, args: ['--no-such-option'] },
  ]);
  const out = new Map<string, CliResult>();
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      out.set(`${job.command} ${job.args[0]}`, await run(job.command, job.args));
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, lane));
  return COMMANDS.map((command) => ({
    command,
    help: out.get(`${command} --help`)!,
    unknown: out.get(`${command} --no-such-option`)!,
  }));
}

let results: Runs[] = [];
beforeAll(async () => {
  results = await runAll();
}, 300_000);

describe('command-line help', () => {
  it.each(COMMANDS)('%s --help lists every option it accepts, each with an explanation', async (command) => {
    const { help } = results.find((r) => r.command === command)!;
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/usage: npm run/);
    const options = declaredOptions(command);
    if (command !== 'migrate') expect(options.length).toBeGreaterThan(0);
    for (const option of [...options, 'help']) {
      // An option's own line: indented, starting with it (`  -h, --help  show this help`).
      const line = help.stdout.split('\n').find((l) => new RegExp(`^\\s+(-\\w, )?--${option}(?![\\w-])`).test(l));
      expect(line, `--${option} in the help of ${command}`).toBeDefined();
      // The explanation: words after the option and its placeholder.
      expect(line!.replace(new RegExp(`^.*--${option}(\\s+[A-Z_.]+)?`), '').trim(), line).toMatch(/[a-z]{2,}/);
    }
  });

  it.each(COMMANDS)('%s fails on an unknown option with exit 2, naming it and the valid ones', async (command) => {
    const { unknown } = results.find((r) => r.command === command)!;
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('--no-such-option');
    for (const option of declaredOptions(command)) expect(unknown.stderr, command).toContain(`--${option}`);
  });

  it('articles fails on an unknown topic, listing every topic of the taxonomy', { timeout: 120_000 }, async () => {
    const r = await run('articles', ['--topic', 'no-such-topic']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such-topic');
    for (const topic of loadTaxonomy().topics) expect(r.stderr).toContain(topic.id);
  });

  it('events --list fails on an unknown event type, listing the valid ones', { timeout: 120_000 }, async () => {
    const r = await run('events', ['--list', '--type', 'picnic']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/picnic.*valid: meeting, call/);
  });
});

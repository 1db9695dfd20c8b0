/**
 * One way for every command to say how it is used: `--help` prints the usage line and each option
 * with one line of explanation; an unknown option or value prints the error and the valid choices on
 * stderr and exits 2. Commands describe their options once, as data, and parse them with util.parseArgs.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface OptionHelp {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in the help (`FILE`, `N`). */
  value?: string;
  /** One line: what the option does. */
  help: string;
  /** The only values accepted, listed when another is given. */
  choices?: readonly string[];
}

export interface CommandHelp {
  usage: string;
  /** What the command does, one or two lines. */
  summary: string;
  options: Record<string, OptionHelp>;
}

/** The help text: usage, summary, then each option with its explanation. */
export function helpText(cmd: CommandHelp): string {
  const all: Record<string, OptionHelp> = {
    ...cmd.options,
    help: { type: 'boolean', short: 'h', help: 'show this help' },
  };
  const rows = Object.entries(all).map(
    ([name, o]: [string, OptionHelp]) =>
      [
        `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`,
        `${o.help}${o.choices ? ` (${o.choices.join(', ')})` : ''}`,
      ] as const,
  );
  const width = Math.max(...rows.map(([left]) => left.length));
  return `${cmd.usage}\n\n${cmd.summary}\n\noptions:\n${rows.map(([l, r]) => `  ${l.padEnd(width)}  ${r}`).join('\n')}`;
}

/** Parses argv per the description: prints help and exits 0 on --help, exits 2 naming what is wrong otherwise. */
export interface ParsedCommand {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseCommand(cmd: CommandHelp, args: string[] = process.argv.slice(2)): ParsedCommand {
  const options = Object.fromEntries(
    Object.entries(cmd.options).map(([k, o]) => [k, { type: o.type, ...(o.short ? { short: o.short } : {}) }]),
  ) as ParseArgsConfig['options'];
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    const valid = Object.keys(cmd.options)
      .map((k) => `--${k}`)
      .join(', ');
    fail(`${(err as Error).message}; valid options: ${valid}, --help`, cmd);
  }
  if (parsed.values.help) {
    console.log(helpText(cmd));
    process.exit(0);
  }
  for (const [name, o] of Object.entries(cmd.options)) {
    const v = (parsed.values as Record<string, unknown>)[name];
    if (o.choices && typeof v === 'string' && !o.choices.includes(v))
      fail(`--${name}: unknown value ${JSON.stringify(v)}; valid: ${o.choices.join(', ')}`, cmd);
  }
  return parsed;
}

/** Prints a usage error and the usage line on stderr, and exits 2. */
export function fail(message: string, cmd: CommandHelp): never {
  console.error(`${message}\n${cmd.usage}\n(--help lists every option)`);
  process.exit(2);
}

/** Shared pieces of the benchmarks: where the dev sets are, child processes, timing, memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

/** ../shared beside the repository (PARLEY_SHARED_DIR overrides). */
export const SHARED_DIR = resolve(process.env.PARLEY_SHARED_DIR ?? '../shared');
export const EXTRACTION_DEV_DIR = resolve(SHARED_DIR, 'eval/extraction/dev');
export const CLASSIFY_DEV_FILE = resolve(SHARED_DIR, 'eval/classify/dev.jsonl');

/** Starts a TypeScript program as a child process; resolves once it prints `ready` (or a line matching). */
export async function startChild(
  file: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp = /ready/,
): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(file), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stdout = child.stdout;
  if (!stdout) throw new Error(`${file}: no stdout`);
  const line = await new Promise<string>((ok, fail) => {
    let buffer = '';
    stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const match = buffer.split('\n').find((l) => ready.test(l));
      if (match) ok(match);
    });
    child.on('exit', (code) => fail(new Error(`${file} exited with ${code} before it was ready`)));
  });
  stdout.resume();
  return { child, line };
}

/** Peak and current resident memory of a process, in MiB (Linux /proc). */
export function memoryOf(pid: number): { peakMiB: number; rssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMiB: kb('VmHWM') / 1024, rssMiB: kb('VmRSS') / 1024 };
}

/** The q-th quantile (0–1) of some numbers. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** CPU time (user + system) this process spends in `fn`, in milliseconds. */
export async function cpuMs(fn: () => Promise<void> | void): Promise<number> {
  const before = process.cpuUsage();
  await fn();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1000;
}

export function numberArg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** CPU time (user + system) a process has used so far, in milliseconds (Linux /proc). */
export function cpuOfPid(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

export type StoreKind = 'sqlite' | 'postgres';
/** The local PostgreSQL the benchmarks write into (POSTGRES_URL overrides). */
export const BENCH_POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A store URL of its own for one benchmark run (a SQLite file in the temp directory, or a
 * PostgreSQL schema), and how to remove what it created.
 */
export function benchStoreUrl(kind: StoreKind, name: string): { url: string; drop: () => Promise<void> } {
  if (kind === 'sqlite') {
    const file = join(tmpdir(), `parley-${name}.db`);
    return {
      url: `sqlite:${file}`,
      async drop() {
        for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      },
    };
  }
  const schema = `bench_${name}`;
  return {
    url: `${BENCH_POSTGRES_URL}?schema=${schema}`,
    async drop() {
      const client = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

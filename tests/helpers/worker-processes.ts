/** Parley worker processes for tests that kill, restart and starve them. */
import type { ChildProcess } from 'node:child_process';
import { spawnProgram } from './run-cli.js';

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  output(): string;
}

/** Starts `npm run worker -- <stages>` as a child process and waits (up to `startTimeoutMs`) until its workers run. */
export async function startWorkerProcess(
  stages: string[],
  env: Record<string, string>,
  startTimeoutMs = 60_000, // a busy machine can take this long to load a program
): Promise<WorkerProcess> {
  const child = spawnProgram('workers/worker.ts', stages, { LOG_LEVEL: 'info', ...env });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const deadline = Date.now() + startTimeoutMs;
  while (!out.includes('workers started')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      // A worker that is slow to start is stopped, not left running against the test's queues.
      if (child.exitCode === null) child.kill('SIGKILL');
      throw new Error(`worker ${stages.join('+')} did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, exited, output: () => out };
}

/** Kills every process in the list that is still running. */
export function killAll(processes: WorkerProcess[]): void {
  for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL');
}

/**
 * Runs one of Parley's programs as a real child process, compiled, as the package scripts do
 * (`node --enable-source-maps dist/…`): the test set-up (build-dist.ts) builds dist/ whenever src/
 * is newer, and a compiled program starts in a fraction of the time tsx needs to load it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The compiled form of `src/<entry>` (a .ts path under src/). */
export function compiledProgram(entry: string): string {
  return resolve('dist', entry.replace(/\.ts$/, '.js'));
}

/** Starts `src/<entry>`, compiled, with args and env; the caller waits on it or signals it. */
export function spawnProgram(entry: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--enable-source-maps', compiledProgram(entry), ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Runs a program to its end (killed after `timeoutMs`), feeding `stdin` if given. */
export function runProgram(
  entry: string,
  args: string[],
  env: Record<string, string>,
  stdin = '',
  timeoutMs = 60_000,
): Promise<CliResult> {
  const child = spawnProgram(entry, args, env);
  return collect(child, stdin, timeoutMs);
}

export function collect(child: ChildProcess, stdin = '', timeoutMs = 60_000): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin!.end(stdin);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolveResult) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveResult({ code, stdout, stderr });
    }),
  );
}

/** A TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

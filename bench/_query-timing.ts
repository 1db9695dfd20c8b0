/**
 * Timing for the store benchmark. On a shared machine wall time mostly measures the wait for a
 * core, so each call's CPU time is taken too: this process's (µs resolution; for SQLite the whole
 * query runs here) and, on PostgreSQL, the server backends' (Linux /proc ticks, 10 ms resolution,
 * so only a mean per call over many calls).
 */
import { performance } from 'node:perf_hooks';
import type { SqlClient } from '../src/stages/store/sql-client.js';
import { cpuOfPid } from './_support.js';

export type Timing = { p50: number; p99: number; cpuP50: number; cpuP99: number; serverCpuMean: number | null };

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Untimed runs first, so caches are as warm for each kind as for the others. */
const WARM_UP = 20;

/** CPU time used so far by the PostgreSQL backends serving one application name (ms), or null. */
export type ServerCpu = () => Promise<number | null>;

/**
 * Backends are found by application_name (set in the store URL), their CPU read from /proc. A
 * backend's last reading is kept after it ends (the pool closes idle connections), so what it used
 * up to that reading still counts; sample often (sampleWhile) when backends come and go.
 */
export function postgresServerCpu(admin: SqlClient, applicationName: string): ServerCpu {
  const seen = new Map<number, number>();
  return async () => {
    const rows = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
      applicationName,
    ]);
    for (const { pid } of rows) {
      try {
        seen.set(pid, cpuOfPid(pid));
      } catch {
        /* the server is elsewhere, or the backend ended */
      }
    }
    return seen.size > 0 ? [...seen.values()].reduce((a, b) => a + b, 0) : null;
  };
}

/** Runs `fn` while reading `server` every `everyMs`, so backends that end during it are counted. */
export async function sampleWhile<T>(server: ServerCpu, fn: () => Promise<T>, everyMs = 200): Promise<T> {
  const timer = setInterval(() => void server().catch(() => undefined), everyMs);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}

const noServer: ServerCpu = () => Promise.resolve(null);

export async function time(
  runs: number,
  fn: (i: number) => Promise<unknown>,
  warmUp = WARM_UP,
  serverCpu: ServerCpu = noServer,
): Promise<Timing> {
  for (let i = 0; i < Math.min(warmUp, runs); i++) await fn(i);
  const ms: number[] = [];
  const cpu: number[] = [];
  const server0 = await serverCpu();
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const server1 = await serverCpu();
  ms.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    p50: percentile(ms, 0.5),
    p99: percentile(ms, 0.99),
    cpuP50: percentile(cpu, 0.5),
    cpuP99: percentile(cpu, 0.99),
    serverCpuMean: server0 === null || server1 === null ? null : (server1 - server0) / runs,
  };
}

/**
 * CPU time of this process per call (ms): on SQLite the query runs in this process, so this is the
 * chart's cost whatever else the machine is doing; on PostgreSQL it leaves out the server's share.
 */
export async function cpuPerRun(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < runs; i++) await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / runs;
}

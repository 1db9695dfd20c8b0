/**
 * A real Redis Cluster of the test's own: three masters (`redis-server --cluster-enabled yes`) on
 * free ports, joined by `redis-cli --cluster create`, each in a temporary folder, shut down and
 * removed by `destroy()`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from 'ioredis';
import { freePort } from './run-cli.js';

/** A node's cluster bus listens on its port + 10,000, so a node's port must stay below this. */
const HIGHEST_NODE_PORT = 55_534;
const MASTERS = 3;

export class OwnRedisCluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'parley-cluster-'));
  private constructor(readonly ports: number[]) {}

  /** `host:port,…` as REDIS_CLUSTER_NODES takes it. */
  get nodes(): string {
    return this.ports.map((p) => `127.0.0.1:${p}`).join(',');
  }

  static async start(): Promise<OwnRedisCluster> {
    const ports: number[] = [];
    while (ports.length < MASTERS) {
      const p = await freePort();
      if (p <= HIGHEST_NODE_PORT && !ports.includes(p)) ports.push(p);
    }
    const c = new OwnRedisCluster(ports);
    await c.up();
    return c;
  }

  private async up(): Promise<void> {
    for (const port of this.ports) {
      const dir = join(this.dir, String(port));
      mkdirSync(dir); // a folder per node: its nodes.conf and log
      const child = spawn(
        'redis-server',
        [
          ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
          ...['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'],
          ...['--appendonly', 'no', '--save', '', '--maxmemory-policy', 'noeviction'],
          ...['--daemonize', 'yes', '--logfile', join(dir, 'redis.log')],
        ],
        { stdio: 'ignore' },
      );
      await new Promise((r) => child.on('exit', r));
    }
    const create = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...this.ports.map((p) => `127.0.0.1:${p}`), '--cluster-yes'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed:\n${create.stdout}${create.stderr}`);
    // The slots are assigned at once; the nodes agree on the cluster state a moment later.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const ok = this.ports.every((p) =>
        /cluster_state:ok/.test(
          spawnSync('redis-cli', ['-p', String(p), 'cluster', 'info'], { encoding: 'utf8' }).stdout,
        ),
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error('the test Redis Cluster did not reach cluster_state:ok');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** A client of the cluster, for the test's own checks. */
  client(): Cluster {
    return new Cluster(this.ports.map((port) => ({ host: '127.0.0.1', port })));
  }

  /** Keys per node: which masters hold Parley's keys. */
  keyCounts(): number[] {
    return this.ports.map((p) =>
      Number(spawnSync('redis-cli', ['-p', String(p), 'dbsize'], { encoding: 'utf8' }).stdout),
    );
  }

  destroy(): void {
    for (const p of this.ports) spawnSync('redis-cli', ['-p', String(p), 'shutdown', 'nosave'], { stdio: 'ignore' });
    rmSync(this.dir, { recursive: true, force: true });
  }
}

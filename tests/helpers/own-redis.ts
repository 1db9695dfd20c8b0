/**
 * A Redis server of the test's own, on a free port, with AOF on (fsync every write), that the test
 * may stop and start again: the fault tests restart it under running workers.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './run-cli.js';

export class OwnRedis {
  readonly dir = mkdtempSync(join(tmpdir(), 'parley-redis-'));
  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<OwnRedis> {
    const r = new OwnRedis(await freePort());
    await r.up();
    return r;
  }

  /** Starts the server (again) on the same port and data folder, and waits until it answers. */
  async up(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
        '--daemonize',
        'yes',
        '--logfile',
        join(this.dir, 'redis.log'),
      ],
      { stdio: 'ignore' },
    );
    await new Promise((r) => child.on('exit', r));
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => 100 });
    probe.on('error', () => undefined);
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await probe.connect().catch(() => undefined);
        if ((await probe.ping()) === 'PONG') break;
      } catch {
        if (Date.now() > deadline) throw new Error(`own Redis on ${this.port} did not start`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    probe.disconnect();
  }

  /** Stops the server the way a restart does (SHUTDOWN flushes the AOF). */
  down(): void {
    spawnSync('redis-cli', ['-p', String(this.port), 'shutdown'], { stdio: 'ignore' });
  }

  destroy(): void {
    this.down();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

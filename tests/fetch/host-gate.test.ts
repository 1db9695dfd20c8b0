import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostGate } from '../../src/stages/fetch/host-gate.js';
import { testRedis, type TestRedis } from '../helpers/redis-test-keys.js';

/** Timers and the Redis clock agree to a few ms on one machine; allow that much slack. */
const CLOCK_SLACK_MS = 15;
const WORKER = fileURLToPath(new URL('./fixtures/gate-worker.ts', import.meta.url));

let t: TestRedis;
beforeEach(() => {
  t = testRedis('host-gate');
});
afterEach(async () => {
  await t.cleanup();
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function runWorker(args: string[]): Promise<Array<{ pid: number; start: number; end: number }>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(
            out
              .trim()
              .split('\n')
              .filter(Boolean)
              .map((line) => JSON.parse(line)),
          )
        : reject(new Error(`gate worker exited with ${code}`)),
    );
  });
}

describe('HostGate', () => {
  it('lets one request at a time per host and tells the others how long to wait', async () => {
    const a = new HostGate({ redis: t.redis, keyPrefix: t.prefix });
    const b = new HostGate({ redis: t.extraClient(), keyPrefix: t.prefix });
    const first = await a.tryAcquire('https://www.rbc.ru/politics/1');
    expect(first.ok).toBe(true);
    const second = await b.tryAcquire('www.rbc.ru');
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.retryInMs).toBeGreaterThan(0);
    expect((await b.tryAcquire('tass.com')).ok).toBe(true);
  });

  it('keeps the minimum interval after a release', async () => {
    const gate = new HostGate({ redis: t.redis, keyPrefix: t.prefix, defaults: { minIntervalMs: 400 } });
    const slot = await gate.tryAcquire('example.org');
    if (!slot.ok) throw new Error('first acquire should succeed');
    await slot.release();
    const next = await gate.tryAcquire('example.org');
    expect(next.ok).toBe(false);
    if (!next.ok) expect(next.retryInMs).toBeGreaterThan(400 - CLOCK_SLACK_MS);
    await sleep(next.ok ? 0 : next.retryInMs + 5);
    expect((await gate.tryAcquire('example.org')).ok).toBe(true);
  });

  it('gives a burst of waiters staggered turns instead of one shared retry time', async () => {
    const gate = new HostGate({ redis: t.redis, keyPrefix: t.prefix, defaults: { minIntervalMs: 1_000 } });
    expect((await gate.tryAcquire('burst.example')).ok).toBe(true);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const slot = await gate.tryAcquire('burst.example');
      if (slot.ok) throw new Error('the host should be busy');
      waits.push(slot.retryInMs);
    }
    for (let i = 1; i < waits.length; i++)
      expect(waits[i]! - waits[i - 1]!).toBeGreaterThanOrEqual(1_000 - CLOCK_SLACK_MS);
  });

  it('applies per-host limits', async () => {
    const gate = new HostGate({
      redis: t.redis,
      keyPrefix: t.prefix,
      perHost: { 'feeds.example': { concurrency: 2, minIntervalMs: 0 } },
    });
    expect((await gate.tryAcquire('feeds.example')).ok).toBe(true);
    expect((await gate.tryAcquire('feeds.example')).ok).toBe(true);
    expect((await gate.tryAcquire('feeds.example')).ok).toBe(false);
    expect(gate.limitsFor('FEEDS.example')).toEqual({ concurrency: 2, minIntervalMs: 0 });
    expect(gate.limitsFor('other.example')).toEqual({ concurrency: 1, minIntervalMs: 1_000 });
  });

  it('frees the host when a holder dies without releasing (lease expiry)', async () => {
    const gate = new HostGate({ redis: t.redis, keyPrefix: t.prefix, defaults: { minIntervalMs: 0 }, leaseMs: 300 });
    expect((await gate.tryAcquire('crashy.example')).ok).toBe(true);
    expect((await gate.tryAcquire('crashy.example')).ok).toBe(false);
    await sleep(350);
    expect((await gate.tryAcquire('crashy.example')).ok).toBe(true);
  });

  it('spaces requests to one host across two processes', async () => {
    const interval = 200;
    const args = [t.prefix, 'shared.example', '4', String(interval), '30'];
    const [one, two] = await Promise.all([runWorker(args), runWorker(args)]);
    const slots = [...one, ...two].sort((x, y) => x.start - y.start);
    expect(slots).toHaveLength(8);
    for (let i = 1; i < slots.length; i++) {
      const previous = slots[i - 1]!;
      const current = slots[i]!;
      expect(current.start).toBeGreaterThanOrEqual(previous.end + interval - CLOCK_SLACK_MS);
    }
  });
});

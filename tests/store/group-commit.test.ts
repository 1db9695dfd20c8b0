import { describe, expect, it } from 'vitest';
import { GroupCommit, MAX_BATCH, OVERLAPPED_BATCH } from '../../src/stages/store/group-commit.js';

/** A commit that takes a turn of I/O, as a database round trip does. */
const roundTrip = () => new Promise<void>((resolve) => setTimeout(resolve, 2));

/**
 * A group commit whose batches are recorded by size, and each step in `log`; a write returns its
 * item, made ready by `prepare` (by default the item itself).
 */
function recorded(prepare: (item: number) => number = (item) => item, maxBatch = MAX_BATCH) {
  const batches: number[][] = [];
  const log: string[] = [];
  const commit = new GroupCommit<number, number, number>(
    (item) => {
      const op = prepare(item);
      log.push(`prepare ${item}`);
      return op;
    },
    async (items) => {
      batches.push(items);
      log.push(`write ${items.join(',')}`);
      await roundTrip();
      log.push(`written ${items.join(',')}`);
      return items;
    },
    async (item) => {
      batches.push([item]);
      await roundTrip();
      return item;
    },
    maxBatch,
  );
  return { batches, commit, log };
}

describe('group commit', () => {
  it('commits a write alone at once, without waiting for company', async () => {
    const { batches, commit } = recorded();
    expect(await commit.submit(7)).toBe(7);
    expect(batches).toEqual([[7]]);
  });

  it('puts the next writes of jobs that finished together into one batch, not one alone and then the rest', async () => {
    const { batches, commit } = recorded();
    const jobs = MAX_BATCH;
    const rounds = 4;
    // Each job writes, waits for its commit, then writes again: a store worker's jobs in a backlog.
    await Promise.all(
      Array.from({ length: jobs }, async (_, j) => {
        for (let r = 0; r < rounds; r++) expect(await commit.submit(r * jobs + j)).toBe(r * jobs + j);
      }),
    );
    expect(batches.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: jobs * rounds }, (_, i) => i));
    expect(batches.map((b) => b.length)).toEqual(Array(rounds).fill(jobs));
  });

  it('splits more writes than a batch holds into batches of at most MAX_BATCH, in order', async () => {
    const { batches, commit } = recorded();
    const n = MAX_BATCH * 2 + 5;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => commit.submit(i)));
    expect(results).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(batches.map((b) => b.length)).toEqual([MAX_BATCH, MAX_BATCH, 5]);
  });

  it('makes the writes waiting for the next batch ready while a batch is being written', async () => {
    // A store worker's 64 jobs on PostgreSQL: two batches.
    const { batches, commit, log } = recorded(undefined, OVERLAPPED_BATCH);
    const n = OVERLAPPED_BATCH * 2;
    await Promise.all(Array.from({ length: n }, (_, i) => commit.submit(i)));
    expect(batches.map((b) => b.length)).toEqual([OVERLAPPED_BATCH, OVERLAPPED_BATCH]);
    const first = Array.from({ length: OVERLAPPED_BATCH }, (_, i) => i).join(',');
    const [writing, written] = [log.indexOf(`write ${first}`), log.indexOf(`written ${first}`)];
    // The first batch is made ready before it is written; the rest while it is.
    for (let i = 0; i < OVERLAPPED_BATCH; i++) expect(log.indexOf(`prepare ${i}`)).toBeLessThan(writing);
    for (let i = OVERLAPPED_BATCH; i < n; i++) {
      expect(log.indexOf(`prepare ${i}`)).toBeGreaterThan(writing);
      expect(log.indexOf(`prepare ${i}`)).toBeLessThan(written);
    }
  });

  it('fails a write that cannot be made ready alone, and writes the others in order', async () => {
    const { batches, commit } = recorded((item) => {
      if (item === 3 || item === MAX_BATCH + 1) throw new Error(`item ${item} is malformed`);
      return item;
    });
    const n = MAX_BATCH + 4;
    const outcomes = await Promise.allSettled(Array.from({ length: n }, (_, i) => commit.submit(i)));
    const failed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [[i, (o.reason as Error).message]] : []));
    expect(failed).toEqual([
      [3, 'item 3 is malformed'],
      [MAX_BATCH + 1, `item ${MAX_BATCH + 1} is malformed`],
    ]);
    const good = Array.from({ length: n }, (_, i) => i).filter((i) => i !== 3 && i !== MAX_BATCH + 1);
    expect(batches.flat()).toEqual(good);
  });
});

import { describe, expect, it } from 'vitest';
import { GroupCommit, MAX_BATCH } from '../../src/stages/store/group-commit.js';

/** A commit that takes a turn of I/O, as a database round trip does. */
const roundTrip = () => new Promise<void>((resolve) => setTimeout(resolve, 2));

/** A group commit whose batches are recorded by size; a write returns its item. */
function recorded() {
  const batches: number[][] = [];
  const commit = new GroupCommit<number, number>(
    async (items) => {
      batches.push(items);
      await roundTrip();
      return items;
    },
    async (item) => {
      batches.push([item]);
      await roundTrip();
      return item;
    },
  );
  return { batches, commit };
}

describe('group commit', () => {
  it('commits a write alone at once, without waiting for company', async () => {
    const { batches, commit } = recorded();
    expect(await commit.submit(7)).toBe(7);
    expect(batches).toEqual([[7]]);
  });

  it('puts the next writes of jobs that finished together into one batch, not one alone and then the rest', async () => {
    const { batches, commit } = recorded();
    const jobs = 32;
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
});

/** The progress line of long CLI runs: drawn on a terminal, silent in a pipe. */
import { describe, expect, it } from 'vitest';
import { progress, progressLine } from '../../src/cli/progress.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, columns: 100, write: (t: string) => written.push(t), written };
}

describe('progress line', () => {
  it('prints nothing at all when stderr is not a terminal', () => {
    const s = stream(false);
    const p = progress('queued', 10, s);
    p.tick(5);
    p.clear();
    p.done();
    expect(s.written).toEqual([]);
  });

  it('shows done, total, share and rate on a terminal, and ends its line when done', () => {
    let now = 0;
    const s = stream(true);
    const p = progress('queued', 2_000, s, () => now);
    now = 1_000;
    p.tick(1_000);
    p.done();
    const last = s.written.filter((w) => w.includes('queued')).at(-1)!;
    expect(last).toContain('1,000/2,000 50%');
    expect(last).toContain('1,000/s');
    expect(s.written.at(-1)).toBe('\n');
  });

  it('counts without a total when the total is unknown (a stream of URLs)', () => {
    expect(progressLine('queued', 12_345, undefined, 0)).toBe('queued 12,345');
  });
});

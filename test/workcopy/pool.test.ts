// The one work pool (src/workcopy/pool.ts): at most `limit` in flight, items taken in order, a limit
// below 1 still runs the work, no start after abort, a throw rejects.
import { describe, expect, it } from 'vitest';
import { eachLimit } from '../../src/workcopy/pool.ts';

/** A call that finishes when the test says so, recording how many were in flight. */
function gate() {
  let running = 0;
  let peak = 0;
  const started: number[] = [];
  const waiting: Array<() => void> = [];
  const fn = async (item: number): Promise<void> => {
    started.push(item);
    running += 1;
    peak = Math.max(peak, running);
    await new Promise<void>((resolve) => waiting.push(resolve));
    running -= 1;
  };
  /** Lets the oldest waiting call finish, then lets the pool take the next item. */
  const release = async (): Promise<void> => {
    waiting.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { fn, started, release, peak: () => peak, waiting: () => waiting.length };
}

describe('eachLimit', () => {
  const limits: Array<[string, number, number]> = [
    ['limit 1: one at a time', 1, 1],
    ['limit 3: three at a time', 3, 3],
    ['a limit above the items: all at once', 50, 7],
    ['limit 0 is taken as 1', 0, 1],
    ['a fraction is floored', 2.7, 2],
  ];
  it.each(limits)('%s', async (_name, limit, peak) => {
    const g = gate();
    const items = [0, 1, 2, 3, 4, 5, 6];
    const done = eachLimit(items, limit, g.fn);
    while (g.started.length < items.length || g.waiting() > 0) await g.release();
    await done;
    expect(g.started).toEqual(items); // taken in the list's order
    expect(g.peak()).toBe(peak);
  });

  it('passes each item its index and resolves at once for an empty list', async () => {
    const seen: Array<[string, number]> = [];
    await eachLimit(['a', 'b', 'c'], 2, async (item, index) => {
      seen.push([item, index]);
    });
    expect(seen).toEqual([['a', 0], ['b', 1], ['c', 2]]);
    await expect(eachLimit([], 4, async () => {})).resolves.toBeUndefined();
  });

  it('starts nothing once the signal is aborted; calls in flight finish', async () => {
    const controller = new AbortController();
    const g = gate();
    const done = eachLimit([0, 1, 2, 3, 4], 2, g.fn, controller.signal);
    await g.release(); // 0 finishes, 2 starts
    controller.abort();
    await g.release();
    await g.release();
    await done;
    expect(g.started).toEqual([0, 1, 2]);
  });

  it('a call that throws rejects the pool', async () => {
    await expect(
      eachLimit([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('no 2');
      }),
    ).rejects.toThrow('no 2');
  });
});

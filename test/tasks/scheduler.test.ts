// The batch work pool: at most N at once, results in the items' order, and no new start after abort.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runPool } from '../../src/tasks/scheduler.ts';

describe('runPool', () => {
  it('runs at most `concurrency` workers at once and keeps the items’ order', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    const results = await runPool({
      items: [5, 1, 4, 2, 3, 1, 2],
      concurrency: 3,
      signal: new AbortController().signal,
      worker: async (ms) => {
        running += 1;
        peak = Math.max(peak, running);
        await sleep(ms * 5);
        running -= 1;
        return ms * 10;
      },
      skipped: () => -1,
      onResult: (r) => seen.push(r),
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 10, 20]);
    expect(peak).toBe(3);
    expect([...seen].sort()).toEqual([...results].sort());
  });

  it('starts nothing after the signal is aborted and reports the skipped items', async () => {
    const controller = new AbortController();
    const started: string[] = [];
    const reported: string[] = [];
    const results = await runPool({
      items: ['a', 'b', 'c', 'd'],
      concurrency: 2,
      signal: controller.signal,
      worker: async (item) => {
        started.push(item);
        await sleep(5);
        controller.abort();
        return `ran ${item}`;
      },
      skipped: (item) => `skipped ${item}`,
      onResult: (r) => reported.push(r),
    });
    expect(started).toEqual(['a', 'b']);
    expect(results).toEqual(['ran a', 'ran b', 'skipped c', 'skipped d']);
    expect(reported.sort()).toEqual([...results].sort());
  });
});

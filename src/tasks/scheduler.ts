// The batch's work pool: runs `worker` over the items with at most `concurrency` at once, in order of
// the list (the one pool, workcopy/pool.ts), keeping each result. Once `signal` is aborted no further
// item starts; the ones running are left to finish (the worker passes the same signal on, so they
// stop promptly). Items never started are reported too.
import { eachLimit } from '../workcopy/pool.ts';

export interface PoolOptions<T, R> {
  items: readonly T[];
  concurrency: number;
  signal: AbortSignal;
  worker: (item: T, index: number) => Promise<R>;
  /** Stands in for an item that was never started because the signal was aborted. */
  skipped: (item: T, index: number) => R;
  /** Called with each result as it becomes known (finished, or skipped at the end). */
  onResult?: (result: R, index: number) => void;
}

/** Resolves with every item's result, in the items' order. A worker must not throw. */
export async function runPool<T, R>(opts: PoolOptions<T, R>): Promise<R[]> {
  const results: (R | undefined)[] = Array.from({ length: opts.items.length }, () => undefined);
  await eachLimit(
    opts.items,
    opts.concurrency,
    async (item, index) => {
      const result = await opts.worker(item, index);
      results[index] = result;
      opts.onResult?.(result, index);
    },
    opts.signal,
  );
  return results.map((result, index) => {
    if (result !== undefined) return result;
    const skipped = opts.skipped(opts.items[index] as T, index);
    opts.onResult?.(skipped, index);
    return skipped;
  });
}

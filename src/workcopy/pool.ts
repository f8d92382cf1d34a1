// The one work pool: runs an async function over a list with at most `limit` calls in flight, taking
// the items in the list's order. Copying a tree (bounded open files), applying changes, and running a
// batch of tasks (tasks/scheduler.ts adds results and skipped items on top) all use it.
// - A limit below 1, or not a whole number, is taken as at least 1 (floor): the work always runs.
// - Once `signal` is aborted no further item starts; the calls in flight are left to finish.
// - A call that throws rejects the pool's promise at once; its lane stops, the other lanes go on
//   with the items left (as both earlier copies did). A caller that wants every item tried whatever
//   happens catches in `fn` (the batch's workers never throw).

/** Runs `fn(item, index)` over `items`, at most `limit` at once; resolves when every started call has. */
export async function eachLimit<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      await fn(items[index] as T, index);
    }
  };
  const lanes = Math.max(1, Math.min(Math.floor(limit), items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
}

// Coalesces a burst of items into one flush at most every `intervalMs`: the first item after a quiet
// spell is flushed on the next tick, later ones wait for the interval. Streamed tokens (thousands of
// item.delta events) thus cost a render every ~50 ms, not one each.
import { realScheduler } from './scheduler.ts';
import type { Scheduler } from './scheduler.ts';

export interface Batcher<T> {
  push(item: T): void;
  /** Flushes what is queued now (no-op when empty). */
  flush(): void;
  /** Drops the timer; queued items are discarded. */
  dispose(): void;
}

export interface BatcherOptions {
  intervalMs?: number;
  scheduler?: Scheduler;
}

const DEFAULT_FLUSH_INTERVAL_MS = 50;

export function createBatcher<T>(onFlush: (items: T[]) => void, opts: BatcherOptions = {}): Batcher<T> {
  const interval = opts.intervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
  const clock = opts.scheduler ?? realScheduler;
  let queue: T[] = [];
  let timer: unknown = null;
  let lastFlush = Number.NEGATIVE_INFINITY;

  const flush = (): void => {
    if (timer !== null) {
      clock.clearTimer(timer);
      timer = null;
    }
    if (queue.length === 0) return;
    const items = queue;
    queue = [];
    lastFlush = clock.now();
    onFlush(items);
  };

  return {
    push(item) {
      queue.push(item);
      if (timer !== null) return;
      const wait = Math.max(0, lastFlush + interval - clock.now());
      timer = clock.setTimer(() => {
        timer = null;
        flush();
      }, wait);
    },
    flush,
    dispose() {
      if (timer !== null) clock.clearTimer(timer);
      timer = null;
      queue = [];
    },
  };
}

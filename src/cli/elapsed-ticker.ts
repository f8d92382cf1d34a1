// The elapsed-time line under a long command, for a terminal only: once a command has run for
// ELAPSED_DELAY_MS, one line is rewritten in place every ELAPSED_PERIOD_MS (`  … running 12s`), and
// it is erased when the command ends or before anything else is written. exec-progress.ts makes one
// only when stderr is a TTY whose TERM is not dumb: no escape sequence ever goes into a pipe or a file.
import { formatElapsed } from '../format/units.ts';
import type { LiveLine } from './live-line.ts';

/** How long a command runs before the elapsed line appears: quick commands never show one. */
const ELAPSED_DELAY_MS = 3_000;
/** How often the elapsed line is redrawn. */
const ELAPSED_PERIOD_MS = 1_000;

/** The clock and timer the ticker uses; tests pass a fake one. */
export interface TickerClock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemClock: TickerClock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => {
    const handle = setInterval(fn, ms);
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export interface ElapsedTicker {
  /** A command started: the elapsed line appears once it has run ELAPSED_DELAY_MS. */
  start(): void;
  /** The command ended: the timer stops and the line is erased. */
  stop(): void;
}

export function elapsedTicker(line: LiveLine, clock: TickerClock = systemClock, delayMs = ELAPSED_DELAY_MS, periodMs = ELAPSED_PERIOD_MS): ElapsedTicker {
  let handle: unknown = null;
  const stop = (): void => {
    if (handle !== null) clock.clearInterval(handle);
    handle = null;
    line.clear();
  };
  return {
    start() {
      stop();
      const began = clock.now();
      handle = clock.setInterval(() => {
        const elapsed = clock.now() - began;
        if (elapsed >= delayMs) line.show(`  … running ${formatElapsed(elapsed)}`);
      }, periodMs);
    },
    stop,
  };
}

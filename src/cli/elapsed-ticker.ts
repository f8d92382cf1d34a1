// The elapsed-time line under a long command, for a terminal only: once a command has run for
// ELAPSED_DELAY_MS, one line is rewritten in place every ELAPSED_PERIOD_MS (`  … running 12s`), and
// it is erased when the command ends or before anything else is written. exec-progress.ts makes one
// only when stderr is a TTY whose TERM is not dumb: no escape sequence ever goes into a pipe or a file.
import { formatElapsed } from '../ui/format.ts';

/** How long a command runs before the elapsed line appears: quick commands never show one. */
export const ELAPSED_DELAY_MS = 3_000;
/** How often the elapsed line is redrawn. */
export const ELAPSED_PERIOD_MS = 1_000;

/** Return to the start of the line and erase it. */
const ERASE_LINE = '\r\u001b[2K';

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

/**
 * A terminal writer with one line that can be rewritten in place: `write` erases that line first if it
 * is shown, so ordinary output never lands after it.
 */
export class LiveLine {
  private shown = false;
  private readonly out: (text: string) => void;
  constructor(out: (text: string) => void) {
    this.out = out;
  }

  write(text: string): void {
    this.clear();
    this.out(text);
  }

  /** Draws TEXT (one short line, no newline) in place of the live line. */
  show(text: string): void {
    this.out(`${ERASE_LINE}${text}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.out(ERASE_LINE);
    this.shown = false;
  }
}

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

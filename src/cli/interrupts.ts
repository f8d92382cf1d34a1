// Ctrl-C for the headless fronts (`exec`, `batch`, `watch`, `demo --headless`): the first SIGINT (or
// SIGTERM) aborts `signal` — the run stops, is saved, and the front ends on its own with exit 130 —
// and says so once; a second one exits at once with EXIT.interrupted (130). The handlers stay only
// while the front runs: `dispose()` removes them, called in a `finally` so a throw never leaves them
// installed (a later Ctrl-C would otherwise reach a handler whose run is gone).
// The interactive UI reads Ctrl-C itself (cli/interactive.ts renderWith); an apply guards its commit
// phase on its own (cli/apply-guard.ts).
import { EXIT } from '../protocol/exit-codes.ts';

export interface InterruptOptions {
  /** The line said on the first signal, e.g. `hew: interrupting; the run is saved (Ctrl-C again to quit at once)\n`. */
  message: string;
  /** Where the line goes (default stderr; batch and exec print above their live line). */
  say?: (text: string) => void;
  /** Ends the process on the second signal (default process.exit; tests inject their own). */
  exit?: (code: number) => void;
  /** Default SIGINT and SIGTERM. */
  signals?: readonly NodeJS.Signals[];
}

export interface Interrupts {
  /** Aborted (reason 'interrupt') by the first signal. */
  readonly signal: AbortSignal;
  /** Removes the handlers; safe to call more than once. */
  dispose(): void;
}

/** Installs the two-step Ctrl-C handler; call `dispose()` in a `finally`. */
export function handleInterrupts(opts: InterruptOptions): Interrupts {
  const say = opts.say ?? ((text: string) => void process.stderr.write(text));
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const signals = opts.signals ?? (['SIGINT', 'SIGTERM'] as const);
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) {
      exit(EXIT.interrupted);
      return;
    }
    say(opts.message);
    controller.abort('interrupt');
  };
  for (const name of signals) process.on(name, onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const name of signals) process.off(name, onSignal);
    },
  };
}

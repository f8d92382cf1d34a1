// The last word of `hew` on an error no command handled: a HewError (bad input, no sandbox, a stopped
// recovery, …) is one line naming the problem and exits with the error's own code; anything else is
// unexpected, so its stack goes to stderr and the exit code is 1. Commander's own errors are main.ts's.
import { exitCodeOf, HewError } from '../errors/hew-error.ts';
import { safeText } from '../format/safe-text.ts';

/** Writes what the user sees for `err` and returns the exit code (the one `exitCodeOf` gives, as a watch task's result has). */
export function reportFatal(err: unknown, write: (text: string) => void): number {
  if (err instanceof HewError) write(`hew: ${safeText(err.message)}\n`);
  else write(`hew: ${safeText(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
  return exitCodeOf(err);
}

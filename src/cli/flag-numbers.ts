// The numbers a flag takes (`--max-turns 20`, `--concurrency 4`, `--max-cost 0.50`): one parser each,
// for exec, batch and watch alike. Bad input is a UsageError with one line naming the flag, what it
// expects and what it got.
import { UsageError } from '../errors/usage-error.ts';

/** A whole number above zero, e.g. `--max-turns 20`. */
export function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag}: expected a positive whole number, got "${text}"`);
  return n;
}

/** `--attempts N`: a whole number from 1 to `max`. */
export function attemptCount(text: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--attempts: expected a whole number from 1 to ${max}, got "${text}"`);
  return n;
}

/** An amount of US dollars above zero, with or without a leading `$`, e.g. `--max-cost 0.50`. */
export function positiveDollars(text: string, flag: string): number {
  const n = Number(text.replace(/^\$/, ''));
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag}: expected a positive amount of US dollars, e.g. 0.50, got "${text}"`);
  return n;
}

// When a failed probe is worth another try. A probe that fails for a passing cause — bwrap killed by
// the probe's own timeout on a loaded machine, or the kernel out of processes or memory for a moment
// (EAGAIN, ENOMEM) — is retried before hew decides there is no sandbox; a failure that will not go
// away (bwrap missing, user namespaces disabled or blocked, a namespace limit) is not. Pure: the
// probe passes what it saw, the tests pass tables.

export interface ProbeRetry {
  /** Attempts in total, the first included. Default 3. */
  attempts: number;
  /** Each attempt's time limit; past it bwrap is killed and the attempt counts as a passing failure. Default 5 s. */
  timeoutMs: number;
  /** The wait before attempt 2, 3, …; the last entry repeats. Default 250 ms, then 1 s. */
  delaysMs: readonly number[];
}

export const DEFAULT_PROBE_RETRY: ProbeRetry = { attempts: 3, timeoutMs: 5000, delaysMs: [250, 1000] };

/** What one probe attempt saw. */
export interface ProbeAttempt {
  /** bwrap's exit code; null when it was killed or never started. */
  code: number | null;
  stderr: string;
  /** Set when bwrap could not be started (spawn's error message, e.g. `spawn /usr/bin/bwrap EAGAIN`). */
  error?: string;
  /** True when the probe's own timeout killed it. */
  timedOut: boolean;
}

const PASSING = /\bEAGAIN\b|\bENOMEM\b|Resource temporarily unavailable|Cannot allocate memory|fork: retry/i;

/** True when the failure may well go away on its own: a timeout, or a momentary shortage of processes or memory. */
export function isPassingFailure(attempt: ProbeAttempt): boolean {
  if (attempt.code === 0) return false;
  if (attempt.timedOut) return true;
  return PASSING.test(attempt.error ?? '') || PASSING.test(attempt.stderr);
}

/** The wait before attempt `next` (2 for the first retry). */
export function probeRetryDelay(retry: ProbeRetry, next: number): number {
  const { delaysMs } = retry;
  if (delaysMs.length === 0) return 0;
  return delaysMs[Math.min(next - 2, delaysMs.length - 1)] ?? 0;
}

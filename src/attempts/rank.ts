// The ranking of best-of-N attempts (docs/background.md "Best of N"), as a pure function:
//
// 1. With a check: attempts whose check passed first. Without one: attempts that completed first.
// 2. Among those that did not succeed: a completed attempt (its check failed) before one stopped by a
//    budget, before a failed one, before an interrupted one; a run that was not kept (nothing to take)
//    comes last.
// 3. Without a check, among attempts that completed: one that changed something before one that changed
//    nothing (an attempt that gave up ends "completed" with no change; when every attempt changed
//    nothing, e.g. a question, this decides nothing).
// 4. Then the smaller diff (lines added + removed), then the lower cost (an unknown cost after every
//    known one), then the attempt's order (its index).
//
// The first in the ranking is the chosen attempt. It is chosen even when nothing succeeded (the exit
// code says so): the group names one run, the one nearest to done.
import type { AttemptSummary, ThreadStatus } from '../protocol/events.ts';

export interface RankInput {
  index: number;
  status: ThreadStatus;
  /** null: the task has no check (or it did not run). */
  checkPassed: boolean | null;
  /** Whether the task has a check at all. */
  hasCheck: boolean;
  /** Lines added + removed. */
  diffLines: number;
  /** Files changed (a binary-only change has files but no lines); absent: judged by the lines alone. */
  diffFiles?: number;
  costUsd?: number;
  /** The run was not kept (e.g. its model never answered): nothing to review or take. */
  removed?: boolean;
}

/**
 * What the ranking reads of an attempt's summary (as `thread.completed.attempts` lists it); whether
 * its run was kept (`removed`) is the caller's to add.
 */
export function rankFieldsOf(s: AttemptSummary, hasCheck: boolean): Omit<RankInput, 'removed'> {
  return {
    index: s.index,
    status: s.status,
    checkPassed: s.check === null ? null : s.check.passed,
    hasCheck,
    diffLines: s.diff.added + s.diff.removed,
    diffFiles: s.diff.files,
    ...(s.cost_usd !== undefined ? { costUsd: s.cost_usd } : {}),
  };
}

/** Whether an attempt succeeded: its check passed (with a check), it completed (without). */
export function succeeded(a: RankInput): boolean {
  return a.hasCheck ? a.status === 'completed' && a.checkPassed === true : a.status === 'completed';
}

const NOT_SUCCEEDED: Record<ThreadStatus, number> = { completed: 0, budget_exceeded: 1, failed: 2, interrupted: 3 };

function tier(a: RankInput): number {
  if (a.removed === true) return 2 + NOT_SUCCEEDED.interrupted;
  if (succeeded(a)) return 0;
  // A check runs only after a completed turn, and a failed check closes the run as `failed`: such an
  // attempt completed (rule 2), it did not fail like a run whose model or copy did.
  return 1 + NOT_SUCCEEDED[a.checkPassed === false ? 'completed' : a.status];
}

/** 1 for a completed attempt of a task without a check that changed nothing (rule 3), else 0. */
function unchanged(a: RankInput): number {
  return !a.hasCheck && succeeded(a) && a.diffLines === 0 && (a.diffFiles ?? 0) === 0 ? 1 : 0;
}

/** Negative when `a` ranks before `b`. */
export function compareAttempts(a: RankInput, b: RankInput): number {
  return (
    tier(a) - tier(b) ||
    unchanged(a) - unchanged(b) ||
    a.diffLines - b.diffLines ||
    (a.costUsd ?? Number.POSITIVE_INFINITY) - (b.costUsd ?? Number.POSITIVE_INFINITY) ||
    a.index - b.index
  );
}

/** The attempts best first (a new array); the first is the chosen one. */
export function rankAttempts<T extends RankInput>(attempts: readonly T[]): T[] {
  // Two unknown costs give NaN (Infinity - Infinity), which `||` passes over: the order decides.
  return [...attempts].sort(compareAttempts);
}

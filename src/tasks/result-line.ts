// One `hew batch` result line (SPEC §6): what became of one task file. Printed as JSONL with --json
// as each task finishes, and read back by `hew report`.
import type { CheckResult, FileChange, StampedEvent, ThreadStatus, Usage } from '../agent/events.ts';
import { emptyUsage } from '../agent/events.ts';
import type { ThreadResult } from '../thread/thread.ts';

/** The fields every task result (batch line, watch result file) takes from a finished run. */
export interface RunResultFields {
  /** null when the run was not kept (its working copy could not be made). */
  run_id: string | null;
  status: ThreadStatus;
  exit_code: number;
  check: CheckResult | null;
  files_changed: FileChange[];
  total_usage: Usage;
  total_cost_usd?: number;
  duration_ms: number;
  /** Why a run that did not succeed failed (its last unretried error), when it said. */
  error?: string;
}

/**
 * The fields of a finished run. `failure` is the run's last unretried error (`runFailureOf` of its
 * events): kept only when the run did not succeed, so a batch line or result file says why (e.g. a
 * required MCP server that did not start) as `exec` does on stderr.
 */
export function runResultFields(result: ThreadResult, durationMs: number, failure?: string): RunResultFields {
  return {
    run_id: result.removed ? null : result.runId, // a run whose copy could not be made is not kept
    status: result.status,
    exit_code: result.exitCode,
    check: result.check ?? null,
    files_changed: result.filesChanged,
    total_usage: result.usage,
    ...(result.costUsd !== undefined ? { total_cost_usd: result.costUsd } : {}),
    duration_ms: durationMs,
    ...(failure !== undefined && result.exitCode !== 0 ? { error: failure } : {}),
  };
}

/** The message of a run event that ends its turn in failure (a failed turn, an error not retried). */
export function runFailureOf(event: StampedEvent): string | undefined {
  if (event.type === 'turn.failed') return event.error.message;
  if (event.type === 'error' && !event.will_retry) return event.message;
  return undefined;
}

/** A thread status, or `not_started`: the batch was interrupted before this task began (no run exists). */
export type BatchTaskStatus = 'completed' | 'failed' | 'interrupted' | 'budget_exceeded' | 'not_started';

export interface BatchResultLine {
  /** The task file, relative to where hew ran, with forward slashes. */
  task: string;
  title: string;
  /** null when no run was made (not started, or the run could not be created). */
  run_id: string | null;
  status: BatchTaskStatus;
  exit_code: number;
  /** The task's `check` result; null when it has no check or the check did not run. */
  check: CheckResult | null;
  files_changed: FileChange[];
  total_usage: Usage;
  /** USD, when every model's price was known. */
  total_cost_usd?: number;
  duration_ms: number;
  /** With `--apply --branch-prefix P`: the branch made in the user's repository for a successful task. */
  branch?: string;
  /** Why the task has no proper result (the run or its branch could not be made), or why its run failed. */
  error?: string;
}

/** The line for a task that never started because the batch was interrupted. */
export function notStartedLine(task: string, title: string): BatchResultLine {
  return { task, title, run_id: null, status: 'not_started', exit_code: 130, check: null, files_changed: [], total_usage: emptyUsage(), duration_ms: 0 };
}

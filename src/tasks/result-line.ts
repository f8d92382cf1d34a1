// One `hew batch` result line (SPEC §6): what became of one task file. Printed as JSONL with --json
// as each task finishes, and read back by `hew report`.
import type { StampedEvent } from '../protocol/events.ts';
import type { BatchResultLine, RunResult } from '../protocol/run-result.ts';
import { emptyUsage } from '../model/usage.ts';
import type { ThreadResult } from '../thread/thread.ts';

/**
 * The fields of a finished run. `failure` is the run's last unretried error (`runFailureOf` of its
 * events): kept only when the run did not succeed, so a batch line or result file says why (e.g. a
 * required MCP server that did not start) as `exec` does on stderr.
 */
export function runResultFields(result: ThreadResult, durationMs: number, failure?: string): RunResult {
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

/** The line for a task that never started because the batch was interrupted. */
export function notStartedLine(task: string, title: string): BatchResultLine {
  return { task, title, run_id: null, status: 'not_started', exit_code: 130, check: null, files_changed: [], total_usage: emptyUsage(), duration_ms: 0 };
}

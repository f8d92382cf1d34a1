// What became of one run, as the headless fronts report it: a `hew batch` result line, a `hew watch`
// result file and `hew report`'s entries all extend this one shape (SPEC §6).
import type { AttemptSummary, CheckResult, ThreadStatus } from './events.ts';
import type { FileChange } from './files.ts';
import type { Usage } from './usage.ts';

export interface RunResult {
  /** null when no run was kept (not started, or its working copy could not be made). */
  run_id: string | null;
  status: ThreadStatus;
  exit_code: number;
  /** The task's `check` result; null when it has no check or the check did not run. */
  check: CheckResult | null;
  files_changed: FileChange[];
  total_usage: Usage;
  /** USD, when every model's price was known. */
  total_cost_usd?: number;
  duration_ms: number;
  /** Why a run that did not succeed failed (its last unretried error, an invalid task file, a bad setting), when it said. */
  error?: string;
  /** A best-of-N task (`attempts` > 1): every attempt, best first; `run_id` is the chosen one. */
  attempts?: AttemptSummary[];
}

/** A thread status, or `not_started`: the batch was interrupted before this task began (no run exists). */
export type BatchTaskStatus = ThreadStatus | 'not_started';

/** One `hew batch` result line (printed with `--json` as each task finishes, read back by `hew report`). */
export interface BatchResultLine extends Omit<RunResult, 'status'> {
  /** The task file, relative to where hew ran, with forward slashes. */
  task: string;
  title: string;
  status: BatchTaskStatus;
  /** With `--apply --branch-prefix P`: the branch made in the user's repository for a successful task. */
  branch?: string;
}

/** One `hew watch` result file (`NAME.result.json` beside the task): a run's result, its final message and the task's hash. */
export interface WatchResult extends RunResult {
  task: string;
  /** The front matter's title, else the prompt's first line (the file name when it cannot be read as a task). */
  title: string;
  task_sha256: string;
  final_message: string | null;
  finished_at: string;
}

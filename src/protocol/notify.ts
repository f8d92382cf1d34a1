// What a `notify` command gets (docs/background.md): one JSON object, appended to the configured argv
// as its last argument. Built by hooks/notify-payload.ts (bounded, redacted); types only here.
import type { CheckResult, ThreadStatus } from './events.ts';

/**
 * - `run.completed`: a `hew exec` run ended (every outcome).
 * - `task.completed`: a task of `hew batch` or `hew watch` ended.
 * - `turn.completed`: a turn of the interactive session ended.
 * - `approval.waiting`: the interactive session waits for the person to answer an approval.
 */
export type NotifyType = 'run.completed' | 'turn.completed' | 'approval.waiting' | 'task.completed';

/** A run's (or turn's) status; `awaiting_approval` while an approval waits for the person. */
export type NotifyStatus = ThreadStatus | 'awaiting_approval';

/** `approval.waiting`: what asks (the same request the TUI shows), bounded. */
export interface NotifyApproval {
  tool: string;
  command: string;
  cwd: string;
  /** Why hew asks. */
  reason: string;
  /** The model's own reason for asking, when it gave one. */
  justification?: string;
  sandboxed: boolean;
  network: boolean;
}

export interface NotifyPayload {
  type: NotifyType;
  /** When hew sent it (ISO 8601, UTC). */
  timestamp: string;
  hew_version: string;
  /** null when no run was kept (it failed before the model answered: nothing to review). */
  run_id: string | null;
  /** The user's repository (its top). */
  repository: string;
  /** `task.completed`: the task file (as batch and watch name it) and its title. */
  task?: { file: string; title: string };
  /** `turn.completed`: the turn's number in the session's run. */
  turn?: number;
  status: NotifyStatus;
  /** hew's exit code for the run or task; null for the TUI's events (the session goes on). */
  exit_code: number | null;
  /** The model's final message, at most NOTIFY_MESSAGE_MAX_CHARS (a cut one ends in a marker); null when there is none. */
  final_message: string | null;
  /** `count` every file; `paths` at most NOTIFY_PATHS_MAX of them (fewer when long names would pass NOTIFY_PAYLOAD_MAX_BYTES). */
  files_changed: { count: number; paths: string[] };
  /** USD so far; null when a model's price is unknown. */
  cost_usd: number | null;
  /** The task's check, when it ran. */
  check?: CheckResult;
  /** Why the run did not succeed, when hew knows (bounded). */
  error?: string;
  /** The commands that review and take the change; null when there is nothing to take (no kept run, or no file changed). */
  commands: { review: string; apply: string } | null;
  /** `approval.waiting`: the request. */
  approval?: NotifyApproval;
}

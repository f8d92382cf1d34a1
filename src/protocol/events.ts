// The event protocol of SPEC §3: the only thing front ends (exec, TUI, batch, ACP, tests) see of the
// core. The core emits `AgentEvent`s; the run's event sink stamps each with `seq` and `ts`
// (thread/stamper.ts). Types only: this folder imports nothing outside it and holds no logic.
import type { ApprovalAnswer, ApprovalDecision, ApprovalRequest } from './approval.ts';
import type { FileChange, IgnoredGroup, LeftOut } from './files.ts';
import type { ThreadSandbox } from './sandbox.ts';
import type { Usage } from './usage.ts';

export type ItemStatus = 'in_progress' | 'completed' | 'failed' | 'declined';

export interface PlanEntry {
  text: string;
  status: 'pending' | 'in_progress' | 'completed';
}

/** Fields of each item type, without the common id/status. */
export type ItemBody =
  | { type: 'agent_message'; text: string }
  | { type: 'reasoning'; text: string }
  | {
      type: 'command_execution';
      command: string;
      cwd: string;
      exit_code: number | null;
      aggregated_output: string;
      duration_ms: number | null;
      /** Set when the item shows a hew tool other than `shell` (read_file, grep). */
      tool?: string;
      /** The files or folders a read_file or grep looks at, relative to the repository, with the first line read when known. */
      paths?: { path: string; line?: number }[];
    }
  | { type: 'file_change'; changes: FileChange[]; error?: string }
  | { type: 'todo_list'; items: PlanEntry[]; explanation?: string }
  | {
      type: 'mcp_tool_call';
      server: string;
      tool: string;
      arguments: unknown;
      result: unknown;
      error: string | null;
    }
  | {
      type: 'approval';
      /** The request as the person (or approver) sees it, after the gate filled in its reasons. */
      request: ApprovalRequest;
      /** null on item.started (not decided yet). */
      decision: ApprovalDecision | null;
      /**
       * What decided, on a completed approval: `rule` — a command the person approved earlier with
       * "always"; `approver` — the person (or a headless front's approver) now; `policy` — the policy
       * alone (`never` denies); `approver_command` — the approver command the user configured. Absent
       * on item.started.
       */
      decided_by?: NonNullable<ApprovalAnswer['by']>;
      /**
       * The decider's reason: on item.completed, the approver command's `reason` (or why it failed);
       * on item.started, why the approver command left the request to the person. Bounded (500
       * characters) and redacted; model text, so shown through safe-text.
       */
      reason?: string;
    }
  | { type: 'error'; message: string };

export type Item = ItemBody & { id: string; status: ItemStatus };

export type ThreadStatus = 'completed' | 'failed' | 'interrupted' | 'budget_exceeded';

export interface CheckResult {
  command: string;
  exit_code: number;
  passed: boolean;
}

export interface ThreadStarted {
  type: 'thread.started';
  thread_id: string;
  run_id: string;
  repo: string;
  working_copy: string;
  base_commit: string | null;
  model: string;
  provider: string;
  /** The sandbox actually in force (SPEC §9), decided before the run opened. */
  sandbox: ThreadSandbox;
  approval: string;
  /** Project instruction files (AGENTS.md) in use: absolute path, size, and whether the cap cut them. */
  project_docs?: { path: string; bytes: number; included: 'full' | 'partial' | 'omitted' }[];
  /** Input piped beside a prompt argument, appended to the prompt as a `<stdin>` block (absent: none). */
  stdin?: StdinAttached;
}

/** `thread.started.stdin`: how many bytes of stdin the prompt carries, and whether the limit cut it. */
export interface StdinAttached {
  bytes: number;
  truncated: boolean;
}

export interface ThreadCompleted {
  type: 'thread.completed';
  status: ThreadStatus;
  exit_code: number;
  final_message: string | null;
  files_changed: FileChange[];
  /**
   * Files the run wrote with apply_patch that the repository's ignore rules hide, every one: not in
   * files_changed, not applied unless asked (present only when any).
   */
  ignored_files?: string[];
  /** Ignored files the run's commands wrote (not with apply_patch), summarised (present only when any). */
  ignored_by_commands?: IgnoredGroup[];
  /** Files the run changed outside the user's cone-mode sparse checkout: in files_changed, never applied (present only when any). */
  outside_sparse?: string[];
  /** What the working copy left out (nested repositories, special files, missing LFS objects, submodules not initialised…) (present only when any). */
  left_out?: LeftOut[];
  total_usage: Usage;
  /** USD for the whole run; absent when a model's price is unknown. */
  total_cost_usd?: number;
  duration_ms: number;
  check?: CheckResult;
  /**
   * Best of N (`--attempts N`, N > 1) only: the chosen attempt's run, and every attempt in ranking
   * order. Then status, exit_code, final_message, files_changed and check are the chosen run's, and
   * total_usage / total_cost_usd the sum of all attempts (docs/background.md "Best of N").
   */
  run_id?: string;
  attempts?: AttemptSummary[];
}

/** One attempt of a best-of-N group as the closing thread.completed lists it (src/attempts/rank.ts ranks them). */
export interface AttemptSummary {
  run_id: string;
  /** 1-based, in the order the attempts were started. */
  index: number;
  status: ThreadStatus;
  exit_code: number;
  /** null: the task has no check, or the check did not run (the attempt did not complete). */
  check: { passed: boolean; exit_code: number } | null;
  /** Lines added + removed is the size the ranking compares. */
  diff: { files: number; added: number; removed: number };
  cost_usd?: number;
  /** The run was removed when it closed (e.g. the model never answered it). */
  removed?: boolean;
}

/**
 * Best of N: one attempt's own thread.completed, forwarded on the group's stream under this type (so
 * "the last thread.completed" still closes the whole stream); its `run_id` names the attempt.
 */
export type AttemptCompleted = Omit<ThreadCompleted, 'type' | 'attempts'> & { type: 'attempt.completed'; run_id: string; attempt: { index: number; of: number } };

export type AgentEvent =
  | ThreadStarted
  | { type: 'turn.started'; turn: number }
  | { type: 'item.started'; item: Item }
  | { type: 'item.updated'; item: Item }
  | { type: 'item.completed'; item: Item }
  | { type: 'item.delta'; id: string; text: string }
  /**
   * `context_tokens`: the last model request's input + output tokens, what the context holds now (ACP's
   * usage_update.used); absent where not recorded.
   */
  | { type: 'turn.completed'; turn: number; usage: Usage; total_usage: Usage; context_tokens?: number }
  /** `usage`: what the turn used before it failed (or was interrupted); `total_usage`: the thread's total with it. */
  | { type: 'turn.failed'; turn: number; error: { message: string }; usage?: Usage; total_usage?: Usage }
  | { type: 'error'; message: string; will_retry: boolean; attempt?: number; delay_ms?: number }
  | AttemptCompleted
  | ThreadCompleted;

/**
 * `run_id`: set on every event of a best-of-N group's stream (`exec --attempts N`, N > 1), naming the
 * attempt's run; absent on a single run's stream (one run: nothing to tell apart).
 */
export type StampedEvent = AgentEvent & { seq: number; ts: string; run_id?: string };

export type EmitFn = (event: AgentEvent) => void;

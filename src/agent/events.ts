// The event protocol of SPEC §3: the only thing front ends (exec, TUI, batch, tests) see of the core.
// The core emits `AgentEvent`s; the run's event sink stamps each with `seq` and `ts`.

export type ItemStatus = 'in_progress' | 'completed' | 'failed' | 'declined';

export type FileChangeKind = 'add' | 'update' | 'delete' | 'move';

export interface FileChange {
  /**
   * Relative to the repository top, in display form (workcopy/path-bytes.ts quotePath): as it is
   * when it needs no escaping (UTF-8 included), else C-quoted as git does (`"caf\351.txt"`, octal for
   * bytes that are not UTF-8 and for controls). So every event is valid UTF-8 JSON; `move_path` and
   * `ignored_files` likewise.
   */
  path: string;
  kind: FileChangeKind;
  move_path?: string;
  /** Lines added and removed (set on a completed change). */
  lines_added?: number;
  lines_removed?: number;
  /**
   * The change as unified-diff hunks (`@@ … @@` headers, ' ', '-', '+' and `\ No newline` lines; no file headers), with
   * 2 lines of context; bounded (8,000 characters per file, 32,000 per item, 1,000 per line).
   */
  diff?: string;
  /** `diff` was cut (lines left out at its end, or a long line shortened). */
  diff_truncated?: boolean;
}

/** A path the working copy left out, or a change `hew apply` does not take, and why (`reason` is hew's text, never the model's). */
export interface LeftOut {
  /** Repository-relative, in display form (git's C-quoting for names that need it, as FileChange paths); a directory ends in `/`. */
  path: string;
  reason: string;
}

export interface PlanEntry {
  text: string;
  status: 'pending' | 'in_progress' | 'completed';
}

export interface Usage {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  reasoning_output_tokens?: number;
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
      request: unknown;
      decision: string | null;
      /**
       * What decided, on a completed approval: `rule` — a command the person approved earlier with
       * "always"; `approver` — the person (or a headless front's approver) now; `policy` — the policy
       * alone (`never` denies). Absent on item.started.
       */
      decided_by?: 'rule' | 'approver' | 'policy';
    }
  | { type: 'error'; message: string };

export type Item = ItemBody & { id: string; status: ItemStatus };

export type ThreadStatus = 'completed' | 'failed' | 'interrupted' | 'budget_exceeded';

export interface CheckResult {
  command: string;
  exit_code: number;
  passed: boolean;
}

/** `thread.started.sandbox`: what confines the run's commands; `reason` when nothing does. */
export interface ThreadSandbox {
  kind: 'bwrap' | 'seatbelt' | 'none';
  mode: 'read-only' | 'workspace-write' | 'danger-full-access';
  network: boolean;
  reason?: string;
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

/**
 * Ignored files commands wrote, one entry per top-level folder (`dist/`, with how many files) or
 * top-level file (`debug.log`, files 1). A symlink is never summarised: it is its own entry (`link: true`).
 */
export interface IgnoredGroup {
  path: string;
  files: number;
  /** The entry is a symlink: never applied, not even by `hew apply --include-ignored`. */
  link?: boolean;
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
}

export type AgentEvent =
  | ThreadStarted
  | { type: 'turn.started'; turn: number }
  | { type: 'item.started'; item: Item }
  | { type: 'item.updated'; item: Item }
  | { type: 'item.completed'; item: Item }
  | { type: 'item.delta'; id: string; text: string }
  | { type: 'turn.completed'; turn: number; usage: Usage; total_usage: Usage }
  /** `usage`: what the turn used before it failed (or was interrupted); `total_usage`: the thread's total with it. */
  | { type: 'turn.failed'; turn: number; error: { message: string }; usage?: Usage; total_usage?: Usage }
  | { type: 'error'; message: string; will_retry: boolean; attempt?: number; delay_ms?: number }
  | ThreadCompleted;

export type StampedEvent = AgentEvent & { seq: number; ts: string };

export type EmitFn = (event: AgentEvent) => void;

export function emptyUsage(): Usage {
  return { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0 };
}

export function addUsage(a: Usage, b: Usage): Usage {
  const sum: Usage = {
    input_tokens: a.input_tokens + b.input_tokens,
    cached_input_tokens: a.cached_input_tokens + b.cached_input_tokens,
    output_tokens: a.output_tokens + b.output_tokens,
  };
  if (a.reasoning_output_tokens !== undefined || b.reasoning_output_tokens !== undefined) {
    sum.reasoning_output_tokens = (a.reasoning_output_tokens ?? 0) + (b.reasoning_output_tokens ?? 0);
  }
  return sum;
}

/** Wraps a sink so every event gets `seq` (1, 2, … in this process) and `ts`. */
export function stamper(sink: (e: StampedEvent) => void): EmitFn {
  let seq = 0;
  return (event) => {
    seq += 1;
    sink({ ...event, seq, ts: new Date().toISOString() });
  };
}

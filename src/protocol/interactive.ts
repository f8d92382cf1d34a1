// The contract between the interactive core (a long-lived thread with many turns, slash commands,
// approvals asked of a person) and the TUI, which is only a view over it. Types only; the UI imports
// this, never the core.
import type { ApprovalAnswer, ApprovalPolicy } from './approval.ts';
import type { StampedEvent } from './events.ts';
import type { FileDiff, FileStat } from './files.ts';

/**
 * What the interactive core tells the view besides the agent's own events: results of slash commands,
 * the end-of-turn summary, warnings. A notice is a value; the view decides how to show it.
 */
export type Notice =
  | { type: 'notice.summary'; turn: number; files: FileStat[] }
  | { type: 'notice.diff'; files: FileDiff[] }
  | { type: 'notice.apply'; ok: boolean; applied: { path: string; action: string }[]; conflicts: { path: string; reason: string }[]; message: string }
  | { type: 'notice.info'; title: string; lines: string[] }
  | { type: 'notice.warning'; message: string }
  | { type: 'notice.error'; message: string }
  /** The user started a new thread (`/new`): the view clears its transcript. */
  | { type: 'notice.reset'; info: SessionInfo }
  /** The core is done (`/quit`, Ctrl-C twice): the view unmounts. */
  | { type: 'notice.exit'; code: number };

export type InteractiveEvent = StampedEvent | Notice;

/** Static facts for the header and status line; updated when /model or /approval change them. */
export interface SessionInfo {
  runId: string;
  repo: string;
  workingCopy: string;
  model: string;
  provider: string;
  sandbox: string;
  approval: string;
  network: boolean;
  /** Project instruction files in use (AGENTS.md), for the header; empty until that lands. */
  projectDocs: string[];
  /** USD per million tokens when the price is known: [input, cached input, output]. */
  prices?: [number, number, number];
}

/**
 * `tui_notifications` (user config only): how the TUI signals a finished turn or a waiting approval
 * while the terminal is not focused — `auto` (OSC 9 where the terminal is known to show it, else the
 * bell), `bell`, `osc9`, or `off` (docs/background.md).
 */
export const TUI_NOTIFICATIONS = ['auto', 'bell', 'osc9', 'off'] as const;
export type TuiNotifications = (typeof TUI_NOTIFICATIONS)[number];

/** Which budget ended a turn: `--max-turns`, `--timeout`, `--max-cost`, or a context window that compaction could not free. */
export type BudgetKind = 'steps' | 'time' | 'cost' | 'context';

/**
 * How a text sent with `send` ended: a turn (its outcome), a slash command (`ok` is false when it
 * reported an error or an apply with conflicts; `notices` are the ones it emitted), or refused
 * without running (a turn is running, the copy was discarded, the session is ending, nothing typed).
 */
export type Settled =
  | { kind: 'turn'; status: 'completed' | 'failed' | 'interrupted' | 'budget_exceeded'; budget?: BudgetKind; message?: string }
  | { kind: 'command'; name: string; ok: boolean; notices: Notice[] }
  | { kind: 'refused'; message: string };

export interface SlashCommand {
  name: string;
  description: string;
}

export interface InteractiveController {
  info(): SessionInfo;
  /** Listen to every event and notice, in order. Returns an unsubscribe function. */
  subscribe(listener: (event: InteractiveEvent) => void): () => void;
  /** A prompt, or a slash command (`/diff`, `/apply`, …). Ignored while a turn runs, except slash commands that are safe then. */
  submit(text: string): void;
  /** `submit`, resolved when what it started has ended (a front that answers per prompt: ACP). */
  send(text: string): Promise<Settled>;
  /** Switches the approval policy for the next commands (`/approval`, an editor's mode): said to the model in the conversation, the instructions unchanged. */
  setApproval(policy: ApprovalPolicy): void;
  /** Esc: interrupt the current turn (the model stream and any running command); the thread goes on. */
  interrupt(): void;
  /** Whether a turn is running now. */
  busy(): boolean;
  /**
   * Whether a prompt submitted now would be taken (no turn runs, or the running one is only
   * finishing: interrupted, or its answer is in). The view keeps a refused prompt in the box.
   */
  takesPrompt(): boolean;
  /** Answer a pending approval (the id of its `approval` item). */
  answerApproval(itemId: string, answer: ApprovalAnswer): void;
  /** Completions for the word being typed: `/com…` (slash commands) or `@pa…` (repository files). */
  complete(word: string): string[];
  /** Earlier prompts of this repository, oldest first (for up/down). */
  history(): string[];
  slashCommands(): SlashCommand[];
  /** Quit: interrupts a running turn, ends the thread (saved, resumable) and emits notice.exit. */
  quit(): Promise<number>;
  /**
   * After `quit`: the id of the run that stays on disk, or null when it was removed because it never
   * got a prompt or the model never answered it (src/thread/run-kept.ts).
   */
  keptRun(): string | null;
  /** After quit: lines for the terminal once the view is gone (the run's id and next steps), or ''. */
  leaving(): string;
}

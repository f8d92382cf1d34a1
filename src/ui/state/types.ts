// The view state of the TUI: what the reducer builds from the controller's events and what the
// components render. Finished things go to `transcript` (append-only, rendered once into the
// terminal's scrollback); things still happening live in `live`, `plan` and `status`.
import type { ApprovalDecision } from '../../protocol/approval.ts';
import type { FileChange, FileDiff } from '../../protocol/files.ts';
import type { ItemStatus, PlanEntry } from '../../protocol/events.ts';
import type { Usage } from '../../protocol/usage.ts';
import type { InteractiveEvent, Notice, SessionInfo } from '../../protocol/interactive.ts';

/** A command card's data: a shell command or a tool shown as one (read_file, grep). */
export interface CommandView {
  id: string;
  command: string;
  cwd: string;
  /** Set for hew tools other than shell. */
  tool?: string;
  status: ItemStatus;
  exitCode: number | null;
  durationMs: number | null;
  /** The last few complete lines of output (at most TAIL_LINES). */
  tail: string[];
  /** Output after the last newline, not yet a complete line. */
  partial: string;
  /** Complete lines of output seen so far. */
  lineCount: number;
  /** `partial` as the command wrote it, not yet sanitized (tail.ts: an escape split across chunks is stripped whole). Never rendered. */
  rawPartial: string;
  /** Started, but held until the person answers its approval (not running yet). */
  awaitingApproval?: boolean;
}

export interface FileChangeView {
  id: string;
  status: ItemStatus;
  changes: FileChange[];
  error?: string;
}

/** An approval request as shown to the person (the item's `request`, read defensively). */
export interface ApprovalView {
  id: string;
  tool: string;
  command: string;
  cwd: string;
  sandboxed: boolean;
  network: boolean;
  justification?: string;
  reason: string;
  /** Why the approver command the user configured left this to the person (it said "ask", or failed). */
  approver?: string;
  /** The host file the request would write outside the working copy (remember --user): no command runs. */
  writesOutside?: string;
}

/** Notices that become transcript entries (diff, reset and exit change the state instead). */
export type TranscriptNotice = Extract<
  Notice,
  { type: 'notice.summary' | 'notice.apply' | 'notice.info' | 'notice.warning' | 'notice.error' }
>;

export type TranscriptEntry =
  | { kind: 'header'; key: string; info: SessionInfo }
  | { kind: 'prompt'; key: string; text: string }
  | { kind: 'message'; key: string; text: string }
  | { kind: 'reasoning'; key: string; text: string }
  | { kind: 'command'; key: string; command: CommandView }
  | { kind: 'file_change'; key: string; change: FileChangeView }
  | { kind: 'plan'; key: string; entries: PlanEntry[]; explanation?: string }
  | { kind: 'approval'; key: string; request: ApprovalView; decision: ApprovalDecision | null; status: ItemStatus; decidedBy?: string; reason?: string }
  | { kind: 'error'; key: string; message: string }
  | { kind: 'retry'; key: string; message: string; attempt?: number; delayMs?: number }
  | { kind: 'turn_end'; key: string; turn: number; usage: Usage; durationMs: number | null }
  | { kind: 'thread_end'; key: string; status: string; exitCode: number }
  | { kind: 'notice'; key: string; notice: TranscriptNotice };

/** An item still in progress, shown in the live region. */
export type LiveItem =
  /** `text` is what is not yet in the transcript; `committed` counts the characters that are. */
  | { kind: 'message'; id: string; text: string; committed: number }
  | { kind: 'reasoning'; id: string; text: string }
  | { kind: 'command'; id: string; command: CommandView }
  | { kind: 'file_change'; id: string; change: FileChangeView }
  | { kind: 'approval'; id: string; request: ApprovalView };

export interface PlanState {
  entries: PlanEntry[];
  explanation?: string;
}

export interface StatusState {
  busy: boolean;
  /** The current (or last) turn number; 0 before the first. */
  turn: number;
  /** Epoch ms of the current turn's start (from the event's `ts`), null when idle. */
  turnStartedAt: number | null;
  /** How long the last finished turn took. */
  lastTurnMs: number | null;
  /** Tokens of the whole thread so far. */
  usage: Usage;
  /** A retry in progress (an `error` event with will_retry), cleared by the next progress. */
  retry: { message: string; attempt?: number; delayMs?: number } | null;
}

export interface ViewState {
  info: SessionInfo;
  /** Bumped by notice.reset, so the view can start a fresh `<Static>`. */
  epoch: number;
  /** Counter for transcript keys. */
  nextKey: number;
  transcript: TranscriptEntry[];
  live: LiveItem[];
  /** The plan of the current turn, updated in place; committed to the transcript when the turn ends. */
  plan: PlanState | null;
  /** Files of an open diff view (notice.diff), null when closed. */
  diff: FileDiff[] | null;
  status: StatusState;
  /** Set by notice.exit: the app unmounts with this code. */
  exitCode: number | null;
}

/** Actions the view itself dispatches (the controller emits nothing for them). */
export type UiAction =
  /** The person submitted a prompt or slash command. */
  | { type: 'ui.prompt'; text: string }
  | { type: 'ui.closeDiff' };

export type ViewAction = InteractiveEvent | UiAction;

/** How many complete output lines a command card keeps and shows. */
export const TAIL_LINES = 8;

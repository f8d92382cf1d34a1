// What the TUI writes to the terminal when a turn ends or an approval waits: the bell (BEL), an OSC 9
// notification, or nothing — a pure verdict from the terminal's focus, the event, the user's
// `tui_notifications` setting and the terminal hew runs in (docs/background.md, "The terminal bell").
//
// - Only when the terminal is known to be unfocused: a focus-out was seen and no focus-in since.
//   A terminal that never reported focus rings nothing.
// - Not for a turn the person interrupted themselves (Esc, or Ctrl-C to quit): they are there.
// - `auto`: OSC 9 in terminals known to show it as a desktop notification (iTerm2, WezTerm, Ghostty,
//   kitty), the bell everywhere else — and always inside tmux or screen, which hide the outer terminal
//   (tmux sets its own TERM_PROGRAM) and do not pass OSC 9 on, while tmux does pass a bell on.
// - `osc9` inside tmux is wrapped in tmux's passthrough (`ESC P tmux; … ESC \`), which tmux forwards
//   only with `set -g allow-passthrough on`.
// - The text is fixed per event, never model text; the only variable part is a short label (the
//   repository's folder name) made safe with format/safe-text.ts and cut to LABEL_MAX characters.
import { safeLine } from '../../format/safe-text.ts';
import type { InteractiveEvent, TuiNotifications } from '../../protocol/interactive.ts';
import type { FocusState } from './focus.ts';

export const BEL = '\u0007';
const ESC = '\u001b';
const LABEL_MAX = 40;

export type TerminalEvent = 'turn.completed' | 'turn.failed' | 'turn.interrupted' | 'turn.interrupted_by_user' | 'approval.waiting';

/** Terminals that show OSC 9 as a desktop notification, as `auto` detects them. */
export type KnownTerminal = 'iterm' | 'wezterm' | 'ghostty' | 'kitty';

export interface TerminalFacts {
  /** A terminal known to show OSC 9, or null. */
  osc9: KnownTerminal | null;
  /** A multiplexer between hew and the terminal the person looks at. */
  multiplexer: 'tmux' | 'screen' | null;
}

export type TerminalSignal = { kind: 'bell'; bytes: string } | { kind: 'osc9'; text: string; bytes: string };

export interface SignalInput {
  focus: FocusState;
  event: TerminalEvent;
  setting: TuiNotifications;
  terminal: TerminalFacts;
  /** A short label for the notification (the repository's folder name); sanitized here. */
  label?: string;
}

const TEXT: Record<Exclude<TerminalEvent, 'turn.interrupted_by_user'>, string> = {
  'turn.completed': 'hew: turn finished',
  'turn.failed': 'hew: turn failed',
  'turn.interrupted': 'hew: turn interrupted',
  'approval.waiting': 'hew: approval needed',
};

/** The terminal as its environment describes it (TERM_PROGRAM, TERM, TMUX, STY). */
export function terminalOf(env: NodeJS.ProcessEnv): TerminalFacts {
  const multiplexer = env.TMUX ? 'tmux' : env.STY ? 'screen' : null;
  const program = env.TERM_PROGRAM ?? '';
  const term = env.TERM ?? '';
  let osc9: KnownTerminal | null = null;
  if (program === 'iTerm.app') osc9 = 'iterm';
  else if (program === 'WezTerm') osc9 = 'wezterm';
  else if (program === 'ghostty' || term === 'xterm-ghostty') osc9 = 'ghostty';
  else if (term === 'xterm-kitty' || env.KITTY_WINDOW_ID) osc9 = 'kitty';
  return { osc9, multiplexer };
}

/** The verdict: what to write, or null for nothing. */
export function terminalSignal(input: SignalInput): TerminalSignal | null {
  const { focus, event, setting, terminal } = input;
  if (setting === 'off' || focus !== 'unfocused' || event === 'turn.interrupted_by_user') return null;
  const useOsc9 = setting === 'osc9' || (setting === 'auto' && terminal.osc9 !== null && terminal.multiplexer === null);
  if (!useOsc9) return { kind: 'bell', bytes: BEL };
  const text = notificationText(event, input.label);
  const osc = `${ESC}]9;${text}${BEL}`;
  return { kind: 'osc9', text, bytes: terminal.multiplexer === 'tmux' ? tmuxPassthrough(osc) : osc };
}

/** `hew: turn finished (project)`: the event's fixed text and the label, safe and short. */
export function notificationText(event: Exclude<TerminalEvent, 'turn.interrupted_by_user'>, label?: string): string {
  const safe = label === undefined ? '' : safeLine(label).trim();
  if (safe === '') return TEXT[event];
  const cut = safe.length > LABEL_MAX ? `${safe.slice(0, LABEL_MAX - 1)}…` : safe;
  return `${TEXT[event]} (${cut})`;
}

/** tmux's DCS passthrough: every ESC inside is doubled. */
function tmuxPassthrough(sequence: string): string {
  return `${ESC}Ptmux;${sequence.replaceAll(ESC, ESC + ESC)}${ESC}\\`;
}

/**
 * The terminal event an interactive event means, if any: a turn that ended, or an approval that
 * started waiting for the person. `byUser`: the person interrupted the running turn themselves.
 */
export function terminalEventOf(event: InteractiveEvent, byUser: boolean): TerminalEvent | null {
  switch (event.type) {
    case 'turn.completed':
      return 'turn.completed';
    case 'turn.failed':
      if (event.error.message !== 'interrupted') return 'turn.failed';
      return byUser ? 'turn.interrupted_by_user' : 'turn.interrupted';
    case 'item.started':
      return event.item.type === 'approval' && event.item.decision === null ? 'approval.waiting' : null;
    default:
      return null;
  }
}

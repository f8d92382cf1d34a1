// Focus reporting (xterm's DECSET 1004): while it is on, the terminal sends `ESC [ I` when it gains
// focus and `ESC [ O` when it loses it. The TUI turns it on only when it has a way to signal the person
// (tui_notifications is not `off`) and turns it off again on every way out (src/ui/terminal/
// use-terminal-notifications.ts). Ink's input parser already drops both sequences (a complete CSI
// sequence that names no key never reaches useInput), so they never show up in the input box; this
// tracker only watches the same bytes to know whether the terminal has focus.
//
// Focus is `unknown` until the terminal has said anything: a terminal without focus reporting never
// does, and an unknown focus never rings (src/ui/terminal/signal.ts), so such terminals get no
// spurious bells.

export const FOCUS_REPORTING_ON = '\u001b[?1004h';
export const FOCUS_REPORTING_OFF = '\u001b[?1004l';

export type FocusState = 'unknown' | 'focused' | 'unfocused';
export type FocusChange = 'in' | 'out';

// eslint-disable-next-line no-control-regex -- the sequences start with ESC
const FOCUS_SEQUENCE = /\u001b\[([IO])/g;

export interface FocusTracker {
  /** Feed a chunk as it was read from the terminal; returns the focus changes it completed, in order. */
  push(chunk: string): FocusChange[];
  state(): FocusState;
}

/**
 * Tracks focus from the terminal's input. A sequence split across reads (`ESC` | `[O`, `ESC[` | `I`)
 * counts once it is complete; keys and typed text around it are ignored.
 */
export function createFocusTracker(): FocusTracker {
  let focus: FocusState = 'unknown';
  let carry = '';
  return {
    push(chunk) {
      const text = carry + chunk;
      const changes: FocusChange[] = [];
      for (const match of text.matchAll(FOCUS_SEQUENCE)) changes.push(match[1] === 'I' ? 'in' : 'out');
      // A tail that may be the start of a focus sequence waits for the next read.
      carry = text.endsWith('\u001b[') ? '\u001b[' : text.endsWith('\u001b') ? '\u001b' : '';
      const last = changes.at(-1);
      if (last !== undefined) focus = last === 'in' ? 'focused' : 'unfocused';
      return changes;
    },
    state: () => focus,
  };
}

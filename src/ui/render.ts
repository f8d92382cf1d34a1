// Mounts the TUI for a controller and resolves with the exit code when it unmounts (notice.exit,
// or Ctrl-C twice). The CLI imports this module lazily, so the headless path never loads Ink/React.
import { render } from 'ink';
import { createElement } from 'react';
import type { InteractiveController, TuiNotifications } from '../protocol/interactive.ts';
import { App } from './app.tsx';
import { applyColorMode } from './color.ts';
import { terminalOf } from './terminal/signal.ts';
import { connectViewStore } from './view-store.ts';

export interface RenderTuiOptions {
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  stderr?: NodeJS.WriteStream;
  /** Fixes the width (for dummy streams in tests and benchmarks); a TTY reports its own. */
  columns?: number;
  /** A first prompt to echo and submit once the view listens. */
  initialPrompt?: string;
  /** Route console.* above the UI (default true; tests whose console cannot be patched turn it off). */
  patchConsole?: boolean;
  /** `tui_notifications` from the user's config (default off: only the CLI's fronts pass the setting). */
  notifications?: TuiNotifications;
  /** The environment that names the terminal (TERM_PROGRAM, TERM, TMUX); default process.env. */
  env?: NodeJS.ProcessEnv;
  /**
   * Draw every frame (true) or only the last (false); default Ink's own choice, which is false under
   * CI=true even on a TTY. Tests that read frames on a dummy stream set it, so they hold under CI too.
   */
  interactive?: boolean;
}

export async function renderTui(controller: InteractiveController, opts: RenderTuiOptions = {}): Promise<number> {
  applyColorMode();
  const stdout = opts.stdout ?? process.stdout;
  if (opts.columns !== undefined) Object.defineProperty(stdout, 'columns', { value: opts.columns, configurable: true, writable: true });
  const store = connectViewStore(controller, opts.initialPrompt !== undefined ? { initialPrompt: opts.initialPrompt } : {});
  const notifications = opts.notifications ?? 'off';
  const terminal = terminalOf(opts.env ?? process.env);
  const instance = render(createElement(App, { controller, store, notifications, terminal }), {
    stdout,
    stdin: opts.stdin ?? process.stdin,
    stderr: opts.stderr ?? process.stderr,
    exitOnCtrlC: false,
    patchConsole: opts.patchConsole ?? true,
    ...(opts.interactive !== undefined ? { interactive: opts.interactive } : {}),
    // Shift+Enter is only distinguishable from Enter with the kitty keyboard protocol; 'auto' turns
    // it on in terminals that answer the query (kitty, WezTerm, foot, Ghostty, recent iTerm2).
    kittyKeyboard: { mode: 'auto' },
  });
  try {
    const result: unknown = await instance.waitUntilExit();
    return typeof result === 'number' ? result : (store.getState().exitCode ?? 0);
  } finally {
    store.disconnect();
  }
}

// A real terminal for end-to-end tests of the TUI: the built CLI runs in a detached tmux session of
// a given size; tests type with send-keys and read the screen with capture-pane.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export interface TmuxOptions {
  cwd: string;
  /** The command line to run (argv; quoted for the shell tmux starts). */
  argv: string[];
  env: Record<string, string | undefined>;
  width?: number;
  height?: number;
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export class TmuxSession {
  readonly name: string;
  private readonly socket: string;

  private constructor(name: string, socket: string) {
    this.name = name;
    this.socket = socket;
  }

  /** Starts `argv` in a new detached session on a private tmux server. */
  static start(opts: TmuxOptions): TmuxSession {
    const name = `hew-${randomBytes(4).toString('hex')}`;
    const socket = `hew-test-${name}`;
    const session = new TmuxSession(name, socket);
    const envArgs = Object.entries(opts.env).flatMap(([k, v]) => (v === undefined ? [] : ['-e', `${k}=${v}`]));
    // `exec env -u CI …`: Ink renders only the last frame when it detects CI, so the variables that
    // mark CI are removed inside the terminal (the test process itself may run under CI=true).
    // The shell stays after the program exits (sleep), so the last screen and `[exit N]` can be read.
    const command = `env -u CI -u CONTINUOUS_INTEGRATION ${opts.argv.map(quote).join(' ')}; echo "[exit $?]"; sleep 3600`;
    execFileSync('tmux', [
      '-L', socket, '-f', '/dev/null',
      'new-session', '-d', '-s', name,
      '-x', String(opts.width ?? 100), '-y', String(opts.height ?? 40),
      '-c', opts.cwd, ...envArgs,
      'bash', '--norc', '--noprofile', '-c', command,
    ]);
    return session;
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Types text literally (no key-name interpretation). */
  type(text: string): void {
    this.tmux('send-keys', '-t', this.name, '-l', text);
  }

  /** Sends named keys: 'Enter', 'Escape', 'C-c', 'Up', 'Tab', … */
  keys(...names: string[]): void {
    this.tmux('send-keys', '-t', this.name, ...names);
  }

  /** The visible screen as plain text (no escapes), trailing blanks trimmed. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.name)
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trimEnd();
  }

  /** The screen plus scrollback (what the terminal's own history holds). */
  history(): string {
    return this.tmux('capture-pane', '-p', '-S', '-3000', '-t', this.name)
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trimEnd();
  }

  /** Waits until the screen (and scrollback) matches; throws with the screen on timeout. */
  async waitFor(pattern: RegExp | string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.history();
      if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; the screen:\n${this.screen()}`);
      await sleep(50);
    }
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }

  /** The screen plus scrollback with its colours and styles (the SGR escapes tmux holds for each cell). */
  styledHistory(): string {
    return this.tmux('capture-pane', '-p', '-e', '-S', '-3000', '-t', this.name);
  }

  /** The pane's title (what an OSC 0/2 escape printed into the terminal would set). */
  title(): string {
    return this.tmux('display-message', '-p', '-t', this.name, '#{pane_title}').trimEnd();
  }

  /** Pastes `text` as a terminal paste: bracketed (ESC[200~ … ESC[201~) when the program asked for it, LF sent as CR. */
  paste(text: string): void {
    this.tmux('set-buffer', '-b', this.name, '--', text);
    this.tmux('paste-buffer', '-p', '-d', '-b', this.name, '-t', this.name);
  }
}

// A real terminal for end-to-end tests of the TUI: the built CLI runs in a detached tmux session of
// a given size; tests type with send-keys and read the screen with capture-pane.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from './fixtures.ts';
import { hewHome } from './hew-cli.ts';

/** How long a wait may take before it is a failure: generous, for loaded CI machines. */
export const WAIT_MS = 60_000;

export interface TmuxOptions {
  cwd: string;
  /** The command line to run (argv; quoted for the shell tmux starts). */
  argv: string[];
  env: Record<string, string | undefined>;
  width?: number;
  height?: number;
  /** Server options set before the program can write anything (e.g. `['focus-events', 'on']`). */
  options?: [string, string][];
  /** A file that gets every byte the program writes to the terminal, raw (tmux's pipe-pane -O), from its first. */
  recordOutput?: string;
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export class TmuxSession {
  readonly name: string;
  private readonly socket: string;

  /** The program's pane: window 0 (a test may open and switch to another window). */
  private readonly target: string;

  private constructor(name: string, socket: string) {
    this.name = name;
    this.socket = socket;
    this.target = `${name}:0`;
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
    // Options and the recording are commands of the same invocation: the server runs them before it
    // reads anything the new pane writes.
    const then = [
      ...(opts.options ?? []).flatMap(([option, value]) => [';', 'set-option', '-g', option, value]),
      ...(opts.recordOutput !== undefined ? [';', 'pipe-pane', '-O', '-t', `${name}:0`, `cat >> ${quote(opts.recordOutput)}`] : []),
    ];
    execFileSync('tmux', [
      '-L', socket, '-f', '/dev/null',
      'new-session', '-d', '-s', name,
      '-x', String(opts.width ?? 100), '-y', String(opts.height ?? 40),
      '-c', opts.cwd, ...envArgs,
      'bash', '--norc', '--noprofile', '-c', command,
      ...then,
    ]);
    return session;
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Types text literally (no key-name interpretation). */
  type(text: string): void {
    this.tmux('send-keys', '-t', this.target, '-l', text);
  }

  /** Sends named keys: 'Enter', 'Escape', 'C-c', 'Up', 'Tab', … */
  keys(...names: string[]): void {
    this.tmux('send-keys', '-t', this.target, ...names);
  }

  /** The visible screen as plain text (no escapes), trailing blanks trimmed. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.target)
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trimEnd();
  }

  /** The screen plus scrollback (what the terminal's own history holds). */
  history(): string {
    return this.tmux('capture-pane', '-p', '-S', '-3000', '-t', this.target)
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trimEnd();
  }

  /**
   * Waits until the screen (and scrollback) matches; throws with the screen on timeout. The deadline
   * is generous (60 s) because CI machines are busy: a wait returns as soon as the text is there, so
   * only a real hang costs the whole deadline.
   */
  async waitFor(pattern: RegExp | string, timeoutMs = WAIT_MS): Promise<string> {
    return this.poll(() => this.history(), pattern, timeoutMs);
  }

  /**
   * Waits until the visible screen alone matches (what is shown now, not what scrolled past), e.g.
   * that a full-screen view has closed or that typed text has been echoed into the input box.
   */
  async waitForScreen(pattern: RegExp | string | ((screen: string) => boolean), timeoutMs = WAIT_MS): Promise<string> {
    return this.poll(() => this.screen(), pattern, timeoutMs);
  }

  /**
   * Types a line and presses Enter only once the terminal shows it typed, so the Enter is never
   * part of the same burst as the text: each key arrives as a user's would.
   */
  async submit(text: string): Promise<void> {
    this.type(text);
    // The input line ends with the whole text (a completion menu's `/diff  show …` does not).
    await this.waitForScreen((screen) => screen.split('\n').some((line) => line.replace(/[\s▏│]+$/, '').endsWith(text)));
    this.keys('Enter');
  }

  private async poll(read: () => string, pattern: RegExp | string | ((text: string) => boolean), timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    const matches = (text: string): boolean =>
      typeof pattern === 'string' ? text.includes(pattern) : pattern instanceof RegExp ? pattern.test(text) : pattern(text);
    for (;;) {
      const text = read();
      if (matches(text)) return text;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; the screen:\n${this.screen()}`);
      await sleep(50);
    }
  }

  /**
   * Attaches a client on a terminal of its own (util-linux `script` gives it a pty), as a person at
   * the terminal does: with `focus-events on` the program's pane gains focus. `detach` ends it.
   */
  attachClient(): { detach(): void } {
    const client = spawn('script', ['-qfec', `tmux -L ${this.socket} attach-session -t ${this.name}`, '/dev/null'], {
      stdio: 'ignore',
      env: { ...process.env, TERM: 'xterm-256color' },
    });
    return { detach: () => void client.kill('SIGKILL') };
  }

  /** The attached clients' flags (`attached,focused,UTF-8`), one line each; '' when none is attached. */
  clientFlags(): string {
    return this.tmux('list-clients', '-F', '#{client_flags}').trimEnd();
  }

  /** Opens a second window and makes it the current one: the program's pane loses focus. */
  switchAway(): void {
    this.tmux('new-window', '-t', this.name, 'sleep 3600');
  }

  /** Whether tmux saw a bell in the program's window (tmux sets the flag unless someone looks at it). */
  bellFlag(): boolean {
    return this.tmux('display-message', '-p', '-t', this.target, '#{window_bell_flag}').trim() === '1';
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
    return this.tmux('capture-pane', '-p', '-e', '-S', '-3000', '-t', this.target);
  }

  /** The pane's title (what an OSC 0/2 escape printed into the terminal would set). */
  title(): string {
    return this.tmux('display-message', '-p', '-t', this.target, '#{pane_title}').trimEnd();
  }

  /** Pastes `text` as a terminal paste: bracketed (ESC[200~ … ESC[201~) when the program asked for it, LF sent as CR. */
  paste(text: string): void {
    this.tmux('set-buffer', '-b', this.name, '--', text);
    this.tmux('paste-buffer', '-p', '-d', '-b', this.name, '-t', this.target);
  }
}

export interface HewTuiOptions {
  cwd: string;
  /** The words after `bin/hew` (none: the interactive session). */
  args?: string[];
  /** HOME and the XDG folders (`hewHome()`); a fresh one when left out. */
  home?: { env: Record<string, string> };
  /** More environment: the model server's URL and key, … */
  env?: Record<string, string | undefined>;
  /** A PATH for hew itself: tmux gives a new pane its own PATH whatever `-e PATH=` says, so env(1) sets it. */
  path?: string;
  width?: number;
  height?: number;
  /** tmux server options, set before hew starts (TmuxOptions.options). */
  options?: [string, string][];
  /** A file for every byte hew writes to the terminal (TmuxOptions.recordOutput). */
  recordOutput?: string;
}

/** The built CLI in a new tmux session, in a user's terminal (TERM, LANG, PATH) with its own home. */
export function startHewTui(opts: HewTuiOptions): TmuxSession {
  const home = opts.home ?? hewHome();
  return TmuxSession.start({
    cwd: opts.cwd,
    argv: [...(opts.path !== undefined ? ['env', `PATH=${opts.path}`] : []), process.execPath, join(ROOT, 'bin/hew'), ...(opts.args ?? [])],
    env: { ...home.env, PATH: process.env.PATH, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...opts.env },
    width: opts.width ?? 100,
    height: opts.height ?? 45,
    ...(opts.options ? { options: opts.options } : {}),
    ...(opts.recordOutput !== undefined ? { recordOutput: opts.recordOutput } : {}),
  });
}

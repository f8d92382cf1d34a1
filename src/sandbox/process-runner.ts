// Runs one argv as its own process group and reports combined output and an exit code.
//
// - Memory stays bounded whatever the command prints: only the first and last `keepChars` of the
//   output are kept (output-capture.ts); the middle is counted and dropped, with a note in its place.
// - stdin is closed (with `stdin`: a deleted temp file holding that text); stdout and stderr are
//   combined in arrival order (each decoded as UTF-8 on its
//   own, so a character split across chunks is never mangled) and streamed to `onOutput`.
// - The child is spawned detached, so it leads a new session and process group with no
//   controlling terminal (a prompt that opens /dev/tty fails instead of waiting).
// - Timeout: the whole group gets SIGTERM, then SIGKILL after a grace; exit code 124 and a note.
// - Abort (`signal`): the same kill; resolves (never rejects) with exit code 130 and a note.
// - A process killed by a signal reports 128 + the signal number, like a shell.
// - When the main process exits, whatever is left of its group (background jobs such as
//   `server &`) is given DRAIN_AFTER_EXIT_MS to finish writing, then killed, so a background
//   grandchild holding stdout open cannot hang the call (a bwrap pid namespace does the same).
// - A non-zero exit never throws; a command that cannot start reports 127 (not found) or 126.
// Plain `child_process.spawn`: every guarantee above is ours, so execa's extras (buffering, rejecting,
// cleanup, env merging, final-newline stripping) were all turned off; spawn costs less to load on the
// path of every `hew exec` and of every sandboxed command (docs/architecture.md, "Dependencies").
import { spawn } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { OutputCapture } from './output-capture.ts';
import type { CommandResult } from './types.ts';

export interface RunProcessOptions {
  cwd: string;
  /** The complete environment (nothing is inherited). */
  env: Record<string, string>;
  timeoutMs: number;
  onOutput?: (chunk: string) => void;
  signal: AbortSignal;
  /** Text the command reads on stdin (then EOF); without it stdin is closed from the start. */
  stdin?: string;
  /** Characters of output kept at each end (default DEFAULT_KEEP_CHARS); the middle is dropped. */
  keepChars?: number;
  /** Receives stdout's text alone (it is in the combined output too): for a command that answers in JSON. */
  onStdout?: (chunk: string) => void;
}

/** How long after SIGTERM a group that is still alive gets SIGKILL. */
const KILL_GRACE_MS = 1000;
/** How long after the main process exits its leftover group may keep writing. */
const DRAIN_AFTER_EXIT_MS = 100;
/** Past this (after the exit and the kills) we stop waiting for the pipes to close. */
const CLOSE_FALLBACK_MS = DRAIN_AFTER_EXIT_MS + KILL_GRACE_MS + 1000;

const EXIT_TIMEOUT = 124;
const EXIT_INTERRUPTED = 130;

/** Groups still running, killed if hew itself exits. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
  });
}

/** Signals a process group; false when the group no longer exists. */
function killGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function signalExitCode(signal: NodeJS.Signals): number {
  const signo = (osConstants.signals as Record<string, number | undefined>)[signal];
  return 128 + (signo ?? 0);
}

function startFailure(message: string, exitCode: number, started: number): CommandResult {
  return { exitCode, output: `[hew: ${message}]`, timedOut: false, durationMs: Math.round(performance.now() - started) };
}

export async function runProcess(argv: string[], opts: RunProcessOptions): Promise<CommandResult> {
  const started = performance.now();
  const [file, ...args] = argv;
  if (file === undefined) throw new Error('runProcess: empty argv');
  if (opts.signal.aborted) return startFailure('command interrupted before it started', EXIT_INTERRUPTED, started);
  try {
    if (!statSync(opts.cwd).isDirectory()) return startFailure(`working directory is not a directory: ${opts.cwd}`, 126, started);
  } catch {
    return startFailure(`working directory does not exist: ${opts.cwd}`, 126, started);
  }

  const stdinFd = opts.stdin === undefined ? undefined : stdinFile(opts.stdin);
  // The environment is exactly opts.env; the child leads its own process group (detached).
  let child: ReturnType<typeof spawn>;
  try {
    child = spawn(file, args, { cwd: opts.cwd, env: opts.env, stdio: [stdinFd ?? 'ignore', 'pipe', 'pipe'], detached: true });
  } catch (err) {
    // spawn refuses some input synchronously. A NUL byte in the argv is the caller's bug and throws (as
    // it always has); one in an environment value (the user's config) means the command cannot start.
    if ([file, ...args].some((a) => a.includes('\0'))) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    return startFailure(`could not start the command: ${file}${code ? ` (${code})` : ''}`, 126, started);
  } finally {
    if (stdinFd !== undefined) closeSync(stdinFd);
  }
  // A command that cannot start (not found, not executable) emits 'error' instead of 'spawn'.
  const startError = new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    child.once('error', (err: NodeJS.ErrnoException) => resolve(err));
    child.once('spawn', () => resolve(undefined));
  });

  const capture = new OutputCapture(opts.keepChars);
  let endsWithNewline = true;
  const emit = (text: string): void => {
    if (text === '') return;
    capture.push(text);
    endsWithNewline = text.endsWith('\n');
    try {
      opts.onOutput?.(text);
    } catch {
      // A failing listener must not break the command.
    }
  };
  const stdoutOnly = (text: string): void => {
    if (text === '') return;
    try {
      opts.onStdout?.(text);
    } catch {
      // A failing listener must not break the command.
    }
  };
  /** Each stream's decoder and where its text goes besides the combined output (flushed at the end). */
  const decoders: { decoder: StringDecoder; also: ((text: string) => void) | null }[] = [];
  const take = (text: string, also: ((text: string) => void) | null): void => {
    emit(text);
    also?.(text);
  };
  const listen = (stream: Readable | null, also: ((text: string) => void) | null): void => {
    if (!stream) return;
    const decoder = new StringDecoder('utf8');
    decoders.push({ decoder, also });
    stream.on('data', (chunk: Buffer | string) => take(typeof chunk === 'string' ? chunk : decoder.write(chunk), also));
    stream.on('error', () => {});
  };
  listen(child.stdout, opts.onStdout ? stdoutOnly : null);
  listen(child.stderr, null);

  const failed = await startError;
  const pid = child.pid;
  if (failed !== undefined || pid === undefined) {
    const code = failed?.code ?? '';
    const reason = code === 'ENOENT' ? 'command not found' : 'could not start the command';
    return startFailure(`${reason}: ${file}${code ? ` (${code})` : ''}`, code === 'ENOENT' ? 127 : 126, started);
  }
  child.on('error', () => {}); // a later error (a failed kill) must not throw: the exit is what counts
  installExitHook();
  liveGroups.add(pid);

  // Timers still pending once we have resolved must not keep hew alive.
  let resolved = false;
  const pending: NodeJS.Timeout[] = [];
  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(fn, ms);
    if (resolved) timer.unref();
    pending.push(timer);
  };
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let timedOut = false;
  let interrupted = false;
  let terminating = false;
  const terminate = (): void => {
    if (terminating) return;
    terminating = true;
    if (!killGroup(pid, 'SIGTERM')) return; // the group is already gone
    later(KILL_GRACE_MS, () => {
      if (killGroup(pid, 0)) killGroup(pid, 'SIGKILL');
    });
  };

  const timeoutTimer = setTimeout(() => {
    timedOut = true;
    terminate();
  }, opts.timeoutMs);
  const onAbort = (): void => {
    if (exit) return;
    interrupted = true;
    terminate();
  };
  opts.signal.addEventListener('abort', onAbort, { once: true });
  // An abort while we waited for the 'spawn' event fired before the listener was there.
  if (opts.signal.aborted) onAbort();

  await new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      clearTimeout(timeoutTimer);
      later(DRAIN_AFTER_EXIT_MS, terminate);
      later(CLOSE_FALLBACK_MS, () => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        resolve();
      });
    });
    child.once('close', () => resolve());
  });
  resolved = true;
  clearTimeout(timeoutTimer);
  opts.signal.removeEventListener('abort', onAbort);
  // Leftover background processes are still killed by the pending timers; the result need not wait.
  for (const timer of pending) timer.unref();
  setTimeout(() => liveGroups.delete(pid), DRAIN_AFTER_EXIT_MS + KILL_GRACE_MS + 100).unref();
  for (const { decoder, also } of decoders) take(decoder.end(), also);

  let exitCode: number;
  if (timedOut) {
    exitCode = EXIT_TIMEOUT;
    emit(`${endsWithNewline ? '' : '\n'}[hew: command timed out after ${formatDuration(opts.timeoutMs)}; process group killed]`);
  } else if (interrupted) {
    exitCode = EXIT_INTERRUPTED;
    emit(`${endsWithNewline ? '' : '\n'}[hew: command interrupted; process group killed]`);
  } else if (exit?.signal) {
    exitCode = signalExitCode(exit.signal);
  } else {
    exitCode = exit?.code ?? 1;
  }
  return { exitCode, ...capture.result(), timedOut, durationMs: Math.round(performance.now() - started) };
}

/**
 * stdin as a read-only descriptor of an already deleted temporary file: a plain file, so the command
 * reads it to EOF, and bash does not take it for a network connection (a socket stdin would make
 * `bash -c` source ~/.bashrc).
 */
function stdinFile(text: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'hew-stdin-'));
  const file = join(dir, 'stdin');
  try {
    writeFileSync(file, text, { mode: 0o600 });
    return openSync(file, 'r');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

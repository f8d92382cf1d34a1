// A command from the user's own configuration that hew runs on the host, outside the sandbox: `notify`
// (a run reports back) and `approver` (a headless run's approvals). Both are argv arrays, never a shell
// line, so nothing the model or a repository wrote can become part of a command: model text reaches
// one only as a whole argument (notify's payload) or on stdin (the approver's request).
//
// - Never throws, never rejects: a command that cannot start, exits non-zero or runs too long is a
//   result, which the caller turns into a warning (notify) or a denial (approver).
// - Runs as its own process group (process-runner.ts): on timeout or abort the whole group is killed.
// - Gets the user's environment (it is the user's program, run where they configured it: notify-send
//   needs DISPLAY and DBUS_SESSION_BUS_ADDRESS, a webhook its token), with `HEW_HOST_COMMAND` set to
//   what asked; what hew gives it as input (payload, request) is already redacted.
// - Runs in the user's home directory, not the repository: nothing in a repository is read by it
//   (a planted tool, a `.envrc`, a git config) unless the user's command chooses to.
// - stdout is kept apart (the approver answers there) and bounded; the combined output, for warnings
//   and the run's log, keeps only its head and tail.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { runProcess } from '../sandbox/process-runner.ts';

/** What the command is for; set in its environment as HEW_HOST_COMMAND. */
export type HostCommandPurpose = 'notify' | 'approver';

export interface HostCommandOptions {
  /** The program and its arguments, as configured (plus what the caller appends). */
  argv: readonly string[];
  purpose: HostCommandPurpose;
  /** Text written to stdin, then EOF; without it stdin is closed. */
  stdin?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Default: the user's home directory. */
  cwd?: string;
}

export interface HostCommandResult {
  /** The exit code as a shell reports it: 124 on timeout, 127 not found, 126 could not start, 130 aborted. */
  exitCode: number;
  timedOut: boolean;
  /** stdout alone, at most HOST_STDOUT_MAX_CHARS (beyond that it is cut). */
  stdout: string;
  /** stdout and stderr combined, head and tail kept (with hew's own notes, e.g. "command not found"). */
  output: string;
  durationMs: number;
}

/** The most of a host command's stdout hew keeps (an approver's answer is one short JSON object). */
export const HOST_STDOUT_MAX_CHARS = 64 * 1024;
/** Characters kept at each end of the combined output. */
const OUTPUT_KEEP_CHARS = 4 * 1024;

export async function runHostCommand(opts: HostCommandOptions): Promise<HostCommandResult> {
  if (opts.argv.length === 0 || opts.argv[0] === '') {
    return { exitCode: 127, timedOut: false, stdout: '', output: '[hew: the command is empty]', durationMs: 0 };
  }
  if (opts.argv.some((a) => a.includes('\0'))) {
    return { exitCode: 126, timedOut: false, stdout: '', output: '[hew: the command has a NUL byte in an argument]', durationMs: 0 };
  }
  let stdout = '';
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(opts.env ?? process.env)) if (value !== undefined) env[name] = value;
  env.HEW_HOST_COMMAND = opts.purpose;
  const result = await runProcess([...opts.argv], {
    cwd: opts.cwd ?? homeOrRoot(),
    env,
    timeoutMs: opts.timeoutMs,
    signal: opts.signal ?? new AbortController().signal,
    keepChars: OUTPUT_KEEP_CHARS,
    ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}),
    onStdout: (text) => {
      if (stdout.length < HOST_STDOUT_MAX_CHARS) stdout = (stdout + text).slice(0, HOST_STDOUT_MAX_CHARS);
    },
  });
  return { exitCode: result.exitCode, timedOut: result.timedOut, stdout, output: result.output, durationMs: result.durationMs };
}

/** The user's home directory, or `/` when it does not exist (a service account). */
function homeOrRoot(): string {
  const home = homedir();
  try {
    return statSync(home).isDirectory() ? home : '/';
  } catch {
    return '/';
  }
}

/** One line for a warning: what ran and how it ended (the output's last lines, when it said anything). */
export function describeHostFailure(what: string, argv: readonly string[], result: HostCommandResult): string {
  const program = argv[0] ?? '';
  const how = result.timedOut ? `timed out after ${result.durationMs} ms` : `exited with code ${result.exitCode}`;
  const said = result.output.trim().split('\n').slice(-3).join(' | ');
  return `the ${what} command \`${program}\` ${how}${said ? `: ${said}` : ''}`;
}

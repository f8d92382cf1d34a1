// The run's `setup` command (config key `setup`, task front matter `setup:`): run once in the working
// copy, before the agent's first model request and before any tool, to install what the project needs.
//
// - Same sandbox and same environment as the agent's commands (Sandbox.run: the scrubbed environment,
//   the same mounts), in the directory the user started in (as the task's check), but WITH the
//   network (`CommandSpec.network`), whatever `--network` says for the agent.
// - Recorded as a `command_execution` item with `tool: "setup"` (item id `setup`), its output bounded
//   like any command's (capCommandOutput); the full output goes to the run log.
// - A non-zero exit, a timeout (SETUP_TIMEOUT_MS) or no usable sandbox (kind none without
//   danger-full-access: nothing may run unconfined unasked) is a SetupFailedError: the run stops with
//   one line, no model request is made, the run is `failed` (exit 1).
// - What setup wrote is the environment, not the run's work: new top-level untracked paths are added
//   to the copy's `.git/info/exclude` and the copy's state after setup becomes the base snapshot, so
//   neither shows in `hew diff` nor reaches the user's checkout with `hew apply`.
import { join } from 'node:path';
import type { EmitFn, Item } from '../protocol/events.ts';
import { capCommandOutput } from '../sandbox/output-cap.ts';
import type { Sandbox } from '../sandbox/types.ts';
import type { WorkingCopy } from '../workcopy/create.ts';
import { adoptSetupResult } from '../workcopy/setup-base.ts';

/** How long setup may run before it is killed (exit 124) and the run fails. */
const SETUP_TIMEOUT_MS = 10 * 60_000;

const SETUP_ITEM_ID = 'setup';

class SetupFailedError extends Error {}

export interface SetupOutcome {
  command: string;
  exitCode: number;
  durationMs: number;
}

export interface SetupStepOptions {
  command: string;
  copy: WorkingCopy;
  sandbox: Sandbox;
  /** Where the copy appears to commands (the item's cwd). */
  visibleRoot: string;
  emit: EmitFn;
  log: (text: string) => void;
  /** Told the copy's new base snapshot once what setup wrote was adopted (also after a failure). */
  onRebased: (commit: string) => void;
  signal: AbortSignal;
  timeoutMs?: number;
}

/** Runs the setup and adopts what it wrote; resolves when it passed, throws SetupFailedError (after its item) when not. */
export async function runSetupStep(opts: SetupStepOptions): Promise<SetupOutcome> {
  try {
    return await runCommand(opts);
  } finally {
    opts.copy.baseSnapshot = await adoptSetupResult(opts.copy);
    opts.onRebased(opts.copy.baseSnapshot);
  }
}

async function runCommand(opts: SetupStepOptions): Promise<SetupOutcome> {
  const { command, copy, sandbox } = opts;
  const cwd = join(opts.visibleRoot, copy.subdir);
  // Like read_file's and grep's items, the shown command starts with the tool's name.
  const base: Item = { id: SETUP_ITEM_ID, type: 'command_execution', command: `setup ${command}`, cwd, exit_code: null, aggregated_output: '', duration_ms: null, tool: 'setup', status: 'in_progress' };
  opts.emit({ type: 'item.started', item: base });
  if (sandbox.kind === 'none' && sandbox.mode !== 'danger-full-access') {
    const message = 'no usable sandbox, and setup would run unconfined';
    opts.emit({ type: 'item.completed', item: { ...base, exit_code: 126, aggregated_output: `[hew: not run: ${message}]`, duration_ms: 0, status: 'failed' } });
    throw new SetupFailedError(`setup \`${command}\` was not run: ${message} (run \`hew doctor\`, or use -s danger-full-access)`);
  }
  const timeoutMs = opts.timeoutMs ?? SETUP_TIMEOUT_MS;
  const result = await sandbox.run({ command, cwd: join(copy.root, copy.subdir), timeoutMs, network: true }, opts.signal);
  opts.log(`$ ${command}  # setup\n${result.output}\n[exit ${result.exitCode}]\n`);
  const shown = capCommandOutput(result);
  const ok = result.exitCode === 0 && !result.timedOut;
  opts.emit({ type: 'item.completed', item: { ...base, exit_code: result.exitCode, aggregated_output: shown, duration_ms: result.durationMs, status: ok ? 'completed' : 'failed' } });
  if (opts.signal.aborted) throw new SetupFailedError(`setup \`${command}\` was interrupted`);
  if (!ok) {
    const why = result.timedOut ? `timed out after ${Math.round(timeoutMs / 1000)} s` : `exited ${result.exitCode}`;
    const last = lastLine(shown);
    throw new SetupFailedError(`setup \`${command}\` ${why}${last ? ` (last output: ${last})` : ''}; the agent was not started, see the run's commands.log`);
  }
  return { command, exitCode: result.exitCode, durationMs: result.durationMs };
}

function lastLine(output: string): string {
  const line = output.split('\n').map((l) => l.trim()).filter(Boolean).at(-1) ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** The orientation's line about a setup that passed. */
export function setupNote(outcome: SetupOutcome): string {
  return `Setup: \`${outcome.command.split('\n')[0]?.slice(0, 120)}\` ran in this copy with network before you started (exit 0, ${(outcome.durationMs / 1000).toFixed(1)} s).`;
}

// The sandbox check of the model-driven fronts. Each starts the probe as it starts (so the probe runs
// while the config loads and the task is read) and waits for it just before the run opens, so
// thread.started and the system prompt say what is really in force. The headless fronts (exec, batch,
// watch) stop there with exit 6 when no sandbox is usable and the user did not choose
// `-s danger-full-access`; the interactive ones go on and ask before every command.
import { HewError } from '../errors/hew-error.ts';
import { noSandboxMessage } from '../sandbox/in-force.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { probeOptionsFromEnv, probeSandbox } from '../sandbox/probe.ts';
import type { SandboxProbe } from '../sandbox/probe.ts';
import type { SandboxMode } from '../protocol/sandbox.ts';

/** Headless, no usable sandbox, no danger-full-access: exit 6 before the first model request. */
export class NoSandboxError extends HewError {
  constructor(message: string) {
    super(message, EXIT.unsafe);
    this.name = 'NoSandboxError';
  }
}

/** Starts (or joins) this process's probe, with the options hew's environment asks for (HEW_BWRAP). */
export function startSandboxProbe(env: NodeJS.ProcessEnv = process.env): Promise<SandboxProbe> {
  return probeSandbox(probeOptionsFromEnv(env));
}

/** The probe's answer for a run in `mode`; null for danger-full-access, which needs none and does not wait. */
export async function probeFor(mode: SandboxMode, probing: Promise<SandboxProbe>): Promise<SandboxProbe | null> {
  return mode === 'danger-full-access' ? null : probing;
}

/** Like probeFor, but a headless run without a usable sandbox stops here (NoSandboxError, exit 6). */
export async function requireSandbox(mode: SandboxMode, probing: Promise<SandboxProbe>): Promise<SandboxProbe | null> {
  const probe = await probeFor(mode, probing);
  if (probe && !probe.ok) throw new NoSandboxError(noSandboxMessage(probe));
  return probe;
}

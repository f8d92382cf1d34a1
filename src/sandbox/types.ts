// The sandbox seam: every command the agent (or a task's check) runs goes through a Sandbox.
import type { SandboxKind, SandboxMode } from '../protocol/sandbox.ts';
import type { OutputCut } from './output-capture.ts';

export interface CommandSpec {
  /** A bash script (run as `bash -c`, never a login shell) or an argv. */
  command: string | string[];
  /** Absolute directory to run in; must be inside the working copy. */
  cwd: string;
  /** Kill the whole process group after this long; reported as exit code 124. */
  timeoutMs: number;
  /** Extra environment on top of the scrubbed, non-interactive base. */
  env?: Record<string, string>;
  /** Called with combined stdout+stderr text as it arrives. */
  onOutput?: (chunk: string) => void;
  /** Allow network for this command even when the sandbox's default is off (an approved request). */
  network?: boolean;
  /** Written to the command's stdin, which is then closed (default: stdin is closed at once). */
  stdin?: string;
}

export interface CommandResult {
  exitCode: number;
  /**
   * Combined stdout+stderr in arrival order; past 1 Mi characters at each end, the middle is cut and
   * replaced by a note (see `cut`). The caller caps what the model sees (capCommandOutput).
   */
  output: string;
  /** Where and how much of the middle was cut, when it was. */
  cut?: OutputCut;
  timedOut: boolean;
  durationMs: number;
}

export interface Sandbox {
  /** 'none' means commands are not confined (danger-full-access, or no usable sandbox). */
  readonly kind: SandboxKind;
  readonly mode: SandboxMode;
  /** Whether the sandbox lets commands reach the network by default. */
  readonly network: boolean;
  run(cmd: CommandSpec, signal: AbortSignal): Promise<CommandResult>;
}

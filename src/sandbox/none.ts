// The `none` sandbox: commands run directly on the host (used for `danger-full-access`, for tests,
// and where no OS sandbox exists). It still gives commands the environment of env.ts, closes stdin (after feeding it `stdin`, if given), enforces the
// timeout on the whole process group, and runs scripts with `bash -c` (never a login shell).
// `mode` is recorded for reporting only; this sandbox cannot enforce `read-only`.
import { commandArgv } from './argv.ts';
import { commandEnvironment } from './env.ts';
import { runProcess } from './process-runner.ts';
import type { EnvPolicy } from '../secrets/env-policy.ts';
import type { CommandResult, CommandSpec, Sandbox } from './types.ts';
import type { SandboxMode } from '../protocol/sandbox.ts';

export interface NoneSandboxOptions {
  /** Defaults to `danger-full-access`, which is what running without a sandbox amounts to. */
  mode?: SandboxMode;
  /** The environment to scrub and pass on; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Which variables commands get (default: the built-in secret rules), the same as under bwrap. */
  envPolicy?: EnvPolicy;
}

export function createNoneSandbox(opts: NoneSandboxOptions = {}): Sandbox {
  const mode = opts.mode ?? 'danger-full-access';
  const baseEnv = opts.env ?? process.env;
  return {
    kind: 'none',
    mode,
    network: true,
    async run(cmd: CommandSpec, signal: AbortSignal): Promise<CommandResult> {
      return runProcess(commandArgv(cmd.command), {
        cwd: cmd.cwd,
        env: { ...commandEnvironment(baseEnv, opts.envPolicy), ...cmd.env },
        timeoutMs: cmd.timeoutMs,
        onOutput: cmd.onOutput,
        signal,
        ...(cmd.stdin !== undefined ? { stdin: cmd.stdin } : {}),
      });
    },
  };
}

// The macOS sandbox: every command runs under `sandbox-exec` with the profile of seatbelt-profile.ts.
// macOS cannot mount the copy at the user's repository path, so commands run in the copy at its own
// path (SPEC §4 "where the platform allows"); dependency directories are not mounted either.
// $HOME and TMPDIR point into a private temp directory made for this sandbox and removed when hew exits.
// UNTESTED: there is no macOS machine in CI (see docs/sandbox.md); the profile text is unit-tested.
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commandArgv } from './argv.ts';
import { isWithin } from './bwrap-layout.ts';
import { commandEnvironment } from './env.ts';
import { runProcess } from './process-runner.ts';
import { seatbeltProfile } from './seatbelt-profile.ts';
import type { EnvPolicy } from '../secrets/env-policy.ts';
import { toolchainMounts } from './toolchains.ts';
import type { CommandResult, CommandSpec, Sandbox } from './types.ts';

export interface SeatbeltOptions {
  mode: 'read-only' | 'workspace-write';
  network: boolean;
  copyRoot: string;
  env?: NodeJS.ProcessEnv;
  /** Which variables commands get (default: the built-in secret rules). */
  envPolicy?: EnvPolicy;
  /** Extra paths under $HOME to keep readable. */
  readOnlyPaths?: string[];
  sandboxExecPath?: string;
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

export function createSeatbeltSandbox(opts: SeatbeltOptions): Sandbox {
  const baseEnv = opts.env ?? process.env;
  const copyRoot = real(opts.copyRoot);
  const home = baseEnv.HOME && baseEnv.HOME !== '/' ? real(baseEnv.HOME) : undefined;
  const readable = [
    ...(home ? toolchainMounts({ pathVar: baseEnv.PATH, hiddenRoots: [home], visibleRoot: copyRoot }) : []),
    ...(opts.readOnlyPaths ?? []).map(real),
  ];
  let tmpDir: string | undefined;
  const privateTmp = (): string => {
    if (tmpDir === undefined) {
      const dir = real(mkdtempSync(path.join(tmpdir(), 'hew-sandbox-')));
      mkdirSync(path.join(dir, 'home'));
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      tmpDir = dir;
    }
    return tmpDir;
  };

  return {
    kind: 'seatbelt',
    mode: opts.mode,
    network: opts.network,
    async run(cmd: CommandSpec, signal: AbortSignal): Promise<CommandResult> {
      const cwd = path.resolve(cmd.cwd);
      if (!isWithin(real(cwd), copyRoot)) {
        return { exitCode: 126, output: `[hew: working directory is outside the working copy: ${cmd.cwd}]`, timedOut: false, durationMs: 0 };
      }
      const tmp = privateTmp();
      const profile = seatbeltProfile({
        mode: opts.mode,
        network: opts.network || cmd.network === true,
        copyRoot,
        tmpDir: tmp,
        home,
        readablePaths: readable,
      });
      const env = commandEnvironment(baseEnv, opts.envPolicy);
      Object.assign(env, { HOME: path.join(tmp, 'home'), TMPDIR: tmp }, cmd.env ?? {});
      const argv = [opts.sandboxExecPath ?? '/usr/bin/sandbox-exec', '-p', profile, '--', ...commandArgv(cmd.command)];
      return runProcess(argv, { cwd, env, timeoutMs: cmd.timeoutMs, onOutput: cmd.onOutput, signal, ...(cmd.stdin !== undefined ? { stdin: cmd.stdin } : {}) });
    },
  };
}

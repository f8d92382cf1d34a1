// The Linux sandbox: every command runs under bubblewrap (SPEC §5). See bwrap-layout.ts for what the
// filesystem looks like inside and docs/sandbox.md for the whole picture.
//
// Confinement: new user, pid, ipc, uts and cgroup namespaces and a new network namespace unless the
// network is allowed (a fresh one still has a working loopback); all capabilities dropped, even when
// hew runs as root (`--unshare-user` is always passed: bwrap run by root without it would keep its
// capabilities); `--die-with-parent`. No terminal: runProcess starts bwrap in a new session with no
// controlling terminal and no terminal among its file descriptors, so nothing inside can type into
// the user's terminal (TIOCSTI) — which is why `--new-session` is not passed: it made bwrap's child
// leave the process group runProcess kills, and an interrupt in bwrap's first milliseconds (before
// `--die-with-parent` was armed in that child) left the command running on its own.
// Killing: runProcess kills bwrap's process group, bwrap's child (pid 1 of the new pid namespace)
// included, and the kernel then kills everything else in the namespace, so nothing a command
// leaves behind (`nohup … &`, `setsid …`) outlives it. The command cannot see or signal host
// processes, hew included.
// Limits: a bash prologue inside lowers RLIMIT_NPROC and RLIMIT_DATA, then execs the command (limits.ts).
// Environment: `--clearenv`, then the commands' environment of env.ts via `--setenv`
// (values are visible in bwrap's command line to local users, which is why secrets are scrubbed first).
import { isRealDirectory } from '../fs/real-directory.ts';
import path from 'node:path';
import { commandArgv } from './argv.ts';
import { type Layout, type ReadOnlyMount, isWithin, planLayout } from './bwrap-layout.ts';
import { commandEnvironment } from './env.ts';
import { limitsPrologue } from './limits.ts';
import type { SandboxLimits } from './limits.ts';
import { runProcess } from './process-runner.ts';
import type { EnvPolicy } from '../secrets/env-policy.ts';
import type { CommandResult, CommandSpec, Sandbox } from './types.ts';
import { findExecutable } from './which.ts';

export interface DependencyMount {
  /** Host directory (the user's own node_modules, .venv, …). */
  source: string;
  /** Where it appears inside the sandbox: a path under `visibleRoot`. */
  target: string;
}

export interface BwrapOptions {
  mode: 'read-only' | 'workspace-write';
  /** Default network for commands; `CommandSpec.network: true` allows it for one command. */
  network: boolean;
  /** The working copy on the host. */
  copyRoot: string;
  /** Where the copy appears inside the sandbox: the user's repository path. */
  visibleRoot: string;
  /** Host directories bound read-only at `target` (under visibleRoot); the mount points must exist in the copy. */
  dependencyMounts?: DependencyMount[];
  /** Base environment to scrub (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Which variables commands get (default: the built-in secret rules). */
  envPolicy?: EnvPolicy;
  /** Extra host paths under hidden places to expose read-only at the same path. */
  readOnlyPaths?: string[];
  /** The user's skill folders, bound read-only at their listed paths (bwrap-layout.ts). */
  skillMounts?: readonly ReadOnlyMount[];
  /** Absolute path of bwrap (default: `bwrap` found on PATH). */
  bwrapPath?: string;
  /** Process and memory rlimits inside (limits.ts; defaults apply to what is left out). */
  limits?: SandboxLimits;
}

/** Namespaces and hardening, shared with the probe so it tests exactly what commands get. */
export const CONFINEMENT_FLAGS: readonly string[] = [
  '--unshare-user',
  '--unshare-pid',
  '--unshare-ipc',
  '--unshare-uts',
  '--unshare-cgroup-try',
  '--cap-drop',
  'ALL',
  '--die-with-parent',
];

/** The base filesystem: read-only root, new /dev and /proc. */
export const BASE_MOUNTS: readonly string[] = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc'];

/** Variables dropped inside: they point at sessions, displays and sockets the sandbox hides. */
const SESSION_VARS = ['OLDPWD', 'XDG_RUNTIME_DIR', 'DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'XAUTHORITY', 'TMUX', 'TMUX_PANE', 'SSH_CONNECTION', 'SSH_CLIENT', 'SSH_TTY'];

export interface BwrapInvocation {
  /** The full argv, bwrap first. */
  argv: string[];
  /** Host directory bwrap itself starts in (inside the copy). */
  hostCwd: string;
  /** The command's directory inside the sandbox (under visibleRoot). */
  sandboxCwd: string;
}

export interface PreparedBwrap {
  readonly layout: Layout;
  /** The exact bwrap invocation for one command; throws when `cmd.cwd` is outside the copy. */
  invocation(cmd: Pick<CommandSpec, 'command' | 'cwd' | 'env' | 'network'>): BwrapInvocation;
}

/** Plans the sandbox once; each command then only checks its mount points and builds an argv. */
export function prepareBwrap(opts: BwrapOptions): PreparedBwrap {
  const copyRoot = path.resolve(opts.copyRoot);
  const visibleRoot = path.resolve(opts.visibleRoot);
  const baseEnv = opts.env ?? process.env;
  const bwrap = findExecutable(opts.bwrapPath ?? 'bwrap', process.env.PATH) ?? opts.bwrapPath ?? 'bwrap';
  const prologue = limitsPrologue(opts.limits);
  const deps = (opts.dependencyMounts ?? []).map((m) => ({ source: path.resolve(m.source), target: path.resolve(m.target) }));
  for (const m of deps) {
    if (m.target === visibleRoot || !isWithin(m.target, visibleRoot)) throw new Error(`dependency mount target must be inside ${visibleRoot}: ${m.target}`);
  }
  const layout = planLayout({
    mode: opts.mode,
    copyRoot,
    visibleRoot,
    home: baseEnv.HOME,
    pathVar: baseEnv.PATH,
    readOnlyPaths: opts.readOnlyPaths,
    ...(opts.skillMounts ? { skillMounts: opts.skillMounts } : {}),
    isRoot: process.getuid?.() === 0,
  });

  const mapCwd = (cwd: string): { host: string; inside: string } => {
    const abs = path.resolve(cwd);
    let rel: string;
    if (isWithin(abs, copyRoot)) rel = path.relative(copyRoot, abs);
    else if (isWithin(abs, visibleRoot)) rel = path.relative(visibleRoot, abs);
    else throw new Error(`working directory is outside the working copy: ${cwd}`);
    return { host: path.join(copyRoot, rel), inside: path.join(visibleRoot, rel) };
  };

  const dependencyArgs = (): string[] => {
    const args: string[] = [];
    for (const m of deps) {
      // The mount point must be a real directory in the copy: a symlink planted there would only
      // move the mount inside the sandbox's own view, but a missing one would make bwrap fail.
      if (realDirInCopy(copyRoot, path.relative(visibleRoot, m.target))) args.push('--ro-bind', m.source, m.target);
    }
    return args;
  };

  return {
    layout,
    invocation(cmd) {
      const cwd = mapCwd(cmd.cwd);
      const env = commandEnvironment(baseEnv, opts.envPolicy);
      for (const name of SESSION_VARS) delete env[name];
      Object.assign(env, { HOME: layout.home, TMPDIR: '/tmp', PWD: cwd.inside }, cmd.env ?? {});
      const network = opts.network || cmd.network === true;
      const argv = [
        bwrap,
        ...CONFINEMENT_FLAGS,
        ...(network ? [] : ['--unshare-net']),
        ...BASE_MOUNTS,
        ...layout.before,
        ...layout.copy,
        ...layout.after,
        ...dependencyArgs(),
        '--chdir',
        cwd.inside,
        '--clearenv',
        ...Object.entries(env).flatMap(([k, v]) => ['--setenv', k, v]),
        '--',
        ...prologue,
        ...commandArgv(cmd.command),
      ];
      return { argv, hostCwd: cwd.host, sandboxCwd: cwd.inside };
    },
  };
}

export function createBwrapSandbox(opts: BwrapOptions): Sandbox {
  const prepared = prepareBwrap(opts);
  return {
    kind: 'bwrap',
    mode: opts.mode,
    network: opts.network,
    async run(cmd: CommandSpec, signal: AbortSignal): Promise<CommandResult> {
      let inv: BwrapInvocation;
      try {
        inv = prepared.invocation(cmd);
      } catch (err) {
        return { exitCode: 126, output: `[hew: ${(err as Error).message}]`, timedOut: false, durationMs: 0 };
      }
      // bwrap itself needs no environment: the command's is set with --setenv.
      return runProcess(inv.argv, { cwd: inv.hostCwd, env: {}, timeoutMs: cmd.timeoutMs, onOutput: cmd.onOutput, signal, ...(cmd.stdin !== undefined ? { stdin: cmd.stdin } : {}) });
    },
  };
}

/** True when every component of `rel` under `root` is a real directory (no symlinks). */
function realDirInCopy(root: string, rel: string): boolean {
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  let p = root;
  for (const part of rel.split(path.sep)) {
    p = path.join(p, part);
    if (!isRealDirectory(p)) return false;
  }
  return true;
}

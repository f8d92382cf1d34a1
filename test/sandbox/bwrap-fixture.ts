// A bubblewrap test world: a "user's repository", its working copy (a real git repo), a host HOME with a
// planted secret, and a runner that runs commands either through the Sandbox as root (how the suite
// runs) or with the exact same bwrap argv under `setpriv` as the ordinary user nobody (65534).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, linkSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createBwrapSandbox, prepareBwrap, type BwrapOptions } from '../../src/sandbox/bwrap.ts';
import { runProcess } from '../../src/sandbox/process-runner.ts';
import type { CommandResult, CommandSpec } from '../../src/sandbox/types.ts';
import { chownTree, NOBODY } from '../support/as-user.ts';

export type RunAs = 'root' | 'nobody';
export { NOBODY };
export const SECRET = 'SECRET-PRIVATE-KEY-7d1f';

export interface World {
  base: string;
  /** The user's repository (the sandbox shows the copy at this path). */
  repo: string;
  /** The working copy on the host. */
  copy: string;
  /** The host HOME given to the sandbox (under `outside`), with .ssh/id_rsa holding SECRET. */
  home: string;
  /** A host directory outside every hidden place, writable by anyone on the host. */
  outside: string;
  /** PATH for the sandboxed commands (for nobody: no directories under /root, plus a node it can reach). */
  pathVar: string;
  cleanup(): void;
}

/** A node binary nobody can run: a hard link (or copy) of ours in a world-readable directory. */
function nodeFor(base: string): string {
  const bin = path.join(base, 'tools', 'bin');
  mkdirSync(bin, { recursive: true });
  const target = path.join(bin, 'node');
  try {
    linkSync(process.execPath, target);
  } catch {
    copyFileSync(process.execPath, target);
  }
  chmodSync(target, 0o755);
  return bin;
}

export function makeWorld(as: RunAs): World {
  const base = mkdtempSync('/tmp/hew-sbx-');
  chmodSync(base, 0o755);
  const outside = mkdtempSync(path.join(statDir('/srv') ? '/srv' : '/opt', 'hew-sbx-outside-'));
  chmodSync(outside, 0o777);
  const repo = path.join(base, 'repo');
  const copy = path.join(base, 'copy');
  // Outside /tmp (which is hidden anyway), so the test proves that HOME itself is hidden.
  const home = path.join(outside, 'home');
  mkdirSync(path.join(repo, 'sub'), { recursive: true });
  writeFileSync(path.join(repo, 'f.txt'), 'user\n');
  mkdirSync(path.join(copy, 'sub'), { recursive: true });
  writeFileSync(path.join(copy, 'f.txt'), 'copy\n');
  execFileSync('git', ['init', '-q', '-b', 'main', copy]);
  execFileSync('git', ['-C', copy, '-c', 'user.name=t', '-c', 'user.email=t@e', 'add', '-A']);
  execFileSync('git', ['-C', copy, '-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '-qm', 'base']);
  mkdirSync(path.join(home, '.ssh'), { recursive: true });
  writeFileSync(path.join(home, '.ssh', 'id_rsa'), `${SECRET}\n`, { mode: 0o600 });
  const sysPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  let pathVar: string;
  if (as === 'nobody') {
    pathVar = `${nodeFor(base)}:${sysPath}`;
    chownTree(copy, NOBODY);
    chownTree(home, NOBODY);
  } else {
    pathVar = `${path.dirname(process.execPath)}:${sysPath}`;
  }
  return {
    base,
    repo,
    copy,
    home,
    outside,
    pathVar,
    cleanup: () => {
      rmSync(base, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    },
  };
}

function statDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The environment handed to the sandbox: secrets included, so the test can see them scrubbed. */
export function worldEnv(w: World): NodeJS.ProcessEnv {
  return {
    PATH: w.pathVar,
    HOME: w.home,
    LANG: 'C.UTF-8',
    MY_VAR: 'visible',
    FOO_API_KEY: 'leak-foo',
    OPENAI_API_KEY: 'leak-openai',
    GITHUB_TOKEN: 'leak-gh',
    SSH_AUTH_SOCK: '/run/user/0/ssh-agent.sock',
  };
}

export interface Runner {
  run(cmd: Omit<CommandSpec, 'timeoutMs'> & { timeoutMs?: number }, signal?: AbortSignal): Promise<CommandResult>;
}

/**
 * As root: the Sandbox itself. As nobody: the argv the sandbox would run, under setpriv (no
 * capabilities, uid/gid 65534, no supplementary groups), through the same process runner.
 */
export function makeRunner(as: RunAs, opts: BwrapOptions): Runner {
  if (as === 'root') {
    const sandbox = createBwrapSandbox(opts);
    return { run: (cmd, signal) => sandbox.run({ timeoutMs: 20_000, ...cmd }, signal ?? new AbortController().signal) };
  }
  const prepared = prepareBwrap(opts);
  return {
    run: (cmd, signal) => {
      const inv = prepared.invocation(cmd);
      const argv = ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', ...inv.argv];
      return runProcess(argv, { cwd: inv.hostCwd, env: { PATH: '/usr/bin:/bin' }, timeoutMs: cmd.timeoutMs ?? 20_000, onOutput: cmd.onOutput, signal: signal ?? new AbortController().signal });
    },
  };
}

// Running the built CLI as root or as `nobody` (uid 65534), for end-to-end tests of what holds for an
// ordinary user too: an installation of bin/, dist/ and a node binary that nobody can read, and
// `setpriv` to drop to nobody.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { git, ROOT } from './fixtures.ts';
import { parseEvents } from './hew-cli.ts';

export const NOBODY = 65534;
export type As = 'root' | 'nobody';

/**
 * A directory for a test file's worlds: outside /tmp (which the sandbox replaces, so hiding `$HOME`
 * and `..` is really tested), readable by nobody, removed after the file's tests.
 */
export function userBase(prefix: string): string {
  const base = mkdtempSync(join('/opt', prefix));
  chmodSync(base, 0o755);
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  return base;
}

/** git as the user on trees that nobody may own (safe.directory=*), with no system config. */
export const USER_GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'safe.directory',
  GIT_CONFIG_VALUE_0: '*',
  GIT_AUTHOR_NAME: 'User',
  GIT_AUTHOR_EMAIL: 'user@example.com',
  GIT_COMMITTER_NAME: 'User',
  GIT_COMMITTER_EMAIL: 'user@example.com',
};

/** Runs git in `cwd` with USER_GIT_ENV; returns stdout. */
export function userGit(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...USER_GIT_ENV }, encoding: 'utf8' });
}

export function chownTree(dir: string, uid: number): void {
  chownSync(dir, uid, uid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, uid);
    else chownSync(p, uid, uid);
  }
}

/** An installation of the built CLI (and a node binary) that `as` can run; `base` must be readable by nobody. */
export function installFor(as: As, base: string): { node: string; hew: string } {
  if (as === 'root') return { node: process.execPath, hew: join(ROOT, 'bin/hew') };
  const dir = join(base, 'install');
  if (!existsSync(dir)) {
    mkdirSync(join(dir, 'node_modules', '@vscode'), { recursive: true });
    for (const part of ['bin', 'dist', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
    for (const pkg of readdirSync(join(ROOT, 'node_modules', '@vscode'))) {
      cpSync(join(ROOT, 'node_modules', '@vscode', pkg), join(dir, 'node_modules', '@vscode', pkg), { recursive: true });
    }
    mkdirSync(join(dir, 'nodebin'));
    try {
      linkSync(process.execPath, join(dir, 'nodebin', 'node'));
    } catch {
      copyFileSync(process.execPath, join(dir, 'nodebin', 'node'));
    }
    chmodSync(join(dir, 'nodebin', 'node'), 0o755);
  }
  return { node: join(dir, 'nodebin', 'node'), hew: join(dir, 'bin', 'hew') };
}

export interface UserWorld {
  /** Holds repo/ and home/; a test may add its own things here (chown them to `as`). */
  dir: string;
  repo: string;
  home: string;
  env: Record<string, string>;
}

/** A copy of fixtures/date-parser as a git repository owned by `as`, with a home and an environment. */
export function userWorld(as: As, base: string, name: string): UserWorld {
  const dir = join(base, `${as}-${name}`);
  const repo = join(dir, 'repo');
  const home = join(dir, 'home');
  for (const d of [repo, home]) mkdirSync(d, { recursive: true });
  cpSync(join(ROOT, 'fixtures', 'date-parser'), repo, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'initial');
  chmodSync(dir, 0o755);
  if (as === 'nobody') chownTree(dir, NOBODY);
  return { dir, repo, home, env: userEnv(as, base, home) };
}

/** The whole environment of a hew run as `as` with `home` as its home (add OPENAI_BASE_URL). */
export function userEnv(as: As, base: string, home: string): Record<string, string> {
  const nodeDir = join(installFor(as, base).node, '..');
  return {
    PATH: `${nodeDir}:/usr/local/bin:/usr/bin:/bin`,
    HOME: home,
    XDG_STATE_HOME: join(home, '.local', 'state'),
    XDG_CONFIG_HOME: join(home, '.config'),
    NO_COLOR: '1',
    OPENAI_API_KEY: 'sk-test',
    LANG: 'C.UTF-8',
  };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSONL (only meaningful with --json). */
  events(): StampedEvent[];
}

export interface RunOptions {
  /** Kill the CLI (SIGKILL) after this long; default 90 s. */
  timeoutMs?: number;
  /** Called with the CLI's pid as soon as it is started. */
  onPid?: (pid: number) => void;
}

/** Runs `hew args` as `as` in `cwd` with exactly `env`. */
export function runCliAs(as: As, base: string, args: string[], cwd: string, env: Record<string, string>, options: RunOptions = {}): Promise<CliResult> {
  const { timeoutMs = 90_000, onPid } = options;
  const { node, hew } = installFor(as, base);
  const argv = as === 'root' ? [node, hew, ...args] : ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', node, hew, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid) onPid?.(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, events: () => parseEvents(stdout) });
    });
  });
}

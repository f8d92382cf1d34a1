// The one runner for every git call hew makes: a given cwd, a clean environment, stdout back or an
// Error with stderr. Two kinds of call:
// - in a working copy (the default): hardened as git-hardening.ts describes — explicit GIT_DIR and
//   GIT_WORK_TREE, hew's own global config, and nothing the copy's config or attributes name can run;
// - in the user's repository (`userRepo: true`): the user's own config, without hooks, fsmonitor,
//   pager or any other program-naming setting of NO_PROGRAM_CONFIG.
// Every call sets GIT_OPTIONAL_LOCKS=0 so commands that only read a repository (status, diff) never
// refresh and rewrite its index; that is what keeps the user's `.git` untouched.
import { spawn, spawnSync } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import {
  configEnv,
  copyGlobalConfig,
  driverOverrides,
  foreignGitDir,
  foreignGitDirSync,
  mayRunDrivers,
  NO_PROGRAM_CONFIG,
  type ConfigPair,
} from './git-hardening.ts';
import { decodePath, encodePath, isPlainPath, quotePath } from './path-bytes.ts';

/** Variables that would point git at another repository, index or config, or name a program; never inherited. */
const REPO_LOCAL_VARS = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_PREFIX',
  'GIT_NAMESPACE',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_SHALLOW_FILE',
  'GIT_GRAFT_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_EXTERNAL_DIFF',
  'GIT_DIFF_OPTS',
  'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR',
];

export interface GitOptions {
  /** The working copy's root (default), or a directory of the user's repository with `userRepo`. */
  cwd: string;
  /** The call runs in the user's repository: their config applies, minus NO_PROGRAM_CONFIG. */
  userRepo?: boolean;
  /** The call makes the copy's git directory (`init`, `clone`): no GIT_DIR yet, nothing to check. */
  creating?: boolean;
  /** Extra variables on top of the cleaned environment (e.g. GIT_INDEX_FILE for a temporary index). */
  env?: Record<string, string>;
  /** Exit codes that count as success (default [0]). */
  okCodes?: number[];
  /** Text or bytes written to git's stdin (otherwise stdin is closed). */
  input?: string | Buffer;
}

export interface GitResult {
  stdout: string;
  exitCode: number;
  /** git's error output (kept for the calls whose failure is an answer, e.g. "not a git repository"). */
  stderr: string;
}

/** The caller's environment without repository-pointing variables, with NO_PROGRAM_CONFIG (user-repo calls). */
export function gitEnv(extra: Record<string, string> = {}, pairs: readonly ConfigPair[] = NO_PROGRAM_CONFIG): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || REPO_LOCAL_VARS.includes(key) || key.startsWith('GIT_CONFIG_KEY_') || key.startsWith('GIT_CONFIG_VALUE_')) continue;
    env[key] = value;
  }
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_PAGER = 'cat';
  return { ...env, ...configEnv(pairs), ...extra };
}

/** Environment for a call in a copy: hew's global config, no system config, the copy's own git directory. */
function copyBaseEnv(root: string, creating: boolean): Record<string, string> {
  const base = gitEnv();
  const env: Record<string, string> = {
    ...base,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_ATTR_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: copyGlobalConfig(() => gitEnv({}, [])),
  };
  delete env.GIT_CONFIG_SYSTEM;
  if (!creating) {
    env.GIT_DIR = path.join(root, '.git');
    env.GIT_WORK_TREE = root;
  }
  return env;
}

function refuseForeign(root: string, why: string): Error {
  return new Error(`refusing to run git in the working copy ${root}: ${why} (the copy's git directory was tampered with)`);
}

/** Names of every setting git sees in the copy (includes and all scopes resolved by git itself). */
async function configNames(env: Record<string, string>, cwd: string): Promise<string[]> {
  const { stdout } = await spawnGit(['config', '--list', '--name-only', '-z'], { cwd, env, okCodes: [0] });
  return stdout.toString('utf8').split('\0').filter((n) => n !== '');
}

/**
 * The driver settings for a copy, remembered while its config files are unchanged (same inode, size,
 * ctime and mtime of `.git/config` and `.git/config.worktree`) and the config includes no other file;
 * a checkpoint then costs two stat calls instead of a git process.
 */
const driverCache = new Map<string, { signature: string; pairs: ConfigPair[] }>();

async function configSignature(root: string): Promise<string> {
  const parts = await Promise.all(
    ['config', 'config.worktree'].map((name) =>
      stat(path.join(root, '.git', name), { bigint: true }).then(
        (st) => `${st.ino}:${st.size}:${st.ctimeNs}:${st.mtimeNs}`,
        () => '-',
      ),
    ),
  );
  return parts.join('/');
}

/**
 * Records that the copy's config, just written by hew itself (a fresh clone or init plus
 * COPY_CONFIG, before any model ran), names no driver: creating a copy then costs no config read.
 */
export async function noteDriverFreeConfig(root: string): Promise<void> {
  driverCache.set(root, { signature: await configSignature(root), pairs: [] });
}

async function driverPairs(env: Record<string, string>, root: string): Promise<ConfigPair[]> {
  const signature = await configSignature(root);
  const known = driverCache.get(root);
  if (known !== undefined && known.signature === signature) return known.pairs;
  const names = await configNames(env, root);
  const pairs = driverOverrides(names);
  const includes = names.some((n) => /^include(if)?\./i.test(n));
  if (includes) driverCache.delete(root);
  else driverCache.set(root, { signature, pairs });
  return pairs;
}

/** The full environment for one call, per the kind of call. */
async function envFor(args: readonly string[], opts: GitOptions): Promise<Record<string, string>> {
  if (opts.userRepo) return gitEnv(opts.env);
  const creating = opts.creating === true;
  if (!creating) {
    const why = await foreignGitDir(opts.cwd);
    if (why !== null) throw refuseForeign(opts.cwd, why);
  }
  const env = copyBaseEnv(opts.cwd, creating);
  if (!creating && mayRunDrivers(args)) {
    const drivers = await driverPairs(env, opts.cwd);
    Object.assign(env, configEnv([...NO_PROGRAM_CONFIG, ...drivers]));
  }
  return { ...env, ...opts.env };
}

/** Sync environment for a driver-free listing call (ls-files) in a copy or the user's repository. */
function listingEnvSync(cwd: string, userRepo: boolean): Record<string, string> | null {
  if (userRepo) return gitEnv();
  if (foreignGitDirSync(cwd) !== null) return null;
  return copyBaseEnv(cwd, false);
}

interface SpawnOptions {
  cwd: string;
  env: Record<string, string>;
  okCodes: number[];
  input?: string | Buffer;
}

/**
 * Plain `child_process.spawn`: git is called many times per copy and needs none of execa's extras,
 * which cost memory and time on this hot path. Output is kept as bytes.
 */
function spawnGit(args: readonly string[], opts: SpawnOptions): Promise<{ stdout: Buffer; exitCode: number; stderr: string }> {
  // Arguments reach git as UTF-8: a lossless path holding an undecodable byte (path-bytes.ts) would
  // name another file, so it is refused here; such paths go to git on stdin, as bytes.
  const mangled = args.find((a) => !isPlainPath(a));
  if (mangled !== undefined) return Promise.reject(new Error(`cannot pass the name ${quotePath(mangled)} to git as an argument (it is not valid UTF-8)`));
  const input = typeof opts.input === 'string' ? encodePath(opts.input) : opts.input;
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: opts.cwd,
      env: opts.env,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new Error(`git ${args.join(' ')} (in ${opts.cwd}) could not start: ${error.message}`)));
    child.on('close', (code, signal) => {
      const exitCode = code ?? (signal ? -1 : 0);
      const stderr = Buffer.concat(err).toString('utf8').trim();
      if (!opts.okCodes.includes(exitCode)) {
        reject(new Error(`git ${args.join(' ')} (in ${opts.cwd}) failed: ${stderr || (signal ? `killed by ${signal}` : `exit code ${exitCode}`)}`));
        return;
      }
      resolve({ stdout: Buffer.concat(out), exitCode, stderr });
    });
    child.stdin?.on('error', () => undefined); // git exiting early shows in its exit code
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Runs `git args` and returns stdout as bytes (binary-safe); rejects with stderr on failure. */
export async function gitBytes(args: string[], opts: GitOptions): Promise<{ stdout: Buffer; exitCode: number; stderr: string }> {
  const env = await envFor(args, opts);
  return spawnGit(args, { cwd: opts.cwd, env, okCodes: opts.okCodes ?? [0], ...(opts.input !== undefined ? { input: opts.input } : {}) });
}

/** Runs `git args` in `opts.cwd`; resolves to stdout and exit code, rejects with stderr on failure. */
export async function gitRun(args: string[], opts: GitOptions): Promise<GitResult> {
  const { stdout, exitCode, stderr } = await gitBytes(args, opts);
  return { stdout: stdout.toString('utf8'), exitCode, stderr };
}

/**
 * Runs git and returns its stdout decoded losslessly (path-bytes.ts): for `-z` output naming paths,
 * split with splitNul. Every parser of paths from git reads them through this, never through `git`.
 */
export async function gitPaths(args: string[], opts: GitOptions): Promise<string> {
  return decodePath((await gitBytes(args, opts)).stdout);
}

/** Runs git and returns its stdout (untrimmed). */
export async function git(args: string[], opts: GitOptions): Promise<string> {
  return (await gitRun(args, opts)).stdout;
}

/** Runs git and returns its stdout with surrounding whitespace trimmed (for shas, paths). */
export async function gitLine(args: string[], opts: GitOptions): Promise<string> {
  return (await git(args, opts)).trim();
}

/** Synchronous `git ls-files`-style listing (completion): stdout decoded losslessly, or null when git failed or the copy is not its own. */
export function gitListingSync(args: string[], cwd: string, userRepo: boolean, maxBuffer: number): string | null {
  const env = listingEnvSync(cwd, userRepo);
  if (env === null || mayRunDrivers(args)) return null;
  const res = spawnSync('git', args, { cwd, env, maxBuffer });
  return res.status === 0 ? decodePath(res.stdout) : null;
}

/** A shell word. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The upload-pack command for a fetch from a copy (`git fetch --upload-pack=…`, run by the shell):
 * git does not pass command-scope settings on to it, so they are given here, with hew's global config.
 */
export function copyUploadPack(): string {
  const env = copyBaseEnv('/', true);
  const vars = ['GIT_CONFIG_NOSYSTEM=1', 'GIT_ATTR_NOSYSTEM=1', `GIT_CONFIG_GLOBAL=${env.GIT_CONFIG_GLOBAL ?? '/dev/null'}`];
  const settings = NO_PROGRAM_CONFIG.flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  return ['env', ...vars, 'git', ...settings, 'upload-pack'].map(shellQuote).join(' ');
}

/** Splits `-z` output into its NUL-separated fields (dropping the trailing empty one). */
export function splitNul(out: string): string[] {
  const parts = out.split('\0');
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

// One small helper for running git: a given cwd, a clean environment, stdout back or an Error with stderr.
// Every call sets GIT_OPTIONAL_LOCKS=0 so commands that only read a repository (status, diff) never
// refresh and rewrite its index; that is what keeps the user's `.git` untouched.
import { spawn } from 'node:child_process';

/** Variables that would point git at another repository or index; never inherited. */
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
];

export interface GitOptions {
  cwd: string;
  /** Extra variables on top of the cleaned environment (e.g. GIT_INDEX_FILE for a temporary index). */
  env?: Record<string, string>;
  /** Exit codes that count as success (default [0]). */
  okCodes?: number[];
  /** Text written to git's stdin (otherwise stdin is closed). */
  input?: string;
}

export interface GitResult {
  stdout: string;
  exitCode: number;
}

export function gitEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || REPO_LOCAL_VARS.includes(key) || key.startsWith('GIT_CONFIG_KEY_') || key.startsWith('GIT_CONFIG_VALUE_')) continue;
    env[key] = value;
  }
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_TERMINAL_PROMPT = '0';
  return { ...env, ...extra };
}

/**
 * Runs `git args` in `opts.cwd`; resolves to stdout and exit code, rejects with stderr on failure.
 * Plain `child_process.spawn`: git is called many times per copy and needs none of execa's extras,
 * which cost memory and time on this hot path.
 */
export function gitRun(args: string[], opts: GitOptions): Promise<GitResult> {
  const ok = opts.okCodes ?? [0];
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: opts.cwd,
      env: gitEnv(opts.env),
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new Error(`git ${args.join(' ')} (in ${opts.cwd}) could not start: ${error.message}`)));
    child.on('close', (code, signal) => {
      const exitCode = code ?? (signal ? -1 : 0);
      if (!ok.includes(exitCode)) {
        const stderr = Buffer.concat(err).toString('utf8').trim();
        reject(new Error(`git ${args.join(' ')} (in ${opts.cwd}) failed: ${stderr || (signal ? `killed by ${signal}` : `exit code ${exitCode}`)}`));
        return;
      }
      resolve({ stdout: Buffer.concat(out).toString('utf8'), exitCode });
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** Runs git and returns its stdout (untrimmed). */
export async function git(args: string[], opts: GitOptions): Promise<string> {
  return (await gitRun(args, opts)).stdout;
}

/** Runs git and returns its stdout with surrounding whitespace trimmed (for shas, paths). */
export async function gitLine(args: string[], opts: GitOptions): Promise<string> {
  return (await git(args, opts)).trim();
}

/** Splits `-z` output into its NUL-separated fields (dropping the trailing empty one). */
export function splitNul(out: string): string[] {
  const parts = out.split('\0');
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

// Where a directory sits in a git repository, as git itself says: one `git rev-parse` with the
// hardened user-repository environment (git.ts), so a linked worktree, a submodule (its own
// repository), a `.git` file, an invalid or empty `.git` folder in a parent and `safe.directory` are
// all decided exactly as `git status` decides them there. GIT_DIR, GIT_WORK_TREE and the other
// repository-pointing variables of hew's environment are ignored (git.ts never passes them on), so
// every hew command — the copy, apply, the run list — finds the same repository from the directory.
// One process answers everything: top, prefix, common and own git directory and HEAD's commit; the
// branch name is then read from HEAD's own small file (bounded, never blocking).
import { spawnSync } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { readBounded } from '../fs/read-bounded.ts';
import { realOrSame } from '../fs/repo-file.ts';
import { gitEnv, gitRun } from './git.ts';

export interface RepoLocation {
  /** The work tree's top, a real path. */
  top: string;
  /** The directory asked about, relative to the top ('' at the top), with '/' separators. */
  prefix: string;
  /** The repository's common git directory (shared by its linked worktrees), absolute. */
  commonDir: string;
  /** HEAD's commit; null on an unborn branch. */
  head: string | null;
  /** The branch HEAD names (`main`, also when unborn); null when detached or unreadable (a reftable HEAD). */
  branch: string | null;
}

/** The answer: a repository, or why git found none (its own words). */
export type RepoLookup = { repo: RepoLocation } | { repo: null; reason: string };

/** The directory is inside a git directory or a bare repository: there is no work tree to copy. */
export class NotAWorkTreeError extends Error {
  override name = 'NotAWorkTreeError';
}

const ARGS = ['rev-parse', '--show-toplevel', '--show-prefix', '--git-common-dir', '--absolute-git-dir', '--verify', '-q', 'HEAD^{commit}'];
const PROBE_ARGS = ['rev-parse', '--is-inside-git-dir', '--is-bare-repository'];

/** Where `dir` (an existing directory) sits; throws NotAWorkTreeError inside a git directory or bare repository. */
export async function locateRepository(dir: string): Promise<RepoLookup> {
  const res = await gitRun(ARGS, { cwd: dir, userRepo: true, okCodes: [0, 1, 128] });
  const found = parseLocation(res.stdout, res.exitCode, dir);
  if (found !== null) return { repo: { ...withoutGitDir(found), top: await realpath(found.top) } };
  const probe = await gitRun(PROBE_ARGS, { cwd: dir, userRepo: true, okCodes: [0, 128] });
  return notFound(dir, probe.exitCode === 0 ? probe.stdout : null, res.stderr);
}

/** The same answer, synchronously (commands that only need the top to find runs: diff, apply, runs). */
export function locateRepositorySync(dir: string): RepoLookup {
  const env = gitEnv();
  const res = spawnSync('git', ARGS, { cwd: dir, env, encoding: 'utf8' });
  const found = parseLocation(res.stdout ?? '', res.status ?? -1, dir);
  if (found !== null) return { repo: { ...withoutGitDir(found), top: realOrSame(found.top) } };
  const probe = spawnSync('git', PROBE_ARGS, { cwd: dir, env, encoding: 'utf8' });
  return notFound(dir, probe.status === 0 ? probe.stdout : null, res.stderr ?? '');
}

/** A parsed answer, with the work tree's own git directory (where its HEAD file is). */
export interface ParsedLocation extends Omit<RepoLocation, 'branch'> {
  gitDir: string;
}

/**
 * Reads the rev-parse answer (pure): exit 0 with five lines, or exit 1 with four (an unborn
 * branch: `--verify -q` found no HEAD). Anything else is no work tree.
 */
export function parseLocation(stdout: string, exitCode: number, dir: string): ParsedLocation | null {
  const lines = stdout.split('\n');
  if (exitCode !== 0 && exitCode !== 1) return null;
  const [top, prefix, common, gitDir, head] = lines;
  if (!top || !common || !gitDir) return null;
  return {
    top,
    prefix: (prefix ?? '').replace(/\/$/, ''),
    commonDir: path.resolve(dir, common),
    gitDir: path.resolve(dir, gitDir),
    head: exitCode === 0 && head && /^[0-9a-f]{40,64}$/.test(head) ? head : null,
  };
}

function withoutGitDir({ gitDir, ...rest }: ParsedLocation): RepoLocation {
  return { ...rest, branch: branchOf(gitDir) };
}

/** The branch HEAD names, or null when detached or unreadable (a reftable repository's HEAD names `.invalid`). */
function branchOf(gitDir: string): string | null {
  try {
    const head = readBounded(path.join(gitDir, 'HEAD'), { maxBytes: 4096, overLimit: 'truncate' }).bytes.toString('utf8').trim();
    const name = /^ref:\s*refs\/heads\/(.+)$/.exec(head)?.[1] ?? null;
    return name === '.invalid' ? null : name;
  } catch {
    return null;
  }
}

function notFound(dir: string, probe: string | null, stderr: string): RepoLookup {
  const [insideGitDir, bare] = (probe ?? '').split('\n');
  if (insideGitDir === 'true' || bare === 'true') {
    throw new NotAWorkTreeError(`${dir} is inside a git directory or a bare repository, not a work tree; run hew in a checkout (a work tree) of the repository`);
  }
  return { repo: null, reason: gitReason(stderr) };
}

/** git's own first line, without `fatal: ` (e.g. "not a git repository (or any of the parent directories): .git"). */
export function gitReason(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.trim() !== '') ?? '';
  const text = line.replace(/^(fatal|error):\s*/, '').trim();
  return text === '' ? 'not a git repository' : text;
}

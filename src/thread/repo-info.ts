// What a run needs to know about the user's directory before its copy exists: the repository top,
// the subdirectory the user is in and HEAD's commit — all as git says (workcopy/repo-location.ts,
// one `git rev-parse`). The fronts ask once, asynchronously, while they load the config and probe the
// sandbox, and pass the answer down (ThreadSetup.repo); the copy reuses it, so the repository a run
// names and the one it copies are the same by construction.
import { realpath } from 'node:fs/promises';
import { HewError } from '../errors/hew-error.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { isDirectory, realOrSame } from '../fs/repo-file.ts';
import path from 'node:path';
import { locateRepository, locateRepositorySync, NotAWorkTreeError, type RepoLookup } from '../workcopy/repo-location.ts';

export interface RepoInfo {
  /** Repository top, or the directory itself when it is not in a git repository. */
  top: string;
  subdir: string;
  isGit: boolean;
  /** HEAD's commit, null for an unborn branch or a plain directory. */
  headCommit: string | null;
  /** The branch HEAD names (`main`; it may be unborn); null when detached, plain, or not read (a resumed run). */
  branch?: string | null;
  /** git's answer, for the copy (absent for a resumed run, whose copy exists). */
  lookup?: RepoLookup;
}

/** The directory is not in a git work tree and the user did not pass --skip-git-repo-check (exit 2). */
export class NotARepositoryError extends HewError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'NotARepositoryError';
  }
}

/** Where `dir` is, asked of git without blocking. */
export async function findRepoInfo(dir: string): Promise<RepoInfo> {
  const start = path.resolve(dir);
  const lookup = await locateRepository(start).catch((err: unknown) => workTreeError(err, start));
  return infoOf(lookup, lookup.repo ? start : await realpath(start).catch(() => start));
}

/** The same, synchronously (commands that only need the top: runs, diff, apply, discard). */
export function repoInfo(dir: string): RepoInfo {
  const start = path.resolve(dir);
  let lookup: RepoLookup;
  try {
    lookup = locateRepositorySync(start);
  } catch (err) {
    return workTreeError(err, start);
  }
  return infoOf(lookup, lookup.repo ? start : realOrSame(start));
}

/**
 * The run may start here: in a git work tree, or anywhere with --skip-git-repo-check (a plain copy).
 * Otherwise one line naming git's reason and the flag.
 */
export function requireRepository(info: RepoInfo, skipGitRepoCheck: boolean): RepoInfo {
  if (info.isGit || skipGitRepoCheck) return info;
  const reason = info.lookup && info.lookup.repo === null ? info.lookup.reason : 'not a git repository';
  const envNote = process.env.GIT_DIR || process.env.GIT_WORK_TREE ? '; hew ignores GIT_DIR and GIT_WORK_TREE and finds the repository from the directory, as plain `git -C DIR` does' : '';
  throw new NotARepositoryError(
    `${info.top} is not in a git repository (git: ${reason})${envNote}; run hew inside a git repository, or pass --skip-git-repo-check to work on a plain copy of this directory`,
  );
}

function infoOf(lookup: RepoLookup, start: string): RepoInfo {
  const repo = lookup.repo;
  if (repo === null) return { top: start, subdir: '', isGit: false, headCommit: null, lookup };
  return { top: repo.top, subdir: repo.prefix, isGit: true, headCommit: repo.head, branch: repo.branch, lookup };
}

function workTreeError(err: unknown, dir: string): never {
  if (err instanceof NotAWorkTreeError) throw new NotARepositoryError(err.message);
  if (!isDirectory(dir)) throw new NotARepositoryError(`${dir} is not a directory (name the directory to run in with -C)`);
  throw err;
}

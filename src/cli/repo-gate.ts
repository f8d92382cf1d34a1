// The repository check of the fronts that start runs (exec, the TUI, batch, watch). Each starts
// asking git where the directory is as it starts (one `git rev-parse`, while the config loads and the
// sandbox is probed) and waits for the answer just before the run opens: outside a git work tree it
// stops there (exit 2, one line naming git and --skip-git-repo-check), before any run exists.
import { findRepoInfo, requireRepository } from '../thread/repo-info.ts';
import type { RepoInfo } from '../thread/repo-info.ts';

/** Starts asking git where `source` is (the answer, or its error, is awaited by requireRepo). */
export function startRepoLookup(source: string): Promise<RepoInfo> {
  const locating = findRepoInfo(source);
  locating.catch(() => undefined); // awaited later; an early failure must not be an unhandled rejection
  return locating;
}

/** The repository to run in; NotARepositoryError (exit 2) outside git without --skip-git-repo-check. */
export async function requireRepo(locating: Promise<RepoInfo>, skipGitRepoCheck: boolean | undefined): Promise<RepoInfo> {
  return requireRepository(await locating, skipGitRepoCheck === true);
}

// Resolving the RUN argument of `diff`, `apply`, `discard`, `resume` and `rewind`: a run id or a
// unique prefix of one; by default the latest run of the current repository. (What those commands
// check next — is the run finished, does its copy exist — is runs/lifecycle.ts.)
import path from 'node:path';
import { UsageError } from '../errors/usage-error.ts';
import type { RunMeta } from '../protocol/run-meta.ts';
import { runsOf } from '../runs/lifecycle.ts';
import type { Run, RunStore } from '../runs/store.ts';
import { repoInfo } from '../thread/repo-info.ts';

/** Where the user is: the repository top of `-C DIR` or the current directory (a plain directory is its own top). */
export function currentRepo(cd: string | undefined): string {
  return repoInfo(path.resolve(cd ?? process.cwd())).top;
}

/** The run named by `ref` (id or unique prefix) or, without one, the latest run of the current repository. */
export function resolveRun(store: RunStore, ref: string | undefined, cd: string | undefined): Run {
  if (ref !== undefined && ref !== '') {
    let id: string;
    try {
      id = store.resolveId(ref);
    } catch (err) {
      throw new UsageError(`${(err as Error).message} (list runs with \`hew runs --all\`)`);
    }
    return store.open(id);
  }
  const repo = currentRepo(cd);
  const latest = latestRunOf(store, repo);
  if (latest === null) throw new UsageError(`no runs for ${repo} (name a run, or list them with \`hew runs --all\`)`);
  return store.open(latest.id);
}

function latestRunOf(store: RunStore, repo: string): RunMeta | null {
  return runsOf(store, repo)[0] ?? null;
}

// After a run's setup command: what it wrote belongs to the run's environment, not to its work.
// Untracked and ignored paths it created (node_modules/, .venv/, generated files) are listed in the copy's
// `.git/info/exclude`, so they stay out of diffs, checkpoints and `hew apply` and out of the model's
// `git status`; any change it made to files git tracks becomes part of a new base snapshot, so
// `hew diff` and `hew apply` show only what the agent did afterwards.
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { WorkingCopy } from './create.ts';
import { gitPaths, splitNul } from './git.ts';
import { encodePath } from './path-bytes.ts';
import { rebaseSnapshot } from './snapshots.ts';

/**
 * Untracked entries (a directory collapsed to `dir/`) from `git status --porcelain -z`; with
 * `ignoredToo`, its ignored (`!!`) entries as well.
 */
export function untrackedPaths(statusZ: string, ignoredToo = false): string[] {
  return splitNul(statusZ)
    .filter((e) => e.startsWith('?? ') || (ignoredToo && e.startsWith('!! ')))
    .map((e) => e.slice(3))
    .filter((p) => !/[\n\r]/.test(p)); // a pattern file is line-based: such a name stays a visible change
}

/** Excludes what setup left untracked and re-bases the copy on its state; returns the new base snapshot. */
export async function adoptSetupResult(copy: Pick<WorkingCopy, 'root' | 'baseSnapshot'>): Promise<string> {
  // Ignored ones too: not the agent's ignored files, so never listed as such (ignored.ts).
  const status = await gitPaths(['status', '--porcelain', '-z', '--untracked-files=normal', '--ignored', '--ignore-submodules=all'], { cwd: copy.root });
  const untracked = untrackedPaths(status, true);
  if (untracked.length > 0) {
    const info = path.join(copy.root, '.git', 'info');
    await mkdir(info, { recursive: true });
    // Anchored and with glob characters escaped, so each line names exactly that path.
    const lines = untracked.map((p) => `/${p.replace(/[\\*?[\]!#]/g, (c) => `\\${c}`).replace(/ $/, '\\ ')}`).join('\n');
    await appendFile(path.join(info, 'exclude'), encodePath(`\n# hew: written by the run's setup command\n${lines}\n`));
  }
  const commit = await rebaseSnapshot(copy.root, 'hew: setup');
  return commit ?? copy.baseSnapshot;
}

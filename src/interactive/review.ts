// `/diff` and `/apply` of the interactive session, as notices: the run's changes file by file, and
// the all-or-nothing apply into the user's tree with a warning when the user edited files the run
// also changed since it started (seen by the repository watcher, or found by the three-way merge).
import { markRun } from '../runs/lifecycle.ts';
import type { Run } from '../runs/store.ts';
import { applyCopy } from '../workcopy/apply.ts';
import type { ApplySource } from '../workcopy/apply.ts';
import { diffStat, fileDiffs } from '../workcopy/stat.ts';
import type { RepoWatcher } from './repo-watch.ts';
import type { Notice } from '../protocol/interactive.ts';
import { plural } from '../format/plural.ts';

export type ReviewCopy = ApplySource;

export async function diffNotice(copy: ReviewCopy): Promise<Notice> {
  return { type: 'notice.diff', files: await fileDiffs(copy) };
}

/** The files of a diff at `path`: the file itself (by its old or new name), or those under a folder. */
export function filesAt<T extends { path: string; stat: { move_path?: string } }>(files: readonly T[], path: string): T[] {
  const dir = path.replace(/\/+$/, '');
  const at = (p: string | undefined): boolean => p !== undefined && (p === path || p === dir || p.startsWith(`${dir}/`));
  return files.filter((f) => at(f.path) || at(f.stat.move_path));
}

export interface ApplyRequest {
  copy: ReviewCopy;
  /** The user's repository top. */
  repo: string;
  run: Run;
  watcher: RepoWatcher | null;
}

/** Applies the run's changes; returns the notices to show (a warning first, when there is one). */
export async function applyNotices(req: ApplyRequest): Promise<Notice[]> {
  const stats = await diffStat(req.copy);
  if (stats.length === 0) {
    return [{ type: 'notice.apply', ok: true, applied: [], conflicts: [], message: 'nothing to apply: the run changed no files' }];
  }
  const paths = stats.flatMap((s) => (s.move_path ? [s.path, s.move_path] : [s.path]));
  const seen = req.watcher?.editedAmong(paths) ?? [];
  req.watcher?.expectWrites(paths);
  const result = await applyCopy(req.copy, req.repo);
  const merged = result.applied.filter((a) => a.action === 'merge').map((a) => a.path);
  const conflicted = result.conflicts.map((c) => c.path);
  const touched = [...new Set([...seen, ...merged, ...conflicted])].sort();
  const notices: Notice[] = [];
  if (touched.length > 0) {
    const how = result.ok
      ? merged.length > 0
        ? "; hew merged the run's changes with your edits"
        : ''
      : '; see the conflicts below';
    notices.push({ type: 'notice.warning', message: `you edited ${plural(touched.length, 'file')} the run also changed since it started: ${touched.join(', ')}${how}` });
  }
  if (result.ok && result.applied.length > 0) markRun(req.run, { applied_at: new Date().toISOString() });
  notices.push({
    type: 'notice.apply',
    ok: result.ok,
    applied: result.applied.map((a) => ({ path: a.path, action: a.action })),
    conflicts: result.conflicts.map((c) => ({ path: c.path, reason: c.reason })),
    message: applyMessage(result, req.repo),
  });
  return notices;
}

function applyMessage(result: Awaited<ReturnType<typeof applyCopy>>, repo: string): string {
  if (!result.ok) return `nothing was written: ${plural(result.conflicts.length, 'conflict')} with your tree`;
  // The headline says how many files and the list names each; this says only where.
  if (result.applied.length > 0) return `your tree: ${repo}`;
  return result.unchanged.length > 0 ? 'nothing to apply: every change is already in your tree' : 'nothing to apply: the run changed no files';
}

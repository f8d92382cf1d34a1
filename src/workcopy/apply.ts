// `hew apply` as a library call: bring a working copy's changes (base snapshot → its current files)
// into the user's tree, all or nothing. The plan is computed in memory first; any conflict means
// nothing is written. Only the user's working files change — never the index, HEAD or anything in .git.
// Writing goes through a journal (apply-write.ts), so an interrupt or a crash never leaves it half done.
// The plan works on lossless paths (path-bytes.ts); the result names them in display form (quotePath),
// as everything shown to people and written as JSON does.
import { planApply, type ApplyAction, type ApplyConflict, type ApplySource } from './apply-plan.ts';
import type { LeftOut } from '../protocol/files.ts';
import { ApplyRaceError, writePlan, type WriteOptions } from './apply-write.ts';
import { quotePath } from './path-bytes.ts';

export type { ApplySource } from './apply-plan.ts';
export { planApply } from './apply-plan.ts';

/** Every path of an ApplyResult, in display form. */
export interface AppliedFile {
  path: string;
  action: ApplyAction;
}

export interface ApplyResult {
  /** True when nothing conflicted (and, unless dryRun, every change was written). */
  ok: boolean;
  /** Files written (or, with dryRun, that would be); empty when there were conflicts. */
  applied: AppliedFile[];
  conflicts: ApplyConflict[];
  /** Paths the run changed that already match the run's version in the user's tree. */
  unchanged: string[];
  /** Changes left out, with why (in a submodule or nested repository apply does not write into, a gitlink; a plain copy's dependency and build output directories). */
  skipped: LeftOut[];
  /** Files the run wrote that the user's ignore rules hide, not applied (with includeIgnored only the symlinks: the rest are in `applied`). */
  ignored: string[];
  /** Paths the run changed outside your cone-mode sparse checkout: not applied. */
  outsideSparse: string[];
}

export interface ApplyOptions extends WriteOptions {
  /** Plan only: report what would be written or what conflicts, write nothing. */
  dryRun?: boolean;
  /** Apply the ignored files the run wrote too (never a dependency folder's, never hew's own: ignored.ts). */
  includeIgnored?: boolean;
}

/** Applies the copy's changes to `userRoot`; on any conflict writes nothing and returns ok: false. */
export async function applyCopy(copy: ApplySource, userRoot: string, opts: ApplyOptions = {}): Promise<ApplyResult> {
  const plan = await planApply(copy, userRoot, opts.interrupted, opts.includeIgnored);
  const result: ApplyResult = {
    ok: false,
    applied: [],
    conflicts: plan.conflicts.map((c) => ({ ...c, path: quotePath(c.path) })),
    unchanged: plan.unchanged.map(quotePath),
    skipped: plan.skipped.map((l) => ({ ...l, path: quotePath(l.path) })),
    ignored: plan.ignored.map(quotePath),
    outsideSparse: plan.outsideSparse.map(quotePath),
  };
  if (plan.conflicts.length > 0) return result;
  const applied = plan.writes.map((w) => ({ path: quotePath(w.path), action: w.action }));
  if (!opts.dryRun) {
    try {
      await writePlan(userRoot, plan.writes, opts);
    } catch (err) {
      if (!(err instanceof ApplyRaceError)) throw err;
      result.conflicts = [{ path: quotePath(err.path), reason: 'changed in your tree while hew was applying (everything was put back)' }];
      return result;
    }
  }
  return { ...result, ok: true, applied };
}

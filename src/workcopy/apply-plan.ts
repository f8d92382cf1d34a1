// Planning an apply, entirely in memory: for every path the run changed (base snapshot → the copy's
// current files, uncommitted edits included; renames as delete + add) read base, the run's file and
// the user's file, and decide: nothing to do, take the run's version, a three-way merge, or a conflict.
// Nothing is written here; apply-write.ts carries out a plan only when it has no conflicts.
import { PLAIN_SKIPPED_DIRS } from './plain.ts';
import { currentTree } from './commits.ts';
import { eachLimit } from './pool.ts';
import { gitPaths, splitNul } from './git.ts';
import { mergeThree } from './apply-merge.ts';
import { unsafePath } from './apply-paths.ts';
import { ApplyInterruptedError } from './apply-errors.ts';
import { readBlobs } from './apply-blobs.ts';
import { ignoredFiles } from './ignored.ts';
import { ignoredLinks } from './ignored-groups.ts';
import { insideCone, userSparseCone } from './sparse.ts';
import { nestedRepoReason, submoduleLayout, userReposAbove } from './submodules.ts';
import type { LeftOut } from '../protocol/files.ts';
import { entriesUnder, modeKind, readEntry, readUserEntry, sameState, type FileState, type UserState } from './apply-read.ts';

/** The run side of an apply: the copy, its base snapshot and whether it came from a git repository. */
export interface ApplySource {
  root: string;
  baseSnapshot: string;
  kind: 'git' | 'plain';
}

export type ApplyAction = 'add' | 'update' | 'delete' | 'merge';

export interface PlannedWrite {
  path: string;
  action: ApplyAction;
  /** What the user's path becomes; null deletes it. */
  target: FileState;
  /** What the user's path holds now (checked again just before writing, and restored on rollback). */
  ours: FileState;
}

export interface ApplyConflict {
  path: string;
  reason: string;
}

export interface ApplyPlan {
  writes: PlannedWrite[];
  conflicts: ApplyConflict[];
  /** Paths the run changed that already look exactly as the run left them (or merge to what the user has). */
  unchanged: string[];
  /** Changes left out, with why: in submodules or nested repositories apply does not write into (submodules.ts), gitlinks, and for plain copies output directories that were never copied. */
  skipped: LeftOut[];
  /** Files the run wrote that the user's ignore rules hide (ignored.ts): not applied unless asked for. */
  ignored: string[];
  /** Paths the run changed outside the user's cone-mode sparse checkout (sparse.ts): not applied. */
  outsideSparse: string[];
}

interface RawChange {
  path: string;
  oldMode: string;
  newMode: string;
  oldSha: string;
}

interface Sides {
  change: RawChange;
  base: FileState;
  theirs: FileState;
  user: UserState;
}

const ZERO_MODE = '000000';

/**
 * Works out what applying the copy's changes to `userRoot` (the user's tree) would do. With
 * `includeIgnored` the ignored files the run wrote are planned too, as new files (the user's
 * ignored files were never copied, so the run's base has none); without it they are only listed.
 */
export async function planApply(
  copy: ApplySource,
  userRoot: string,
  interrupted: () => boolean = () => false,
  includeIgnored = false,
): Promise<ApplyPlan> {
  const ignored = copy.kind === 'git' ? await ignoredFiles(copy.root) : [];
  const cone = copy.kind === 'git' ? await userSparseCone(userRoot) : null;
  // A symlink in an ignored place is never taken (its target may be anywhere): it stays listed.
  const links = includeIgnored ? await ignoredLinks(copy.root, ignored) : new Set<string>();
  const plan: ApplyPlan = { writes: [], conflicts: [], unchanged: [], skipped: [], ignored: includeIgnored ? [...links] : ignored, outsideSparse: [] };
  const changes: RawChange[] = [];
  const extra = includeIgnored ? ignored.filter((p) => !links.has(p)).map((p) => ({ path: p, oldMode: ZERO_MODE, newMode: '100644', oldSha: '' })) : [];
  const all = [...(await rawChanges(copy)), ...extra];
  const layout = copy.kind === 'git' ? await submoduleLayout(copy.root, copy.baseSnapshot) : null;
  const madeRepos = new Set(all.filter((c) => modeKind(c.oldMode) === 'gitlink' || modeKind(c.newMode) === 'gitlink').map((c) => c.path));
  const userRepos = layout ? await userReposAbove(userRoot, all.map((c) => c.path)) : new Set<string>();
  for (const change of all) {
    const unsafe = unsafePath(change.path);
    const nested = layout ? nestedRepoReason(change.path, layout, madeRepos, userRepos) : null;
    if (unsafe) plan.conflicts.push({ path: change.path, reason: unsafe });
    else if (nested !== null) plan.skipped.push({ path: change.path, reason: nested });
    else if (madeRepos.has(change.path)) plan.skipped.push({ path: change.path, reason: 'a git repository (gitlink): not applied' });
    else if (copy.kind === 'plain' && neverCopied(change.path)) plan.skipped.push({ path: change.path, reason: 'in a dependency or build output directory, never copied' });
    else if (cone !== null && !insideCone(change.path, cone)) plan.outsideSparse.push(change.path);
    else changes.push(change);
  }

  const bases = await readBlobs(
    copy.root,
    changes.filter((c) => c.oldMode !== ZERO_MODE).map((c) => ({ sha: c.oldSha, mode: c.oldMode, path: c.path })),
  );
  const sides: Sides[] = [];
  await eachLimit(changes, 8, async (change) => {
    if (interrupted()) return;
    const [base, theirs, user] = await Promise.all([
      change.oldMode === ZERO_MODE ? null : (bases.get(change.path) ?? null),
      change.newMode === ZERO_MODE ? null : readEntry(copy.root, change.path),
      readUserEntry(userRoot, change.path),
    ]);
    sides.push({ change, base, theirs, user });
  });
  if (interrupted()) throw new ApplyInterruptedError();
  sides.sort((a, b) => (a.change.path < b.change.path ? -1 : 1));

  // Files the run deleted that the user left as they were: they may stand where the run now wants a directory or a file.
  const cleanDeletes = new Set(
    sides.filter((s) => s.base !== null && s.theirs === null && s.user.blockedBy === undefined && sameState(s.user.state, s.base)).map((s) => s.change.path),
  );

  for (const s of sides) {
    const rel = s.change.path;
    const ours = s.user.state;
    if (s.theirs !== null && s.theirs.type !== 'file' && s.theirs.type !== 'symlink') {
      plan.conflicts.push({ path: rel, reason: 'the run left something here that is neither a file nor a symlink' });
      continue;
    }
    if (sameState(ours, s.theirs)) {
      plan.unchanged.push(rel);
      continue;
    }
    let target: FileState;
    let action: ApplyAction;
    if (sameState(ours, s.base) || (ours?.type === 'directory' && s.base === null && (await emptiedByDeletes(userRoot, rel, cleanDeletes)))) {
      target = s.theirs;
      action = s.base === null ? 'add' : s.theirs === null ? 'delete' : 'update';
    } else {
      const merged = await mergeThree(s.base, ours, s.theirs);
      if ('conflict' in merged) {
        plan.conflicts.push({ path: rel, reason: merged.conflict });
        continue;
      }
      if (sameState(merged.state, ours)) {
        plan.unchanged.push(rel);
        continue;
      }
      target = merged.state;
      action = 'merge';
    }
    if (target !== null && s.user.blockedBy !== undefined && !cleanDeletes.has(s.user.blockedBy)) {
      plan.conflicts.push({ path: rel, reason: `${s.user.blockedBy} is a file or symlink in your tree, where the run has a directory` });
      continue;
    }
    plan.writes.push({ path: rel, action, target, ours });
  }
  plan.conflicts.sort((a, b) => (a.path < b.path ? -1 : 1));
  return plan;
}

/** True when every entry under the user's directory `rel` is a file the plan deletes cleanly. */
async function emptiedByDeletes(root: string, rel: string, cleanDeletes: Set<string>): Promise<boolean> {
  const inside = await entriesUnder(root, rel);
  return inside.every((p) => cleanDeletes.has(p));
}

/** `git diff-tree --raw` between the base snapshot and the copy's current files, without rename detection. */
async function rawChanges(copy: ApplySource): Promise<RawChange[]> {
  const tree = await currentTree(copy.root);
  const out = await gitPaths(['diff-tree', '-r', '-z', '--raw', '--no-renames', '--no-ext-diff', copy.baseSnapshot, tree], { cwd: copy.root });
  const fields = splitNul(out);
  const changes: RawChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [oldMode, newMode, oldSha] = (fields[i] as string).replace(/^:/, '').split(' ');
    changes.push({ path: fields[i + 1] as string, oldMode: oldMode ?? '', newMode: newMode ?? '', oldSha: oldSha ?? '' });
  }
  return changes;
}

/** Paths under directories a plain copy never copies (dependencies, build output): the run's own by-products. */
function neverCopied(rel: string): boolean {
  return rel.split('/').slice(0, -1).some((p) => PLAIN_SKIPPED_DIRS.includes(p));
}

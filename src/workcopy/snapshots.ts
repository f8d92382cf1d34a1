// hew's own record of a working copy, kept out of the user's view: the base snapshot and a checkpoint
// per step that changed files are commits written through a temporary index (commits.ts
// `currentTree`) and kept under refs/hew/ — never on HEAD, a branch, the copy's index, a reflog or
// the stash — so that in the copy `git log` shows the user's history, and `git status` and `git diff`
// show the user's uncommitted work plus the agent's edits, as in the user's checkout.
//   refs/hew/base      the base snapshot: the user's files (committed, staged, unstaged, untracked)
//   refs/hew/steps/N   the checkpoint after step N (its parent: the checkpoint before it)
//   refs/hew/last      the checkpoint the copy last matched (after a rewind: the one restored)
// and, in the copy's `.git` (which the model cannot write):
//   hew-index          hew's stat cache of the files as last snapshot (commits.ts SNAPSHOT_INDEX)
//   hew-user-index     the copy's index as made (the user's staged state), put back by a rewind
// A copy made before hew kept these (its checkpoints are commits on branch `hew-run`) has no
// hew-user-index: a rewind there resets HEAD as it always did.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { currentTree, SNAPSHOT_INDEX } from './commits.ts';
import { git, gitLine, gitRun } from './git.ts';
import { copyIndexFile } from './index-copy.ts';

export const BASE_REF = 'refs/hew/base';
export const LAST_REF = 'refs/hew/last';

/** The ref of step `step`'s checkpoint. */
export function stepRef(step: number): string {
  return `refs/hew/steps/${step}`;
}

/** The saved copy of the copy's index as made: the user's staged state. */
const USER_INDEX = 'hew-user-index';

const BASE_MESSAGE = 'hew: base snapshot';

async function commitTree(root: string, tree: string, parent: string | null, message: string): Promise<string> {
  const args = ['commit-tree', tree, '-m', message];
  if (parent !== null) args.push('-p', parent);
  return gitLine(args, { cwd: root });
}

/** Applies `updates` (`update REF SHA` lines) in one ref transaction. */
async function updateRefs(root: string, updates: readonly string[]): Promise<void> {
  await git(['update-ref', '--stdin'], { cwd: root, input: `${updates.join('\n')}\n` });
}

export interface BaseOptions {
  /** The user's HEAD commit, the snapshot's parent (null: unborn branch, plain directory). */
  parent: string | null;
  /**
   * A plain directory (no git of the user's): there is no checkout to mirror, so the copy's HEAD
   * (its branch) and index become the base snapshot, and `git status` shows the agent's changes alone.
   */
  plain?: boolean;
}

/** Records the base snapshot of a freshly made copy (files and index final) and returns its commit. */
export async function recordBase(root: string, opts: BaseOptions): Promise<string> {
  const gitDir = path.join(root, '.git');
  const tree = await currentTree(root, { keep: true });
  const base = await commitTree(root, tree, opts.parent, BASE_MESSAGE);
  const updates = [`update ${BASE_REF} ${base}`, `update ${LAST_REF} ${base}`];
  if (opts.plain) {
    await copyIndexFile(path.join(gitDir, SNAPSHOT_INDEX), path.join(gitDir, 'index'));
    updates.push(`update HEAD ${base}`);
  }
  const index = path.join(gitDir, 'index');
  if (!(await exists(index))) await git(['read-tree', '--empty'], { cwd: root }); // nothing staged on an unborn branch
  await copyIndexFile(index, path.join(gitDir, USER_INDEX));
  await updateRefs(root, updates);
  lastKnown.set(root, { commit: base, tree });
  return base;
}

interface Snapshot {
  commit: string;
  tree: string;
}

/**
 * The last checkpoint of each copy this process recorded or read, so a step's checkpoint costs no
 * rev-parse. Only this process moves refs/hew/last while a run is open (a rewind needs a finished run).
 */
const lastKnown = new Map<string, Snapshot>();

/** The commit and tree of the checkpoint the copy last matched (HEAD in a copy made before refs/hew). */
async function lastCheckpoint(root: string): Promise<Snapshot | null> {
  const known = lastKnown.get(root);
  if (known !== undefined) return known;
  for (const ref of [LAST_REF, 'HEAD']) {
    const both = await gitRun(['rev-parse', ref, `${ref}^{tree}`, '--'], { cwd: root, okCodes: [0, 128] });
    const [commit, tree] = both.stdout.trim().split('\n');
    if (both.exitCode === 0 && commit && tree) return { commit, tree };
  }
  return null;
}

/**
 * Records the copy's files after step `step` and returns the commit, or null when nothing changed
 * since the last checkpoint (or the base snapshot). The copy's HEAD, branch and index stay as they are.
 */
export async function checkpoint(root: string, step: number): Promise<string | null> {
  const tree = await currentTree(root, { keep: true });
  const last = await lastCheckpoint(root);
  if (last !== null && last.tree === tree) return null;
  const commit = await commitTree(root, tree, last?.commit ?? null, `hew: step ${step}`);
  await updateRefs(root, [`update ${stepRef(step)} ${commit}`, `update ${LAST_REF} ${commit}`]);
  lastKnown.set(root, { commit, tree });
  return commit;
}

/**
 * Moves the base snapshot to the copy's current files (after a run's setup command: what it changed is
 * the run's starting point, not its work) and returns the new base, or null when nothing changed.
 * Its parent is the old base; HEAD, the branch and the index stay as they are.
 */
export async function rebaseSnapshot(root: string, message: string): Promise<string | null> {
  const tree = await currentTree(root, { keep: true });
  const last = await lastCheckpoint(root);
  if (last !== null && last.tree === tree) return null;
  const commit = await commitTree(root, tree, last?.commit ?? null, message);
  await updateRefs(root, [`update ${BASE_REF} ${commit}`, `update ${LAST_REF} ${commit}`]);
  lastKnown.set(root, { commit, tree });
  return commit;
}

/** Whether the copy was made before hew kept its record under refs/hew (checkpoints on `hew-run`). */
async function isLegacyCopy(root: string): Promise<boolean> {
  return !(await exists(path.join(root, '.git', USER_INDEX)));
}

function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Makes the copy's files those of checkpoint `commit` — tracked files reset, files added since
 * removed, ignored files (dependency mount points, build output) left alone — and its index the
 * user's staged state again, so `git status` and `git diff` show what they showed after that step.
 * HEAD and the branch do not move. A copy made before refs/hew is reset as it always was.
 */
export async function restoreCheckpoint(root: string, commit: string): Promise<void> {
  lastKnown.delete(root);
  if (await isLegacyCopy(root)) {
    await git(['reset', '-q', '--hard', '--no-recurse-submodules', commit], { cwd: root });
    await git(['clean', '-q', '-f', '-d'], { cwd: root });
  } else {
    const gitDir = path.join(root, '.git');
    await git(['read-tree', '--reset', '-u', commit], { cwd: root });
    await git(['clean', '-q', '-f', '-d'], { cwd: root });
    await copyIndexFile(path.join(gitDir, USER_INDEX), path.join(gitDir, 'index'));
    await gitRun(['update-index', '-q', '--refresh'], { cwd: root, okCodes: [0, 1] });
  }
  // Also in an old copy: a checkpoint made since this hew took over its record follows refs/hew/last.
  await git(['update-ref', LAST_REF, commit], { cwd: root });
}

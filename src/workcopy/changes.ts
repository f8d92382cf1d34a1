// What a run changed: the copy's current files compared with its base snapshot — as a list of
// FileChange, as a unified diff — and checkpoints that record the copy's state after a step.
// Everything here is measured against baseSnapshot, however many checkpoints came since.
import type { FileChange } from '../protocol/files.ts';
import { currentTree } from './commits.ts';
import { checkpoint as recordCheckpoint } from './snapshots.ts';
import { git, gitPaths, splitNul } from './git.ts';
import { quotePath } from './path-bytes.ts';
import type { WorkingCopy } from './create.ts';

export type CopyRef = Pick<WorkingCopy, 'root' | 'baseSnapshot'>;

/** Options that make our diffs independent of the user's diff configuration. */
const DIFF_FLAGS = ['--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', '-M'];

/** Files added, updated, deleted or moved since the base snapshot, sorted by path; paths in display form (quotePath). */
export async function changedFiles(copy: CopyRef): Promise<FileChange[]> {
  return (await changedPaths(copy)).map(displayChange);
}

/** changedFiles with its paths lossless (path-bytes.ts), for code that looks at the files themselves. */
export async function changedPaths(copy: CopyRef): Promise<FileChange[]> {
  const tree = await currentTree(copy.root);
  const out = await gitPaths(['diff-tree', '-r', '-z', '--name-status', '--no-ext-diff', '-M', copy.baseSnapshot, tree], {
    cwd: copy.root,
  });
  return parseNameStatus(out);
}

/** A change with its paths in display form, for people, the model and the event stream. */
export function displayChange<T extends { path: string; move_path?: string }>(c: T): T {
  return c.move_path === undefined ? { ...c, path: quotePath(c.path) } : { ...c, path: quotePath(c.path), move_path: quotePath(c.move_path) };
}

/** Parses `--name-status -z` output into FileChange entries (paths relative to the repository top). */
export function parseNameStatus(out: string): FileChange[] {
  const fields = splitNul(out);
  const changes: FileChange[] = [];
  for (let i = 0; i < fields.length; i++) {
    const status = fields[i] as string;
    const letter = status[0];
    const first = fields[++i] as string;
    if (letter === 'R') {
      changes.push({ path: first, kind: 'move', move_path: fields[++i] as string });
    } else if (letter === 'C') {
      changes.push({ path: fields[++i] as string, kind: 'add' });
    } else if (letter === 'A') {
      changes.push({ path: first, kind: 'add' });
    } else if (letter === 'D') {
      changes.push({ path: first, kind: 'delete' });
    } else {
      changes.push({ path: first, kind: 'update' }); // M, T (type change), U, X
    }
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The run's changes as a unified diff (binary-safe) against the base snapshot, new files included. */
export async function diffAgainstBase(copy: CopyRef, opts: { color?: boolean } = {}): Promise<string> {
  const tree = await currentTree(copy.root);
  const color = opts.color ? '--color=always' : '--no-color';
  return git(['diff', '--binary', color, ...DIFF_FLAGS, copy.baseSnapshot, tree], { cwd: copy.root });
}

/**
 * Records the copy's current state as step `step`'s checkpoint (under refs/hew, snapshots.ts) and
 * returns its commit, or null when nothing changed since the last checkpoint (or the base snapshot).
 * Cheap: hew's own index keeps the files' stat data.
 */
export async function checkpoint(copy: Pick<WorkingCopy, 'root'>, step: number): Promise<string | null> {
  return recordCheckpoint(copy.root, step);
}

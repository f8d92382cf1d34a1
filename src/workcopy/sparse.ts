// Sparse checkouts. The copy gets the user's sparse set (its patterns file and the
// core.sparseCheckout/core.sparseCheckoutCone settings, before the checkout), so the agent sees the
// files the user sees. An edit the run makes outside a cone-mode sparse set is not applied — the
// user's tree has no such files to update — and is reported as such, never a reason to refuse the
// edits inside it. A non-cone sparse checkout is copied the same way; its outside edits are not told apart.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { isNotFound } from '../fs/not-found.ts';
import { git, gitPaths, gitRun } from './git.ts';
import { unquotePath } from './path-bytes.ts';
import type { FileChange } from '../protocol/files.ts';

/** The settings that make a checkout sparse, carried with the patterns file (lower-case, as git lists them). */
export const SPARSE_KEYS: ReadonlySet<string> = new Set(['core.sparsecheckout', 'core.sparsecheckoutcone']);

/**
 * Copies the user's sparse-checkout patterns (this worktree's, `git rev-parse --git-path`) into the
 * copy's `.git/info/`; true when there was a file to copy (only then are SPARSE_KEYS carried).
 */
export async function carrySparsePatterns(userTop: string, root: string): Promise<boolean> {
  const rel = (await git(['rev-parse', '--git-path', 'info/sparse-checkout'], { cwd: userTop, userRepo: true })).trim();
  const from = path.resolve(userTop, rel);
  try {
    await mkdir(path.join(root, '.git', 'info'), { recursive: true });
    await copyFile(from, path.join(root, '.git', 'info', 'sparse-checkout'));
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

/** The directories of the user's cone-mode sparse checkout, or null when the checkout is not a cone-mode sparse one. */
export async function userSparseCone(userRoot: string): Promise<string[] | null> {
  const flag = async (key: string): Promise<boolean> =>
    (await gitRun(['config', '--bool', key], { cwd: userRoot, userRepo: true, okCodes: [0, 1] })).stdout.trim() === 'true';
  if (!(await flag('core.sparseCheckout')) || !(await flag('core.sparseCheckoutCone'))) return null;
  // git C-quotes a directory whose name needs it (`"\303\251 dir"`): back to the lossless path.
  const out = await gitPaths(['sparse-checkout', 'list'], { cwd: userRoot, userRepo: true });
  return out.split('\n').filter((l) => l !== '').map(unquotePath);
}

/**
 * Whether `rel` is inside a cone: top-level files always; everything under a listed directory; the
 * files directly in a directory that leads to one (git's cone-mode rule).
 */
export function insideCone(rel: string, dirs: readonly string[]): boolean {
  const slash = rel.lastIndexOf('/');
  if (slash < 0) return true;
  const parent = rel.slice(0, slash);
  return dirs.some((d) => parent === d || parent.startsWith(`${d}/`) || d.startsWith(`${parent}/`));
}

/**
 * The paths among a run's changes that lie outside the user's cone-mode sparse checkout at `userRoot`
 * (no apply takes them); [] when the checkout is not a cone-mode sparse one or cannot be read.
 */
export async function outsideSparseCheckout(userRoot: string, changes: readonly FileChange[]): Promise<string[]> {
  if (changes.length === 0) return [];
  const cone = await userSparseCone(userRoot).catch(() => null);
  if (cone === null) return [];
  const paths = changes.flatMap((c) => (c.move_path === undefined ? [c.path] : [c.path, c.move_path]));
  return [...new Set(paths.filter((p) => !insideCone(p, cone)))].sort();
}

// File-level copying for the working copy: one entry at a time, symlinks kept as symlinks, the
// executable bit kept, and nothing ever written on the source side (sources are only read).
import { constants } from 'node:fs';
import { copyFile, chmod, lstat, mkdir, readlink, rm, rmdir, symlink } from './path-fs.ts';
import path from 'node:path';
import { isNotFound } from '../fs/not-found.ts';

export type CopyResult = 'copied' | 'missing' | 'directory' | 'special';

/** Directories already checked by `realParents`, per source root (one map per copy). */
export type ParentCache = Map<string, Promise<boolean>>;

/**
 * Whether every directory between `root` and `rel` is a real directory (lstat: a symlink or file on the
 * way is not). A path listed by git (the index, status) may lie beyond a directory the user has since
 * replaced by a symlink — to their home, say: it is not in the repository and is never read.
 */
export function realParents(root: string, rel: string, cache: ParentCache = new Map()): Promise<boolean> {
  const parent = path.dirname(rel);
  if (parent === '.' || parent === '') return Promise.resolve(true);
  const key = path.join(root, parent);
  let known = cache.get(key);
  if (known === undefined) {
    known = realParents(root, parent, cache).then(async (above) => above && (await lstat(key).then((st) => st.isDirectory(), () => false)));
    cache.set(key, known);
  }
  return known;
}

/**
 * Copies `rel` from `srcRoot` to `destRoot`, replacing whatever is at the destination.
 * Returns 'missing' when the source does not exist or lies beyond a symlink or file (see
 * realParents; `parents` caches its answers for one copy), 'directory' when it is a directory (not
 * copied), 'special' for sockets, FIFOs and devices (not copied).
 */
export async function copyEntry(srcRoot: string, destRoot: string, rel: string, parents?: ParentCache): Promise<CopyResult> {
  const src = path.join(srcRoot, rel);
  const dest = path.join(destRoot, rel);
  if (!(await realParents(srcRoot, rel, parents))) return 'missing';
  let st;
  try {
    st = await lstat(src);
  } catch (err) {
    if (isNotFound(err)) return 'missing';
    throw err;
  }
  if (st.isDirectory()) return 'directory';
  if (!st.isFile() && !st.isSymbolicLink()) return 'special';
  await prepareDestination(destRoot, dest);
  if (st.isSymbolicLink()) {
    await symlink(await readlink(src), dest);
  } else {
    await copyFile(src, dest, constants.COPYFILE_FICLONE);
    await chmod(dest, st.mode & 0o777);
  }
  return 'copied';
}

/** Removes `rel` under `destRoot` if present, then any parent directories it leaves empty. */
export async function removeEntry(destRoot: string, rel: string): Promise<void> {
  const dest = path.join(destRoot, rel);
  await rm(dest, { force: true, recursive: true });
  await pruneEmptyParents(destRoot, path.dirname(dest));
}

/** Makes sure `dest`'s parent is a directory and nothing sits at `dest` itself. */
async function prepareDestination(destRoot: string, dest: string): Promise<void> {
  const parent = path.dirname(dest);
  await ensureDirectory(destRoot, parent);
  await rm(dest, { force: true, recursive: true });
}

/** Creates `dir` (under root); a file standing where a parent directory belongs is removed first. */
async function ensureDirectory(root: string, dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOTDIR' && code !== 'EEXIST') throw err;
  }
  // Walk down from the root and replace the first non-directory on the way.
  const parts = path.relative(root, dir).split(path.sep);
  let cur = root;
  for (const part of parts) {
    cur = path.join(cur, part);
    const st = await lstat(cur).catch(() => null);
    if (st && !st.isDirectory()) await rm(cur, { force: true });
  }
  await mkdir(dir, { recursive: true });
}

async function pruneEmptyParents(root: string, dir: string): Promise<void> {
  let cur = dir;
  while (cur !== root && cur.startsWith(root + path.sep)) {
    try {
      await rmdir(cur);
    } catch {
      return; // not empty (or already gone): stop
    }
    cur = path.dirname(cur);
  }
}

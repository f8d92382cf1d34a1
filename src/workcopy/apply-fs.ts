// The file-system steps apply and its recovery share, all inside the user's tree and never following a
// symlink there: a staging directory at the tree's top for temporary files (one recognisable name,
// `.hew-apply-XXXXXXXX`, on the same file system so a rename moves a file into place whole), making
// missing parents, putting an entry in place by rename, removing one and pruning the parents it emptied.
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, open, rename, rm, rmdir, symlink, writeFile } from './path-fs.ts';
import path from 'node:path';
import type { FileState } from './apply-read.ts';
import { isNotFound } from '../fs/not-found.ts';

/** The prefix every temporary thing apply makes in the user's tree starts with. */
const STAGING_PREFIX = '.hew-apply-';
const STAGING_NAME = /^\.hew-apply-[0-9a-f]{8}$/;

/** A fresh staging directory name (relative to the tree's top). */
export function newStagingName(): string {
  return `${STAGING_PREFIX}${randomBytes(4).toString('hex')}`;
}

export function isStagingName(name: string): boolean {
  return STAGING_NAME.test(name);
}

/** A parent on the way to a path is not a directory (a file or symlink stands there). */
export class BlockedPathError extends Error {
  readonly path: string;
  constructor(rel: string) {
    super(`${rel} is not a directory`);
    this.name = 'BlockedPathError';
    this.path = rel;
  }
}

/** Writes `state` (a file or symlink) at `abs`, flushed to disk; `abs` must not exist. */
export async function writeStaged(abs: string, state: NonNullable<FileState>, ours: FileState = null): Promise<void> {
  if (state.type === 'symlink') {
    await symlink(state.target, abs);
    return;
  }
  if (state.type !== 'file') throw new Error(`cannot write a ${state.type}`);
  const perm = state.perm ?? (ours?.type === 'file' ? ours.perm : undefined);
  await writeFile(abs, state.data, { mode: state.exec ? 0o777 : 0o666, flag: 'wx', flush: true });
  if (perm !== undefined) await chmod(abs, withExec(perm, state.exec));
}

/** Permission bits with the executable bits set (where readable) or cleared. */
function withExec(perm: number, exec: boolean): number {
  return exec ? perm | ((perm & 0o444) >> 2) : perm & ~0o111;
}

/** Creates the missing parents of `rel` one by one; a non-directory on the way is an error, never followed. */
async function ensureParents(root: string, rel: string, createdDirs: string[] = []): Promise<void> {
  const parts = rel.split('/').slice(0, -1);
  let cur = root;
  for (const part of parts) {
    cur = path.join(cur, part);
    const st = await lstat(cur).catch((err: unknown) => (isNotFound(err) ? null : Promise.reject(err)));
    if (st === null) {
      await mkdir(cur);
      createdDirs.push(cur);
    } else if (!st.isDirectory()) {
      throw new BlockedPathError(path.relative(root, cur));
    }
  }
}

/** Moves the staged entry `tmp` to `rel` (parents made first). */
export async function moveIntoPlace(root: string, tmp: string, rel: string, createdDirs: string[] = []): Promise<void> {
  await ensureParents(root, rel, createdDirs);
  await rename(tmp, path.join(root, rel));
}

/** Removes the file or symlink at `rel`, then the parent directories that are left empty. */
export async function removePath(root: string, rel: string): Promise<void> {
  const abs = path.join(root, rel);
  await rm(abs, { force: true });
  let dir = path.dirname(abs);
  while (dir !== root && dir.startsWith(root + path.sep)) {
    try {
      await rmdir(dir);
    } catch {
      return; // not empty: stop
    }
    dir = path.dirname(dir);
  }
}

/** fsync a directory, so renames into it survive a power cut (best effort where a platform refuses). */
export async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // some file systems refuse fsync on a directory; nothing more can be done there
  } finally {
    await handle?.close();
  }
}

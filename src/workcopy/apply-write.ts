// Carrying out a conflict-free apply plan in the user's tree: deletions first, then each file written
// to a temporary name beside it and renamed over (so no file is ever half-written). Before each write
// the user's entry is checked again; if it moved since planning, or any write fails, everything already
// done is put back as it was (the plan holds the user's previous contents) and nothing is left behind.
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, rename, rm, rmdir, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readUserEntry, sameState, type FileState } from './apply-read.ts';
import type { PlannedWrite } from './apply-plan.ts';
import { isNotFound } from './files.ts';

/** The user's tree changed between planning and writing; nothing was written (rolled back). */
export class ApplyRaceError extends Error {
  readonly path: string;
  constructor(rel: string) {
    super(`${rel} changed while applying`);
    this.name = 'ApplyRaceError';
    this.path = rel;
  }
}

interface Undo {
  rel: string;
  ours: FileState;
}

/** Writes every planned change under `root`, all or nothing. */
export async function writePlan(root: string, writes: PlannedWrite[]): Promise<void> {
  const ordered = [...writes.filter((w) => w.target === null), ...writes.filter((w) => w.target !== null)];
  const done: Undo[] = [];
  const createdDirs: string[] = [];
  try {
    for (const w of ordered) {
      await checkUnchanged(root, w);
      done.push({ rel: w.path, ours: w.ours });
      if (w.target === null) await removePath(root, w.path);
      else await putEntry(root, w.path, w.target, w.ours, createdDirs);
    }
  } catch (err) {
    await rollback(root, done, createdDirs);
    throw err;
  }
}

async function checkUnchanged(root: string, w: PlannedWrite): Promise<void> {
  const now = (await readUserEntry(root, w.path)).state;
  // A directory the plan empties is gone by now: its files were deleted first and empty parents pruned.
  if (w.ours?.type === 'directory' ? now === null : sameState(now, w.ours)) return;
  throw new ApplyRaceError(w.path);
}

/** Puts `state` at `rel`: parents made without following symlinks, a temp entry renamed over the old one. */
async function putEntry(root: string, rel: string, state: NonNullable<FileState>, ours: FileState, createdDirs: string[]): Promise<void> {
  const abs = path.join(root, rel);
  await ensureParents(root, rel, createdDirs);
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.hew-apply-${randomBytes(4).toString('hex')}`);
  try {
    if (state.type === 'symlink') {
      await symlink(state.target, tmp);
    } else if (state.type === 'file') {
      const perm = state.perm ?? (ours?.type === 'file' ? ours.perm : undefined);
      await writeFile(tmp, state.data, { mode: state.exec ? 0o777 : 0o666, flag: 'wx' });
      if (perm !== undefined) await chmod(tmp, withExec(perm, state.exec));
    } else {
      throw new Error(`cannot write a ${state.type} at ${rel}`);
    }
    await rename(tmp, abs);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Permission bits with the executable bits set (where readable) or cleared. */
function withExec(perm: number, exec: boolean): number {
  return exec ? perm | ((perm & 0o444) >> 2) : perm & ~0o111;
}

/** Creates the missing parents of `rel` one by one; a non-directory on the way is an error, never followed. */
async function ensureParents(root: string, rel: string, createdDirs: string[]): Promise<void> {
  const parts = rel.split('/').slice(0, -1);
  let cur = root;
  for (const part of parts) {
    cur = path.join(cur, part);
    const st = await lstat(cur).catch((err: unknown) => (isNotFound(err) ? null : Promise.reject(err)));
    if (st === null) {
      await mkdir(cur);
      createdDirs.push(cur);
    } else if (!st.isDirectory()) {
      throw new ApplyRaceError(path.relative(root, cur));
    }
  }
}

/** Removes the file or symlink at `rel`, then the parent directories that are left empty. */
async function removePath(root: string, rel: string): Promise<void> {
  const abs = path.join(root, rel);
  try {
    await unlink(abs);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
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

/** Puts every touched path back as the plan found it, newest first, then removes directories we made. */
async function rollback(root: string, done: Undo[], createdDirs: string[]): Promise<void> {
  for (const undo of done.reverse()) {
    try {
      const abs = path.join(root, undo.rel);
      if (undo.ours === null) {
        await rm(abs, { force: true });
      } else if (undo.ours.type === 'directory') {
        await rm(abs, { force: true });
        await mkdir(abs, { recursive: true });
      } else if (undo.ours.type === 'file' || undo.ours.type === 'symlink') {
        await mkdir(path.dirname(abs), { recursive: true });
        await putEntry(root, undo.rel, undo.ours, null, []);
      }
    } catch {
      // keep restoring the rest; the error that caused the rollback is what gets reported
    }
  }
  for (const dir of createdDirs.reverse()) await rmdir(dir).catch(() => undefined);
}

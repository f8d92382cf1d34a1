// Reading the three sides of an apply: the base (a blob in the copy's git, in working-tree form), the
// run's file (the copy on disk) and the user's file. Everything is read into memory as a FileState;
// nothing here writes. Git output is taken as bytes, never decoded, so binary files survive intact.
import { lstat, readdirEntries, readFile, readlink } from './path-fs.ts';
import path from 'node:path';
import { isNotFound } from '../fs/not-found.ts';
import { gitBytes } from './git.ts';
import { decodePath, encodePath, isPlainPath } from './path-bytes.ts';

/** What sits at one path: a regular file (bytes, executable bit, permission bits), a symlink, or something else. */
export type FileState =
  | { type: 'file'; data: Buffer; exec: boolean; perm?: number }
  | { type: 'symlink'; target: string }
  | { type: 'directory' }
  | { type: 'other' }
  | null;

/** The user's side of one path, plus the nearest ancestor that is not a real directory (if any). */
export interface UserState {
  state: FileState;
  /** Relative path of an ancestor that is a file or a symlink (writing there would need to replace it). */
  blockedBy?: string;
}

/** Git tree entry mode → FileState kind; null for modes we cannot apply (submodules). */
export function modeKind(mode: string): 'file' | 'exec' | 'symlink' | 'gitlink' | null {
  if (mode === '100644' || mode === '100664') return 'file';
  if (mode === '100755') return 'exec';
  if (mode === '120000') return 'symlink';
  if (mode === '160000') return 'gitlink';
  return null;
}

/**
 * A blob of the copy's git as the file it checks out to: regular files go through the copy's
 * end-of-line conversion (.gitattributes, core.autocrlf), so they compare with files on disk; the
 * hardened runner keeps every filter driver from running.
 */
export async function readBlob(copyRoot: string, sha: string, mode: string, rel: string): Promise<FileState> {
  const kind = modeKind(mode);
  if (kind === 'symlink') {
    const { stdout } = await gitBytes(['cat-file', 'blob', sha], { cwd: copyRoot });
    return { type: 'symlink', target: decodePath(stdout) };
  }
  if (kind === 'file' || kind === 'exec') {
    return { type: 'file', data: await filteredBlob(copyRoot, sha, rel), exec: kind === 'exec' };
  }
  return { type: 'other' };
}

/** A blob through the checkout filters for `rel`; a name that cannot be an argument goes on stdin (`--batch`). */
async function filteredBlob(copyRoot: string, sha: string, rel: string): Promise<Buffer> {
  if (isPlainPath(rel)) return (await gitBytes(['cat-file', '--filters', `--path=${rel}`, sha], { cwd: copyRoot })).stdout;
  const { stdout } = await gitBytes(['cat-file', '--filters', '--batch'], { cwd: copyRoot, input: encodePath(`${sha} ${rel}\n`) });
  const eol = stdout.indexOf(0x0a);
  const size = Number(stdout.subarray(0, eol).toString('utf8').split(' ')[2]);
  if (eol < 0 || !Number.isSafeInteger(size)) throw new Error(`git cat-file could not read ${sha}`);
  return Buffer.from(stdout.subarray(eol + 1, eol + 1 + size));
}

/** The entry at `rel` under `root` (never following a symlink at the path itself). */
export async function readEntry(root: string, rel: string): Promise<FileState> {
  const abs = path.join(root, rel);
  let st;
  try {
    st = await lstat(abs);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
  if (st.isSymbolicLink()) return { type: 'symlink', target: await readlink(abs) };
  if (st.isDirectory()) return { type: 'directory' };
  if (!st.isFile()) return { type: 'other' };
  return { type: 'file', data: await readFile(abs), exec: (st.mode & 0o100) !== 0, perm: st.mode & 0o7777 };
}

/**
 * The user's side of `rel`: walks the ancestors with lstat, so a symlinked or file-shaped parent is
 * reported (and never followed), then reads the entry itself.
 */
export async function readUserEntry(root: string, rel: string): Promise<UserState> {
  const parts = rel.split('/');
  for (let i = 1; i < parts.length; i++) {
    const ancestor = parts.slice(0, i).join('/');
    let st;
    try {
      st = await lstat(path.join(root, ancestor));
    } catch (err) {
      if (isNotFound(err)) return { state: null };
      throw err;
    }
    if (!st.isDirectory()) return { state: null, blockedBy: ancestor };
  }
  return { state: await readEntry(root, rel) };
}

/** Every non-directory entry under `rel` (recursively, symlinks not followed), relative to root. */
export async function entriesUnder(root: string, rel: string, limit = 10_000): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdirEntries(path.join(root, dir))) {
      if (found.length > limit) return;
      const child = `${dir}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else found.push(child);
    }
  };
  await walk(rel);
  return found;
}

/** Same content, type and executable bit (permission bits other than x are not compared). */
export function sameState(a: FileState, b: FileState): boolean {
  if (a === null || b === null) return a === b;
  if (a.type !== b.type) return false;
  if (a.type === 'file' && b.type === 'file') return a.exec === b.exec && a.data.equals(b.data);
  if (a.type === 'symlink' && b.type === 'symlink') return a.target === b.target;
  return a.type === 'directory';
}

/** Git's heuristic: a NUL byte in the first 8000 bytes means binary. */
export function isBinary(data: Buffer): boolean {
  return data.subarray(0, 8000).includes(0);
}

// Files the repository supplies (project instructions, manifests, inbox tasks, the project config):
// a repository is not trusted, so such a file is read only when it is a regular file inside the
// repository once every link is resolved (realpath). A link out of the repository, a link into its
// git directory (`.git/config` may hold a token in a remote URL), a FIFO, a device or a directory is
// refused with an UnreadableFileError naming the file and why; the caller skips it or stops.
// Links that stay inside the repository are followed. The read itself is readBounded's.
import { lstatSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { readBounded, UnreadableFileError } from './read-bounded.ts';
import type { BoundedRead, ReadLimit } from './read-bounded.ts';
import { isNotFound } from './not-found.ts';

export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The real path of `file` when it lies inside the real `top` and outside its `.git`; an UnreadableFileError otherwise. */
function resolveInRepo(top: string, file: string): string {
  let real: string;
  try {
    real = realpathSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (isNotFound(err)) throw new UnreadableFileError(file, danglingOrMissing(file));
    if (code === 'ELOOP') throw new UnreadableFileError(file, { code: 'not-a-file', kind: 'symbolic link' });
    throw new UnreadableFileError(file, { code: 'unreadable', detail: code ?? (err as Error).message });
  }
  checkInRepo(top, file, real);
  return real;
}

/**
 * A directory inside the repository that may not exist yet (the watch inbox): its deepest existing
 * part is resolved and must lie inside the real `top`, outside `.git`. Returns the path with that
 * part resolved; what does not exist yet is plain names, so creating it stays inside.
 */
export function resolveDirInRepo(top: string, dir: string): string {
  let real: string;
  try {
    real = realLocation(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UnreadableFileError(dir, code === 'ENOENT' ? danglingOrMissing(dir) : { code: 'unreadable', detail: code ?? (err as Error).message });
  }
  checkInRepo(top, dir, real);
  return real;
}

/** `p` with the links of its deepest existing part resolved; the part that does not exist yet is kept as named. */
export function realLocation(p: string): string {
  const missing: string[] = [];
  let existing = path.resolve(p);
  while (!lexists(existing) && path.dirname(existing) !== existing) {
    missing.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  return path.join(realpathSync(existing), ...missing);
}

/** readBounded of a repository file, after resolveInRepo. */
export function readRepoFile(top: string, file: string, limit: ReadLimit): BoundedRead {
  const real = resolveInRepo(top, file);
  try {
    return readBounded(real, { ...limit, noFollow: true });
  } catch (err) {
    // Name the file as the caller knows it, not its resolved path.
    if (err instanceof UnreadableFileError) throw new UnreadableFileError(file, err.reason);
    throw err;
  }
}

function checkInRepo(top: string, file: string, real: string): void {
  const realTop = realpathSync(top);
  if (!isInside(realTop, real)) throw new UnreadableFileError(file, { code: 'outside', target: real, root: `the repository (${realTop})` });
  if (isInside(path.join(realTop, '.git'), real)) throw new UnreadableFileError(file, { code: 'git-dir', target: real });
}

/** Whether `p` is a directory once links are followed (false when it does not exist or cannot be reached). */
export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The real path of `p`, or `p` itself when it cannot be resolved (it does not exist, a loop). */
export function realOrSame(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** Whether a name exists (a link counts, whether or not its target does). */
export function lexists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function danglingOrMissing(file: string): { code: 'missing' } | { code: 'unreadable'; detail: string } {
  try {
    if (lstatSync(file).isSymbolicLink()) return { code: 'unreadable', detail: 'a symbolic link whose target does not exist' };
  } catch {
    // not there at all
  }
  return { code: 'missing' };
}

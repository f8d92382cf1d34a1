// Resolving a path named in a patch to a real file inside the working copy root. Relative paths
// are taken from the root; absolute paths are accepted when inside it. Paths that leave the root,
// directly (`..`, another absolute path) or through a symlink, are refused; so are paths into a git
// directory (a `.git` component, in any letter case, as named or after resolving symlinks): hew runs
// git in the copy outside the sandbox, so git's own files are never the model's to write.

import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { PatchError } from './errors.ts';

export interface ResolvedPath {
  /** Path relative to the root, with '/' separators: what messages and FileChanges show. */
  display: string;
  /** Absolute path with symlinks resolved: where the bytes are read and written. */
  real: string;
}

function inside(base: string, target: string): string | null {
  const rel = path.relative(base, target);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
  return rel;
}

/** True when a component of `rel` (either separator) is `.git` in any letter case. */
export function inGitDir(rel: string): boolean {
  return rel.split(/[\\/]/).some((part) => part.toLowerCase() === '.git');
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

/** `root` as given and `realRoot` its realpath; `named` the path as written in the patch. */
export async function resolveInRoot(root: string, realRoot: string, named: string): Promise<ResolvedPath> {
  const outside = (why: string): PatchError =>
    new PatchError(
      `Path '${named}' ${why}. apply_patch only edits files inside the working copy (${root}); use a path relative to it.`,
    );
  if (named.includes('\0')) throw outside('contains a NUL character');
  const absolute = path.isAbsolute(named) ? path.resolve(named) : path.resolve(root, named);
  const rel = inside(path.resolve(root), absolute) ?? inside(realRoot, absolute);
  if (rel === null) {
    throw absolute === path.resolve(root) || absolute === realRoot
      ? outside('is the working copy root itself, not a file')
      : outside('is outside the working copy');
  }
  const gitDir = (via: string): PatchError =>
    new PatchError(
      `Path '${named}' ${via}the git directory (.git), which apply_patch never edits: hew runs git there outside the sandbox. ` +
        'Edit the project\'s files instead; to change git settings, describe the change in your answer for the user.',
    );
  if (inGitDir(rel)) throw gitDir('is inside ');
  // Resolve symlinks along the deepest part of the path that exists.
  let existing = path.join(realRoot, rel);
  const missing: string[] = [];
  for (;;) {
    try {
      await lstat(existing);
      break;
    } catch (err) {
      if (code(err) === 'ENOTDIR') throw new PatchError(`Path '${named}' goes through a file as if it were a directory.`);
      if (code(err) !== 'ENOENT') throw new PatchError(`Cannot access '${named}': ${(err as Error).message}`);
      missing.unshift(path.basename(existing));
      existing = path.dirname(existing);
    }
  }
  let real: string;
  try {
    real = await realpath(existing);
  } catch {
    throw new PatchError(`Path '${named}' goes through a broken symlink (${existing}); fix or remove the link first.`);
  }
  if (real !== realRoot && inside(realRoot, real) === null) {
    throw outside(`leads through a symlink to ${real}, which is outside the working copy`);
  }
  const realRel = path.relative(realRoot, path.join(real, ...missing));
  if (inGitDir(realRel)) throw gitDir(`leads through a symlink (to ${path.join(real, ...missing)}) into `);
  return { display: rel.split(path.sep).join('/'), real: path.join(real, ...missing) };
}

// Resolving a tool's path argument inside the working copy. Paths are relative to the root;
// absolute paths are accepted when they lie inside it. Escapes are refused, including through
// symlinks: the deepest existing ancestor is resolved with realpath (dangling links are followed
// by hand) and must stay inside the root's real path.
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';

class PathOutsideRootError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathOutsideRootError';
  }
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Real location of `p`, following symlinks even where the final target does not exist. */
function realLocation(p: string, depth = 0): string {
  if (depth > 40) throw new Error(`too many levels of symbolic links: ${p}`);
  let existing = p;
  const rest: string[] = [];
  for (;;) {
    try {
      const stat = lstatSync(existing);
      if (stat.isSymbolicLink()) {
        try {
          return path.join(realpathSync(existing), ...rest);
        } catch {
          // A dangling link: follow it by hand.
          const target = path.resolve(path.dirname(existing), readlinkSync(existing));
          return realLocation(path.join(target, ...rest), depth + 1);
        }
      }
      return path.join(realpathSync(existing), ...rest);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && (err as NodeJS.ErrnoException).code !== 'ENOTDIR') throw err;
      const parent = path.dirname(existing);
      if (parent === existing) return path.join(existing, ...rest);
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/**
 * The absolute path of `p` inside `root` (lexically resolved; symlinks are kept in the returned
 * path but checked). Throws PathOutsideRootError, with a message for the model, on an escape.
 */
export function resolveInside(root: string, p: string, visibleRoot?: string): string {
  const absRoot = path.resolve(root);
  const target = path.resolve(absRoot, p === '' ? '.' : fromVisible(p, absRoot, visibleRoot));
  if (!isInside(absRoot, target)) {
    throw new PathOutsideRootError(`${p} is outside the working copy (${visibleRoot ?? absRoot}); use a path inside it`);
  }
  const realRoot = realLocation(absRoot);
  if (!isInside(realRoot, realLocation(target))) {
    throw new PathOutsideRootError(`${p} leads outside the working copy through a symbolic link; use a path inside it`);
  }
  return target;
}

/** `abs` relative to `root` for display ('.' for the root itself). */
export function displayPath(root: string, abs: string): string {
  const rel = path.relative(path.resolve(root), abs);
  return rel === '' ? '.' : rel;
}

/**
 * Maps an absolute path under `visibleRoot` (the user's repository path, as the model sees the copy)
 * to the same place under `root`; any other path is returned unchanged.
 */
function fromVisible(p: string, root: string, visibleRoot: string | undefined): string {
  if (!visibleRoot || !path.isAbsolute(p)) return p;
  const rel = path.relative(path.resolve(visibleRoot), path.resolve(p));
  if (rel === '' ) return root;
  if (rel.startsWith('..') || path.isAbsolute(rel)) return p;
  return path.join(root, rel);
}

/**
 * A path the model gave, as the repository sees it, for display only (an item's `paths`): relative and
 * normalized (`./src//a.ts` → `src/a.ts`, the root → `.`); an absolute path under `visibleRoot` is made
 * relative to it. Null when it leads outside (the tool refuses it anyway). Pure: no file is looked at.
 */
export function repoRelative(p: string, visibleRoot: string): string | null {
  const rel = path.isAbsolute(p) ? path.relative(path.resolve(visibleRoot), path.resolve(p)) : path.normalize(p === '' ? '.' : p);
  const clean = rel === '' ? '.' : rel.replace(/\/+$/, '') || '.';
  if (clean === '..' || clean.startsWith('../') || path.isAbsolute(clean)) return null;
  return clean;
}

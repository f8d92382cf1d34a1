// hew's own folders (its state with every run's copy, its cache, its config) may lie inside the
// directory being copied: a dotfiles repository whose top is $HOME holds ~/.local/state/hew. They are
// never copied — neither by the plain copy nor as untracked files of a git copy — or every run
// would carry every earlier run (and a plain copy of its own state would copy itself, recursively).
import { realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * The folders of `dirs` (absolute) that lie inside `top` (a real path), as paths relative to it with
 * '/' separators, links resolved (a folder that does not exist yet is resolved from its nearest
 * existing parent). `top` itself inside one of them excludes nothing: copying a run's own copy is allowed.
 */
export function ownDirsInside(top: string, dirs: readonly string[]): string[] {
  const found: string[] = [];
  for (const dir of dirs) {
    const real = realFrom(path.resolve(dir));
    const rel = path.relative(top, real);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    found.push(rel.split(path.sep).join('/'));
  }
  return found;
}

/** Whether `rel` ('/'-separated, relative to the top) is one of `excluded` or lies inside one. */
export function isExcludedPath(rel: string, excluded: readonly string[]): boolean {
  const clean = rel.replace(/\/$/, '');
  return excluded.some((dir) => clean === dir || clean.startsWith(`${dir}/`));
}

/** The real path of `p`, or of its nearest existing ancestor with the rest appended. */
function realFrom(p: string): string {
  const rest: string[] = [];
  for (let cur = p; ; cur = path.dirname(cur)) {
    try {
      return path.join(realpathSync(cur), ...rest.reverse());
    } catch {
      if (path.dirname(cur) === cur) return p;
      rest.push(path.basename(cur));
    }
  }
}

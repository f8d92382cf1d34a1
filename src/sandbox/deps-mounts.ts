// Dependency directories in the sandbox (SPEC §4): the user's git-ignored node_modules, .venv, vendor, …
// are not copied; the sandbox binds them read-only into the copy at the same relative paths, so the
// copy builds and tests offline exactly as the user's tree does and no write reaches the originals.
//
// - bwrap needs each mount point to exist, and in `read-only` mode it cannot create one, so
//   `dependencyMountsFor` (given `copyRoot`) creates empty directories in the copy beforehand and
//   lists them in the copy's `.git/info/exclude`. On the host they stay empty, so they never show up
//   as changes; inside the sandbox git ignores them even when the user's ignore rule lives somewhere
//   the copy cannot see (a global excludes file under the hidden $HOME).
// - A mount point whose path in the copy runs through a symlink or a file is skipped, never created
//   through it (a committed symlink could point outside the copy); so is one the copy already holds
//   files in (what a run's setup command installed, when the run is resumed).
// - Writable scratch: tools that write caches inside node_modules (babel, eslint, webpack, vite) get an
//   empty writable tmpfs over `node_modules/.cache`, `.vite` and `.vite-temp` where those already exist
//   in the user's tree (a mount point cannot be created inside a read-only mount). Python's
//   `__pycache__` directories are not covered: there are too many to enumerate cheaply, and Python
//   already carries on when it cannot write bytecode. Anything else that writes into a dependency
//   directory fails with EROFS, which is the promise: the originals are never written.
import { appendFile, lstat, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DEPENDENCY_DIR_NAMES, findDependencyDirs } from '../workcopy/deps.ts';
import type { DependencyMount } from './bwrap.ts';

/** Cache folders (relative to a dependency directory) covered by a writable tmpfs where they exist. */
export const DEPENDENCY_SCRATCH: Readonly<Record<string, readonly string[]>> = {
  node_modules: ['.cache', '.vite', '.vite-temp'],
};

export interface DependencyMountOptions {
  /** The working copy on the host: mount points are created there (and git-excluded) when given. */
  copyRoot?: string;
  /** 'git' (only git-ignored directories count) or 'plain'; default: 'git' when userTop has `.git`. */
  kind?: 'git' | 'plain';
  /** Directory names treated as dependencies (default DEPENDENCY_DIR_NAMES). */
  names?: readonly string[];
  /** How deep to look for nested ones (workspaces); default 3. */
  maxDepth?: number;
  /** Scratch folders per dependency directory name (default DEPENDENCY_SCRATCH). */
  scratch?: Readonly<Record<string, readonly string[]>>;
}

export interface DependencyMounts {
  mounts: DependencyMount[];
  /** Paths inside the sandbox to cover with a writable tmpfs. */
  scratch: string[];
}

async function isDir(p: string, follow: boolean): Promise<boolean> {
  try {
    return (await (follow ? stat(p) : lstat(p))).isDirectory();
  } catch {
    return false;
  }
}

/** The user's dependency directories as read-only mounts under `visibleRoot`, plus their scratch dirs. */
export async function dependencyMountsFor(userTop: string, visibleRoot: string, opts: DependencyMountOptions = {}): Promise<DependencyMounts> {
  const top = path.resolve(userTop);
  const kind = opts.kind ?? ((await lstat(path.join(top, '.git')).then(() => true, () => false)) ? 'git' : 'plain');
  const rels = await findDependencyDirs(top, { kind, maxDepth: opts.maxDepth, names: opts.names ?? DEPENDENCY_DIR_NAMES });
  const usable = opts.copyRoot === undefined ? rels : await prepareMountPoints(opts.copyRoot, rels);
  const scratchTable = opts.scratch ?? DEPENDENCY_SCRATCH;
  const mounts: DependencyMount[] = [];
  const scratch: string[] = [];
  for (const rel of usable) {
    const source = path.join(top, rel);
    const target = path.join(path.resolve(visibleRoot), rel);
    mounts.push({ source, target });
    for (const sub of scratchTable[path.basename(rel)] ?? []) {
      if (await isDir(path.join(source, sub), false)) scratch.push(path.join(target, sub));
    }
  }
  return { mounts, scratch };
}

/**
 * Creates an empty directory in the copy for each relative path (and its missing parents), never
 * through a symlink or over a file; lists them in the copy's `.git/info/exclude`. Returns the paths
 * that are usable mount points.
 */
export async function prepareMountPoints(copyRoot: string, rels: readonly string[]): Promise<string[]> {
  const root = path.resolve(copyRoot);
  const usable: string[] = [];
  for (const rel of rels) {
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    let p = root;
    let ok = true;
    for (const part of rel.split('/')) {
      p = path.join(p, part);
      try {
        const st = await lstat(p);
        if (!st.isDirectory()) {
          ok = false;
          break;
        }
      } catch {
        await mkdir(p);
      }
    }
    // One the copy already filled (a run's setup installed it; resumed) is the copy's own, not covered.
    if (ok && (await readdir(p)).length > 0) ok = false;
    if (ok) usable.push(rel);
  }
  const gitDir = path.join(root, '.git');
  if (usable.length > 0 && (await isDir(gitDir, false))) {
    await mkdir(path.join(gitDir, 'info'), { recursive: true });
    const lines = usable.map((rel) => `/${rel}/`).join('\n');
    await appendFile(path.join(gitDir, 'info', 'exclude'), `\n# hew: dependency mount points (read-only in the sandbox)\n${lines}\n`);
  }
  return usable;
}

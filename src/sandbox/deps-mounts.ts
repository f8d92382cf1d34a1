// Dependency directories in the run (SPEC §4): the user's git-ignored node_modules, .venv, vendor, …
// are not part of the working copy (git ignores them), yet the copy must build and test offline
// exactly as the user's tree does, and no write may reach the originals. Two views:
//
// - node_modules (PRIVATE_COPY_NAMES): a private, writable copy inside the working copy at the same
//   relative path (workcopy/deps-copy.ts). Tools write into their own installed packages (vitest
//   --typecheck's `.tsbuildinfo`, babel/eslint/vite caches, `prisma generate`); with a read-only
//   view they failed with EROFS and the project's own test script could not pass. The copy works
//   under every sandbox and with none (danger-full-access). If it cannot be made, the read-only view
//   below is used instead and the run says so.
// - the others (.venv, venv, vendor, .bundle, .yarn): bound read-only by bubblewrap at the same
//   relative paths. Their tools do not write into them while testing (Python carries on when it
//   cannot write bytecode; Go never writes vendor/), and a virtualenv can be gigabytes.
//
// Mount points: bwrap needs each to exist, and in `read-only` mode it cannot create one, so
// `prepareDependencies` (given `copyRoot`) creates empty directories in the copy beforehand and
// lists them in the copy's `.git/info/exclude`. On the host they stay empty (or hold the private
// copy), so they never show up as changes; inside the sandbox git ignores them even when the user's
// ignore rule lives somewhere the copy cannot see (a global excludes file under the hidden $HOME). A
// mount point whose path in the copy runs through a symlink or a file is skipped, never created
// through it (a committed symlink could point outside the copy); so is one the copy already holds
// files in (a private copy made earlier, or what a run's setup command installed, when the run is resumed).
import { appendFile, lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { copyDependencyDir } from '../workcopy/deps-copy.ts';
import { DEPENDENCY_DIR_NAMES, findDependencyDirs } from '../workcopy/deps.ts';
import type { DependencyMount } from './bwrap.ts';

/** Dependency directory names the run gets a private, writable copy of (the others are read-only). */
const PRIVATE_COPY_NAMES: readonly string[] = ['node_modules'];

export interface DependencyOptions {
  /** The working copy on the host: mount points are created there (git-excluded) and the private copies made. */
  copyRoot?: string;
  /** Whether the sandbox binds directories read-only (bubblewrap); without, only private copies are made. Default true. */
  mountable?: boolean;
  /** 'git' (only git-ignored directories count) or 'plain'; default: 'git' when userTop has `.git`. */
  kind?: 'git' | 'plain';
  /** Directory names treated as dependencies (default DEPENDENCY_DIR_NAMES). */
  names?: readonly string[];
  /** How deep to look for nested ones (workspaces); default 3. */
  maxDepth?: number;
  /** Names copied privately when `copyRoot` is given (default PRIVATE_COPY_NAMES). */
  privateCopy?: readonly string[];
}

export interface Dependencies {
  /** Read-only binds for bubblewrap (directories not copied, or whose copy failed). */
  mounts: DependencyMount[];
  /** Relative paths of the directories copied privately into the copy. */
  copies: string[];
  /** One line per directory that could not be copied: what the run gets instead. */
  notes: string[];
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await lstat(p)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The user's dependency directories for a run: private copies in `copyRoot` for PRIVATE_COPY_NAMES,
 * read-only mounts under `visibleRoot` for the rest (and for a copy that failed). Without `copyRoot`
 * everything is a mount and nothing is written.
 */
export async function prepareDependencies(userTop: string, visibleRoot: string, opts: DependencyOptions = {}): Promise<Dependencies> {
  const top = path.resolve(userTop);
  const mountable = opts.mountable ?? true;
  const privateNames = opts.copyRoot === undefined ? [] : (opts.privateCopy ?? PRIVATE_COPY_NAMES);
  const kind = opts.kind ?? ((await lstat(path.join(top, '.git')).then(() => true, () => false)) ? 'git' : 'plain');
  const found = await findDependencyDirs(top, { kind, maxDepth: opts.maxDepth, names: opts.names ?? DEPENDENCY_DIR_NAMES });
  const wanted = mountable ? found : found.filter((rel) => privateNames.includes(path.basename(rel)));
  const usable = opts.copyRoot === undefined ? wanted : await prepareMountPoints(opts.copyRoot, wanted);
  const result: Dependencies = { mounts: [], copies: [], notes: [] };
  const mount = (rel: string): void => {
    if (mountable) result.mounts.push({ source: path.join(top, rel), target: path.join(path.resolve(visibleRoot), rel) });
  };
  await Promise.all(
    usable.map(async (rel) => {
      if (opts.copyRoot === undefined || !privateNames.includes(path.basename(rel))) return mount(rel);
      const outcome = await copyDependencyDir(path.join(top, rel), path.join(opts.copyRoot, rel));
      if (outcome.copied) return void result.copies.push(rel);
      mount(rel);
      const instead = mountable ? 'commands see your copy read-only' : 'commands run without it';
      result.notes.push(`${rel}: no private copy for this run (${outcome.reason}); ${instead}`);
    }),
  );
  result.mounts.sort((a, b) => a.target.localeCompare(b.target));
  result.copies.sort();
  return result;
}

/**
 * Creates an empty directory in the copy for each relative path (and its missing parents), never
 * through a symlink or over a file; lists them in the copy's `.git/info/exclude`. Returns the paths
 * that are usable (as mount points or for a private copy).
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
    // One the copy already filled (its private copy, or a setup's install; resumed) is the copy's own.
    if (ok && (await readdir(p)).length > 0) ok = false;
    if (ok) usable.push(rel);
  }
  const gitDir = path.join(root, '.git');
  if (usable.length > 0 && (await isDir(gitDir))) {
    await mkdir(path.join(gitDir, 'info'), { recursive: true });
    const lines = usable.map((rel) => `/${rel}/`).join('\n');
    await appendFile(path.join(gitDir, 'info', 'exclude'), `\n# hew: dependency directories (private copies or read-only mounts)\n${lines}\n`);
  }
  return usable;
}

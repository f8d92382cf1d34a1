// Submodules in a working copy. An initialised submodule is copied as the user has it: its working
// tree files (tracked, and untracked-not-ignored, the user's uncommitted edits included) in the copy's
// directory for it — never its `.git` file, which points into the user's `.git/modules/…` and would let
// the sandbox reach the user's submodule repository. The copy's own index keeps the gitlink (so `git
// status` in the copy sees a submodule that is not checked out, and is quiet about it), while hew's
// snapshot index (commits.ts) has no gitlinks at all: the files in a submodule's directory are
// snapshot, diffed and applied as plain files of the outer tree. What apply must not take — paths in a
// submodule that was not copied, in a repository nested in the user's tree that is not a copied
// submodule, or a repository the run made — is said by `nestedRepoReason`, a pure verdict.
import path from 'node:path';
import type { LeftOut } from '../protocol/files.ts';
import { unsafePath } from './apply-paths.ts';
import { SNAPSHOT_INDEX } from './commits.ts';
import { copyEntry, realParents, type ParentCache } from './files.ts';
import { isNotFound } from '../fs/not-found.ts';
import { eachLimit } from './pool.ts';
import { git, gitLine, gitPaths, splitNul } from './git.ts';
import { copyIndexFile } from './index-copy.ts';
import { isPlainPath, quotePath } from './path-bytes.ts';
import { lstat, rm } from './path-fs.ts';

export interface Gitlink {
  path: string;
  sha: string;
}

/** The reasons given for what is left out around submodules and nested repositories (hew's words, never a path). */
export const SUBMODULE_REASONS = {
  notInitialised: 'submodule not initialised in your checkout: not copied, and what the run writes there is not applied',
  notUtf8: 'submodule whose path is not valid UTF-8 (git cannot be run in it from hew): not copied, and what the run writes there is not applied',
  notDirectory: 'submodule whose directory (or a parent of it) is a symlink or file in your checkout: not copied, and what the run writes there is not applied',
  nestedSubmodule: 'submodule inside a submodule: not copied, and what the run writes there is not applied',
  nestedRepo: 'git repository nested in yours (not a submodule): not copied, and what the run writes there is not applied',
  special: 'not a regular file or symlink, not copied',
  notCopied: 'inside a submodule that was not initialised when the run started: not applied',
  noLongerInitialised: 'inside a submodule that is no longer initialised in your checkout: not applied',
  insideNestedRepo: 'inside a git repository nested in yours that hew did not copy: not applied',
  madeRepo: 'the run made a git repository here (or changed a submodule commit): not applied',
} as const;

/** Gitlink entries (submodules) of the index of the repository at `cwd`. */
export async function indexGitlinks(cwd: string, userRepo = false): Promise<Gitlink[]> {
  const out = await gitPaths(['ls-files', '-s', '-z'], { cwd, userRepo });
  const links: Gitlink[] = [];
  for (const line of splitNul(out)) {
    if (!line.startsWith('160000 ')) continue;
    const tab = line.indexOf('\t');
    const p = line.slice(tab + 1);
    if (!links.some((l) => l.path === p)) links.push({ path: p, sha: line.split(' ')[1] ?? '' });
  }
  return links;
}

async function lexists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    (err: unknown) => {
      if (isNotFound(err)) return false;
      throw err;
    },
  );
}

/**
 * Copies each initialised submodule of the user's repository at `top` into the copy at `root` (see
 * the top of this file) and returns what it left out — submodules not initialised, submodules inside
 * submodules, repositories nested in a submodule, special files — and the gitlinks of the user's
 * index (the copy's, once staged). The user's side is only read.
 */
export async function copySubmodules(
  top: string,
  root: string,
  userLinks: Promise<Gitlink[]> = indexGitlinks(top, true),
): Promise<{ leftOut: LeftOut[]; links: Gitlink[] }> {
  const leftOut: LeftOut[] = [];
  const links = await userLinks;
  const topParents: ParentCache = new Map();
  for (const link of links) {
    const dir = path.join(top, link.path);
    if (unsafePath(link.path) !== null) continue; // never from git
    if (!isPlainPath(link.path)) {
      leftOut.push({ path: quotePath(`${link.path}/`), reason: SUBMODULE_REASONS.notUtf8 });
      continue;
    }
    if (!(await realParents(top, `${link.path}/.git`, topParents))) {
      // Leads out of the repository (to the user's home, say): never read.
      if (await lexists(dir)) leftOut.push({ path: quotePath(`${link.path}/`), reason: SUBMODULE_REASONS.notDirectory });
      else leftOut.push({ path: quotePath(`${link.path}/`), reason: SUBMODULE_REASONS.notInitialised });
      continue;
    }
    if (!(await lexists(path.join(dir, '.git')))) {
      leftOut.push({ path: quotePath(`${link.path}/`), reason: SUBMODULE_REASONS.notInitialised });
      continue;
    }
    const listed = splitNul(await gitPaths(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: dir, userRepo: true }));
    const files = [...new Set(listed)];
    const dest = path.join(root, link.path);
    const parents: ParentCache = new Map();
    await eachLimit(files, 16, async (rel) => {
      if (rel.endsWith('/')) {
        leftOut.push({ path: quotePath(`${link.path}/${rel}`), reason: SUBMODULE_REASONS.nestedRepo });
        return;
      }
      if (unsafePath(rel) !== null) return; // a `.git` entry is never carried in
      const result = await copyEntry(dir, dest, rel, parents);
      if (result === 'directory') leftOut.push({ path: quotePath(`${link.path}/${rel}/`), reason: SUBMODULE_REASONS.nestedSubmodule });
      if (result === 'special') leftOut.push({ path: quotePath(`${link.path}/${rel}`), reason: SUBMODULE_REASONS.special });
    });
  }
  return { leftOut, links };
}

/**
 * Seeds hew's snapshot index with the copy's index minus its gitlinks `links`, so the base snapshot (and
 * each checkpoint) holds the files in submodule directories as plain files. Does nothing without submodules.
 */
export async function seedSnapshotIndex(root: string, links: readonly Gitlink[]): Promise<void> {
  if (links.length === 0) return;
  const own = path.join(root, '.git', SNAPSHOT_INDEX);
  await copyIndexFile(path.join(root, '.git', 'index'), own);
  await git(['update-index', '-z', '--force-remove', '--stdin'], {
    cwd: root,
    env: { GIT_INDEX_FILE: own },
    input: links.map((l) => `${l.path}\0`).join(''),
  });
}

/** The copy's submodules: those copied as files (a directory in the base snapshot) and the rest. */
export interface SubmoduleLayout {
  copied: ReadonlySet<string>;
  notCopied: ReadonlySet<string>;
}

/** Reads the layout from the copy's index (which the sandbox cannot write) and its base snapshot. */
export async function submoduleLayout(root: string, baseSnapshot: string): Promise<SubmoduleLayout> {
  const links = await indexGitlinks(root);
  if (links.length === 0) return { copied: new Set(), notCopied: new Set() };
  // A path that is not UTF-8 cannot be a git argument (git.ts): such a submodule is never copied.
  const named = links.filter((l) => isPlainPath(l.path));
  const out = named.length === 0 ? '' : await gitPaths(['ls-tree', '-z', baseSnapshot, '--', ...named.map((l) => `:(literal)${l.path}`)], { cwd: root });
  const trees = new Set(
    splitNul(out)
      .filter((line) => line.startsWith('040000 tree '))
      .map((line) => line.slice(line.indexOf('\t') + 1)),
  );
  return {
    copied: new Set(links.filter((l) => trees.has(l.path)).map((l) => l.path)),
    notCopied: new Set(links.filter((l) => !trees.has(l.path)).map((l) => l.path)),
  };
}

/** The directories above `rel` (not the top), shallowest first: `a/b/c` → `a`, `a/b`. */
export function ancestorDirs(rel: string): string[] {
  const parts = rel.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/**
 * Why apply must not take the run's change at `rel`, or null when it may. `madeRepos`: paths the run
 * turned into (or changed as) a gitlink; `userRepos`: directories above `rel` that hold a `.git` in
 * the user's tree now.
 */
export function nestedRepoReason(
  rel: string,
  layout: SubmoduleLayout,
  madeRepos: ReadonlySet<string>,
  userRepos: ReadonlySet<string>,
): string | null {
  if (madeRepos.has(rel)) return SUBMODULE_REASONS.madeRepo;
  for (const dir of ancestorDirs(rel)) {
    if (madeRepos.has(dir)) return SUBMODULE_REASONS.madeRepo;
    if (layout.notCopied.has(dir)) return SUBMODULE_REASONS.notCopied;
    if (layout.copied.has(dir)) {
      if (!userRepos.has(dir)) return SUBMODULE_REASONS.noLongerInitialised;
    } else if (userRepos.has(dir)) {
      return SUBMODULE_REASONS.insideNestedRepo;
    }
  }
  return null;
}

/** The directories above each of `paths` that hold a `.git` in the user's tree at `userRoot`. */
export async function userReposAbove(userRoot: string, paths: readonly string[]): Promise<Set<string>> {
  const dirs = new Set(paths.flatMap(ancestorDirs));
  const found = new Set<string>();
  await eachLimit([...dirs], 16, async (dir) => {
    if (await lexists(path.join(userRoot, dir, '.git'))) found.add(dir);
  });
  return found;
}

/**
 * `tree` with the copy's gitlinks put back where the snapshot holds a submodule's files as a
 * directory (for a commit of the user's history: `hew apply --branch`). The files themselves are
 * left out of such a commit: a branch of the outer repository records a submodule as its commit.
 */
export async function withGitlinks(root: string, tree: string): Promise<string> {
  const links = await indexGitlinks(root);
  if (links.length === 0) return tree;
  const tmp = path.join(root, '.git', `index.hew-gitlinks-${process.pid}`);
  const env = { GIT_INDEX_FILE: tmp };
  try {
    await git(['read-tree', tree], { cwd: root, env });
    // Paths on stdin, as bytes: a submodule path need not be UTF-8.
    const input = links.map((l) => `:(literal)${l.path}\0`).join('');
    await git(['rm', '-r', '-q', '-f', '--cached', '--ignore-unmatch', '--pathspec-from-file=-', '--pathspec-file-nul'], { cwd: root, env, input });
    await git(['update-index', '-z', '--index-info'], { cwd: root, env, input: links.map((l) => `160000 ${l.sha}\t${l.path}\0`).join('') });
    return await gitLine(['write-tree'], { cwd: root, env });
  } finally {
    await rm(tmp, { force: true }).catch(() => undefined);
  }
}

/** Paths (lossless, path-bytes.ts) changed between `from` and `to` (trees or commits of the copy) inside the copy's submodules. */
export async function changedInSubmodules(root: string, from: string, to: string): Promise<string[]> {
  const links = await indexGitlinks(root);
  if (links.length === 0) return [];
  // Filtered here, not by pathspec: a submodule path need not be UTF-8 (git.ts refuses such an argument).
  const out = await gitPaths(['diff-tree', '-r', '-z', '--name-only', '--no-renames', from, to], { cwd: root });
  return splitNul(out)
    .filter((p) => links.some((l) => p.startsWith(`${l.path}/`)))
    .sort();
}

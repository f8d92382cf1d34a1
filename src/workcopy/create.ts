// Making a run's working copy: a local clone of the user's repository checked out as the user's
// checkout is — HEAD at the user's commit on the user's branch, the user's uncommitted and untracked
// (not ignored) files laid on top, the user's staged changes staged, initialised submodules' files as
// the user has them (submodules.ts) — with the base snapshot recorded under hew's own refs
// (snapshots.ts); or, for a directory that is not a git repository, a plain copy
// with its own fresh git. The source is only read.
import { copyFile, mkdir, readdir, realpath, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { configureCopy } from './commits.ts';
import { copyEntry, realParents, removeEntry, type ParentCache } from './files.ts';
import { isNotFound } from '../fs/not-found.ts';
import { eachLimit } from './pool.ts';
import { git, gitPaths, gitRun, noteDriverFreeConfig, splitNul } from './git.ts';
import { lstat as lstatPath } from './path-fs.ts';
import { quotePath } from './path-bytes.ts';
import { resolveLfsPointers } from './lfs.ts';
import { fidelityConfigText, LINE_ENDING_KEYS } from './git-hardening.ts';
import { carrySparsePatterns, SPARSE_KEYS } from './sparse.ts';
import { ownObjects } from './objects.ts';
import { isExcludedPath, ownDirsInside } from './own-dirs.ts';
import { copyPlainTree, sortLeftOut, type PlainCopyOptions } from './plain.ts';
import { locateRepository, type RepoLocation, type RepoLookup } from './repo-location.ts';
import { recordBase } from './snapshots.ts';
import { readStagedChanges, stageInCopy } from './user-index.ts';
import { copySubmodules, indexGitlinks, seedSnapshotIndex, SUBMODULE_REASONS } from './submodules.ts';
import type { LeftOut } from '../protocol/files.ts';

export interface WorkingCopy {
  /** Absolute path of the copy; it mirrors the repository top (or the plain directory). */
  root: string;
  /** Absolute, real path of the user's repository top (or plain directory). */
  source: string;
  kind: 'git' | 'plain';
  /** The user's HEAD commit (null for a plain copy or an unborn branch). */
  baseCommit: string | null;
  /** Commit in the copy (refs/hew/base) holding HEAD + the user's uncommitted/untracked files; diffs are against it. */
  baseSnapshot: string;
  /** Directory the caller started in, relative to the top ('' at the top), with '/' separators. */
  subdir: string;
  /** What was not copied, and why (submodules not initialised, nested repos, special files, missing LFS objects, big files, build output); sorted by path. */
  skipped: LeftOut[];
}

export interface CreateOptions extends PlainCopyOptions {
  /**
   * Borrow the user's objects through git alternates instead of copying them (git repos only).
   * Faster and smaller for huge histories, but git may then refresh the mtime of the user's object
   * files (never their bytes), and a `git gc --prune` in the user's repo can break an old copy.
   */
  shareObjects?: boolean;
  /** Where the source sits, already asked of git by the caller (saves a git process); asked here when absent. */
  lookup?: RepoLookup;
  /** hew's own folders (state, cache, config), absolute: never copied, wherever they lie (own-dirs.ts). */
  ownDirs?: readonly string[];
}

/** The branch of a plain copy (and of every copy made before the copy mirrored the user's branch). */
const COPY_BRANCH = 'hew-run';

/** Creates a working copy of `source` at `dest` (which must not exist or be empty). */
export async function createWorkingCopy(source: string, dest: string, opts: CreateOptions = {}): Promise<WorkingCopy> {
  const start = await realpath(path.resolve(source));
  if (!(await stat(start)).isDirectory()) throw new Error(`not a directory: ${source}`);
  const root = path.resolve(dest);
  const made = await prepareDest(root);
  try {
    return await fillCopy(start, root, opts);
  } catch (err) {
    // A copy that failed half-way (a limit, ENOSPC, an overlay error) is removed, not left behind.
    await (made ? rm(root, { recursive: true, force: true }) : emptyDir(root)).catch(() => undefined);
    throw err;
  }
}

async function fillCopy(start: string, root: string, opts: CreateOptions): Promise<WorkingCopy> {
  const repo = (opts.lookup ?? (await locateRepository(start))).repo;
  if (repo === null) {
    const exclude = ownDirsInside(start, [...(opts.ownDirs ?? []), root]);
    const skipped = await copyPlainTree(start, root, { ...opts, exclude });
    await git(['init', '-q', `--initial-branch=${COPY_BRANCH}`, '--template='], { cwd: root, creating: true });
    await configureCopy(root);
    const baseSnapshot = await recordBase(root, { parent: null, plain: true });
    return { root, source: start, kind: 'plain', baseCommit: null, baseSnapshot, subdir: '', skipped };
  }

  const skipped: LeftOut[] = [];
  const staged = readStagedChanges(repo.top);
  staged.catch(() => undefined); // awaited below; a failure then is the copy's failure
  const userLinks = indexGitlinks(repo.top, true); // the user's submodules, listed while the clone runs
  userLinks.catch(() => undefined);
  await cloneAtHead(repo, root, opts.shareObjects ?? false);
  skipped.push(...(await resolveLfsPointers(repo.commonDir, root)));
  await overlayWorkingState(repo.top, root, skipped, ownDirsInside(repo.top, [...(opts.ownDirs ?? []), root]));
  const submodules = await copySubmodules(repo.top, root, userLinks);
  skipped.push(...submodules.leftOut);
  await stageInCopy(root, await staged); // the user's staged gitlinks too: the copy's index has `submodules.links`
  await seedSnapshotIndex(root, submodules.links); // submodules' files are snapshot as plain files (submodules.ts)
  const baseSnapshot = await recordBase(root, { parent: repo.head });
  return {
    root,
    source: repo.top,
    kind: 'git',
    baseCommit: repo.head,
    baseSnapshot,
    subdir: repo.prefix,
    skipped: sortLeftOut(skipped),
  };
}

/** Makes sure `root` is an empty directory; true when it was made here (so a failure removes it). */
async function prepareDest(root: string): Promise<boolean> {
  try {
    const entries = await readdir(root);
    if (entries.length > 0) throw new Error(`working copy destination is not empty: ${root}`);
    return false;
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await mkdir(root, { recursive: true });
    return true;
  }
}

async function emptyDir(root: string): Promise<void> {
  for (const name of await readdir(root)) await rm(path.join(root, name), { recursive: true, force: true });
}

/**
 * `git clone --local --shared --no-checkout` only reads the user's repository; then the copy gets its
 * own object files (see objects.ts) unless sharing was asked for. Then: no `origin` (nothing can push
 * back), HEAD checked out at the user's commit on a branch of the user's branch name (detached when
 * the user's HEAD is; an unborn branch stays unborn), the user's local excludes carried over. The
 * checkout converts line endings as the user's repository does: its line-ending settings (local
 * config included) and its `.git/info/attributes` are the copy's before the checkout runs.
 */
async function cloneAtHead(repo: RepoLocation, root: string, share: boolean): Promise<void> {
  const userBranch = gitRun(['symbolic-ref', '-q', 'HEAD'], { cwd: repo.top, userRepo: true, okCodes: [0, 1, 128] }).catch(() => null);
  const userConfig = git(['config', '-z', '--list', '--includes'], { cwd: repo.top, userRepo: true });
  userConfig.catch(() => undefined); // awaited below; a failure then is the copy's failure
  await git(['clone', '-q', '--local', '--shared', '--no-checkout', '--template=', repo.commonDir, root], {
    cwd: path.dirname(root),
    creating: true,
  });
  if (!share) await ownObjects(repo.commonDir, path.join(root, '.git'));
  const cloneBranch = await gitRun(['symbolic-ref', '-q', 'HEAD'], { cwd: root, okCodes: [0, 1] });
  await git(['remote', 'remove', 'origin'], { cwd: root });
  const sparse = await carrySparsePatterns(repo.top, root); // the user's sparse set, read by the checkout below
  await configureCopy(root, fidelityConfigText(await userConfig, sparse ? new Set([...LINE_ENDING_KEYS, ...SPARSE_KEYS]) : LINE_ENDING_KEYS));
  await carryInfoFile(repo.commonDir, root, 'attributes'); // read by the checkout below
  const branchRef = await userBranch;
  const ref = branchRef?.exitCode === 0 ? branchRef.stdout.trim() : '';
  const name = ref.replace(/^refs\/heads\//, '');
  if (repo.head !== null) {
    if (ref.startsWith('refs/heads/')) await git(['checkout', '-q', '-B', name, repo.head, '--'], { cwd: root });
    else await git(['checkout', '-q', '--detach', repo.head, '--'], { cwd: root });
    const old = cloneBranch.stdout.trim().replace(/^refs\/heads\//, '');
    if (old !== '' && old !== name) {
      await gitRun(['branch', '-q', '-D', old], { cwd: root, okCodes: [0, 1] });
      await noteDriverFreeConfig(root); // deleting a branch rewrites the config (its [branch] section)
    }
  } else {
    await git(['symbolic-ref', 'HEAD', ref.startsWith('refs/heads/') ? ref : `refs/heads/${COPY_BRANCH}`], { cwd: root });
  }
  await carryInfoFile(repo.commonDir, root, 'exclude');
}

/** Copies the user's `.git/info/<name>` (local excludes or attributes) into the copy, when there is one. */
async function carryInfoFile(commonDir: string, root: string, name: 'exclude' | 'attributes'): Promise<void> {
  try {
    await mkdir(path.join(root, '.git', 'info'), { recursive: true });
    await copyFile(path.join(commonDir, 'info', name), path.join(root, '.git', 'info', name));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

/**
 * Makes the copy's files what the user sees: every path `git status` reports (modified, staged,
 * deleted, renamed, untracked-not-ignored) is mirrored from the user's tree — copied if it exists
 * there, removed if not. GIT_OPTIONAL_LOCKS=0 (set by the git helper) keeps status from writing the index.
 */
async function overlayWorkingState(top: string, root: string, skipped: LeftOut[], ownDirs: readonly string[]): Promise<void> {
  const out = await gitPaths(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--ignore-submodules=all'], {
    cwd: top,
    userRepo: true,
  });
  const fields = splitNul(out);
  const paths = new Set<string>();
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i] as string;
    const xy = entry.slice(0, 2);
    paths.add(entry.slice(3));
    if (xy.includes('R') || xy.includes('C')) paths.add(fields[++i] as string); // the original path follows
  }

  const toCopy: string[] = [];
  const parents: ParentCache = new Map();
  for (const rel of [...paths].sort()) {
    if (isExcludedPath(rel, ownDirs)) continue; // hew's own state, cache or config (untracked in a dotfiles repository)
    if (rel.endsWith('/')) {
      skipped.push({ path: quotePath(rel), reason: SUBMODULE_REASONS.nestedRepo });
      continue;
    }
    const exists = (await realParents(top, rel, parents)) && await lstatPath(path.join(top, rel)).then(
      () => true,
      (err: unknown) => {
        if (isNotFound(err)) return false;
        throw err;
      },
    );
    if (exists) toCopy.push(rel);
    else await removeEntry(root, rel);
  }
  await eachLimit(toCopy, 16, async (rel) => {
    const result = await copyEntry(top, root, rel, parents);
    if (result === 'directory') skipped.push({ path: quotePath(`${rel}/`), reason: SUBMODULE_REASONS.nestedRepo });
    if (result === 'special') skipped.push({ path: quotePath(rel), reason: SUBMODULE_REASONS.special });
  });
}

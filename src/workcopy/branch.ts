// `hew apply --branch NAME`: instead of touching the user's files, put the run's result on a new
// branch of the user's repository. In the copy: a commit whose tree is the copy's current files and
// whose parent is the run's base commit (the user's HEAD when the run started). Then the user's repo
// fetches that one commit into refs/heads/NAME — which writes objects and that one ref, nothing else:
// the working tree, the index, HEAD and other refs stay as they are.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { HewError } from '../errors/hew-error.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { currentTree } from './commits.ts';
import { checkBranchName, describeBranchProblem } from './branch-name.ts';
import { copyUploadPack, git, gitLine, gitRun } from './git.ts';
import { lfsStoredTree } from './lfs-store.ts';
import { changedInSubmodules, withGitlinks } from './submodules.ts';
import { quotePath } from './path-bytes.ts';

export interface BranchSource {
  /** The working copy. */
  root: string;
  /** The user's repository top. */
  source: string;
  kind: 'git' | 'plain';
  baseCommit: string | null;
  baseSnapshot: string;
}

export interface BranchResult {
  branch: string;
  commit: string;
  /** The base commit the branch starts from (null: a root commit, the repository had no commits). */
  parent: string | null;
  /** The user had uncommitted or untracked files when the run started; they are part of the commit too. */
  includesUncommitted: boolean;
  /** The run's changes inside submodules (display form): not in the commit, which records each submodule as its commit (submodules.ts). */
  notOnBranch: string[];
}

/** Why a branch could not be made: bad input (exit 2) — not a git repo, an invalid or taken name. */
export class BranchError extends HewError {
  readonly reason: 'not-git' | 'invalid-name' | 'exists';
  constructor(reason: BranchError['reason'], message: string) {
    super(message, EXIT.usage);
    this.name = 'BranchError';
    this.reason = reason;
  }
}

/** Settings for the fetch into the user's repository (on top of the runner's: no hooks, no gc, no extras). */
const USER_REPO_FETCH = [
  '-c', 'fetch.writeCommitGraph=false',
  '-c', 'fetch.recurseSubmodules=false',
  '-c', 'core.logAllRefUpdates=false',
];

/** Creates branch `name` in the user's repository holding the run's result as one commit. */
export async function createRunBranch(copy: BranchSource, name: string, message: string): Promise<BranchResult> {
  if (copy.kind !== 'git') throw new BranchError('not-git', `${copy.source} is not a git repository; use \`hew apply\` without --branch`);
  const ref = `refs/heads/${name}`;
  const problem = await checkBranchName(copy.source, name);
  if (problem !== null) throw new BranchError(problem.reason, `${describeBranchProblem(problem)} (nothing was changed)`);

  const commonDir = await userCommonDir(copy.source);
  const current = await currentTree(copy.root);
  const tree = await lfsStoredTree(copy.root, await withGitlinks(copy.root, current), { commonDir, store: true });
  const notOnBranch = (await changedInSubmodules(copy.root, copy.baseSnapshot, current)).map(quotePath);
  const args = ['commit-tree', tree, '-m', message];
  if (copy.baseCommit !== null) args.push('-p', copy.baseCommit);
  const commit = await gitLine(args, { cwd: copy.root });

  const transfer = `refs/hew/branch-${randomBytes(6).toString('hex')}`;
  await git(['update-ref', transfer, commit], { cwd: copy.root });
  try {
    // The fetch runs upload-pack in the copy, where git drops the runner's command-scope settings:
    // `--upload-pack` gives it the copy's hardened configuration explicitly.
    const uploadPack = `--upload-pack=${copyUploadPack()}`;
    const from = path.join(copy.root, '.git');
    await git([...USER_REPO_FETCH, 'fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--no-recurse-submodules', uploadPack, from, `${transfer}:${ref}`], {
      cwd: copy.source,
      userRepo: true,
    });
  } finally {
    await gitRun(['update-ref', '-d', transfer], { cwd: copy.root, okCodes: [0, 1, 128] });
  }
  const landed = await gitLine(['rev-parse', '--verify', `${ref}^{commit}`], { cwd: copy.source, userRepo: true });
  if (landed !== commit) throw new Error(`branch ${name} points at ${landed}, expected ${commit}`);
  return { branch: name, commit, parent: copy.baseCommit, includesUncommitted: await snapshotDiffers(copy, commonDir), notOnBranch };
}

/** The user's common git directory, where their LFS objects are. */
async function userCommonDir(top: string): Promise<string> {
  return path.resolve(top, await gitLine(['rev-parse', '--git-common-dir'], { cwd: top, userRepo: true }));
}

/** Whether the base snapshot holds more than the base commit (the user's uncommitted and untracked files). */
async function snapshotDiffers(copy: BranchSource, commonDir: string): Promise<boolean> {
  const raw = await gitLine(['rev-parse', `${copy.baseSnapshot}^{tree}`], { cwd: copy.root });
  const snapshotTree = await lfsStoredTree(copy.root, await withGitlinks(copy.root, raw), { commonDir, store: false }); // LFS files as the user stores them
  if (copy.baseCommit === null) {
    const empty = await gitLine(['hash-object', '-t', 'tree', '--stdin'], { cwd: copy.root, input: '' });
    return snapshotTree !== empty;
  }
  const baseTree = await gitLine(['rev-parse', `${copy.baseCommit}^{tree}`], { cwd: copy.root });
  return snapshotTree !== baseTree;
}

// Git plumbing inside a working copy (never the user's repo): its settings, and the tree of its
// current files computed through a temporary index so the copy's own index is untouched.
import { randomBytes } from 'node:crypto';
import { appendFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { git, gitLine, gitRun, noteDriverFreeConfig } from './git.ts';
import { isNotFound } from '../fs/not-found.ts';
import { copyIndexFile } from './index-copy.ts';
import { lstat } from './path-fs.ts';

/** Identity and settings written into every working copy's own `.git/config`. */
const COPY_CONFIG: ReadonlyArray<readonly [string, string]> = [
  ['user.name', 'hew'],
  ['user.email', 'hew@localhost'],
  ['commit.gpgsign', 'false'],
  ['tag.gpgsign', 'false'],
  ['core.fsmonitor', 'false'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
];

/**
 * Appends COPY_CONFIG and `carried` (config-file text of the user's line-ending settings, see
 * LINE_ENDING_KEYS) to the copy's `.git/config` in one file write; neither names a driver.
 */
export async function configureCopy(root: string, carried = ''): Promise<void> {
  const sections = new Map<string, string[]>();
  for (const [key, value] of COPY_CONFIG) {
    const dot = key.lastIndexOf('.');
    const section = key.slice(0, dot);
    const lines = sections.get(section) ?? [];
    lines.push(`\t${key.slice(dot + 1)} = ${value}`);
    sections.set(section, lines);
  }
  const text = [...sections].map(([section, lines]) => `[${section}]\n${lines.join('\n')}\n`).join('');
  await appendFile(path.join(root, '.git', 'config'), text + carried);
  await noteDriverFreeConfig(root);
}

/** The file, in the copy's `.git`, of hew's own index: the stat cache of the files as hew last snapshot them. */
export const SNAPSHOT_INDEX = 'hew-index';

/**
 * The tree object of the copy's current files (tracked and untracked-but-not-ignored), built in a
 * temporary index seeded from hew's own index (or the copy's, for a copy made before hew kept one),
 * so unchanged files are not re-hashed and the copy's index is never touched. With `keep`, the
 * temporary index then replaces hew's own (one rename: readers never see half a file), so the next
 * snapshot starts from fresh stat data.
 */
export async function currentTree(root: string, opts: { keep?: boolean } = {}): Promise<string> {
  const gitDir = path.join(root, '.git');
  const own = path.join(gitDir, SNAPSHOT_INDEX);
  const tmpIndex = path.join(gitDir, `index.hew-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const seeded = await copyIndexFile(own, tmpIndex).then(
      () => true,
      (err: unknown) => {
        if (!isNotFound(err)) throw err;
        return false;
      },
    );
    if (!seeded) {
      try {
        await copyIndexFile(path.join(gitDir, 'index'), tmpIndex);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    const env = { GIT_INDEX_FILE: tmpIndex };
    // --sparse: in a sparse copy, files written outside the sparse set count too (and absent ones are not deletions).
    // In git's own words (LC_ALL=C): recordCommitlessRepos reads its refusals.
    const added = await gitRun(['add', '-A', '--sparse', '--ignore-errors'], { cwd: root, env: { ...env, LC_ALL: 'C', LANGUAGE: 'C' }, okCodes: [0, 1] });
    if (added.exitCode !== 0) await recordCommitlessRepos(root, env, added.stderr);
    const tree = await gitLine(['write-tree'], { cwd: root, env });
    if (opts.keep) await rename(tmpIndex, own);
    return tree;
  } finally {
    // Quietly: a `.git` that is not a directory fails here too, and git's refusal above says why.
    await rm(tmpIndex, { force: true }).catch(() => undefined);
    await rm(`${tmpIndex}.lock`, { force: true }).catch(() => undefined);
  }
}

/** git add's refusal of a repository that has no commit yet (`git init foo` and nothing more). */
const NO_COMMIT = /^error: '(.+)\/' does not have a commit checked out$/;

/**
 * After `git add -A --ignore-errors` failed: when its only errors are repositories without a commit
 * that the run made (`git init foo`), each is recorded as a gitlink (to the empty tree's id: it has no
 * commit), so apply skips and names it like any repository the run made (submodules.ts) instead of the
 * whole run failing to snapshot. Any other error is thrown, as git reported it.
 */
async function recordCommitlessRepos(root: string, env: Record<string, string>, stderr: string): Promise<void> {
  const fail = new Error(`git add -A --sparse (in ${root}) failed: ${stderr.trim()}`);
  const errors = stderr.split('\n').filter((l) => l !== '' && l !== 'fatal: adding files failed' && !/^(warning|hint): /.test(l));
  const repos = errors.map((l) => NO_COMMIT.exec(l)?.[1]);
  if (repos.length === 0 || repos.some((r) => r === undefined)) throw fail;
  const found = await Promise.all(repos.map((r) => lstat(path.join(root, r as string, '.git')).then(() => true, () => false)));
  if (found.includes(false)) throw fail;
  const empty = await gitLine(['hash-object', '-t', 'tree', '--stdin'], { cwd: root, input: '' });
  await git(['update-index', '-z', '--add', '--index-info'], { cwd: root, env, input: repos.map((r) => `160000 ${empty}\t${r}\0`).join('') });
}

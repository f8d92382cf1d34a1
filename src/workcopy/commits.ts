// Git plumbing inside a working copy (never the user's repo): commit everything as one snapshot,
// and compute the tree of the current files through a temporary index so the copy's index is untouched.
import { randomBytes } from 'node:crypto';
import { appendFile, copyFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { git, gitLine, gitRun, noteDriverFreeConfig } from './git.ts';
import { isNotFound } from './files.ts';

/** Identity and settings written into every working copy's own `.git/config`. */
export const COPY_CONFIG: ReadonlyArray<readonly [string, string]> = [
  ['user.name', 'hew'],
  ['user.email', 'hew@localhost'],
  ['commit.gpgsign', 'false'],
  ['tag.gpgsign', 'false'],
  ['core.fsmonitor', 'false'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
];

/** Appends COPY_CONFIG to the copy's `.git/config` (one file write instead of a git call per key); it names no driver. */
export async function configureCopy(root: string): Promise<void> {
  const sections = new Map<string, string[]>();
  for (const [key, value] of COPY_CONFIG) {
    const dot = key.lastIndexOf('.');
    const section = key.slice(0, dot);
    const lines = sections.get(section) ?? [];
    lines.push(`\t${key.slice(dot + 1)} = ${value}`);
    sections.set(section, lines);
  }
  const text = [...sections].map(([section, lines]) => `[${section}]\n${lines.join('\n')}\n`).join('');
  await appendFile(path.join(root, '.git', 'config'), text);
  await noteDriverFreeConfig(root);
}

/** The commit HEAD points at, or null on an unborn branch. */
export async function headCommit(root: string): Promise<string | null> {
  const res = await gitRun(['rev-parse', '-q', '--verify', 'HEAD^{commit}'], { cwd: root, okCodes: [0, 1, 128] });
  const sha = res.stdout.trim();
  return res.exitCode === 0 && sha !== '' ? sha : null;
}

/**
 * Stages every change in the copy and commits it on the current branch.
 * Returns the new commit, or null when the tree equals HEAD's and `allowEmpty` is false.
 */
export async function commitAll(root: string, message: string, opts: { allowEmpty?: boolean } = {}): Promise<string | null> {
  await git(['add', '-A'], { cwd: root });
  const tree = await gitLine(['write-tree'], { cwd: root });
  const parent = await headCommit(root);
  if (parent !== null && !opts.allowEmpty) {
    const parentTree = await gitLine(['rev-parse', `${parent}^{tree}`], { cwd: root });
    if (parentTree === tree) return null;
  }
  const args = ['commit-tree', tree, '-m', message];
  if (parent !== null) args.push('-p', parent);
  const sha = await gitLine(args, { cwd: root });
  const update = ['update-ref', '-m', `hew: ${message.split('\n')[0] ?? ''}`, 'HEAD', sha];
  if (parent !== null) update.push(parent);
  await git(update, { cwd: root });
  return sha;
}

/**
 * The tree object of the copy's current files (tracked and untracked-but-not-ignored), built in a
 * temporary index seeded from the real one (so unchanged files are not re-hashed).
 */
export async function currentTree(root: string): Promise<string> {
  const gitDir = path.join(root, '.git');
  const tmpIndex = path.join(gitDir, `index.hew-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    try {
      await copyFile(path.join(gitDir, 'index'), tmpIndex);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    const env = { GIT_INDEX_FILE: tmpIndex };
    await git(['add', '-A'], { cwd: root, env });
    return await gitLine(['write-tree'], { cwd: root, env });
  } finally {
    await rm(tmpIndex, { force: true });
    await rm(`${tmpIndex}.lock`, { force: true });
  }
}

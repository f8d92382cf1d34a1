// createRunBranch: the run's result lands as one commit on a new branch of the user's repository —
// parent = the user's HEAD at run start, tree = the copy's current files — and nothing else of the
// user's repository changes: not the working tree, not the index, not HEAD, not other refs.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BranchError, createRunBranch } from '../../src/workcopy/branch.ts';
import { currentTree } from '../../src/workcopy/commits.ts';
import { createWorkingCopy } from '../../src/workcopy/create.ts';
import { cleanupTempDirs, fingerprint, initRepo, readOnlyStatus, sh, tempDir, write } from './fixtures.ts';

afterAll(cleanupTempDirs);

function repoWithHistory(): string {
  const repo = initRepo(tempDir());
  write(repo, 'a.txt', 'a\n');
  sh(repo, ['add', '-A']);
  sh(repo, ['commit', '-q', '-m', 'one']);
  write(repo, 'b.txt', 'b\n');
  sh(repo, ['add', '-A']);
  sh(repo, ['commit', '-q', '-m', 'two']);
  return repo;
}

async function branchSource(repo: string) {
  const copy = await createWorkingCopy(repo, path.join(tempDir(), 'work'));
  return { ...copy };
}

/** Everything in the user's repository except the object store and the new branch's ref (and its directory). */
function allButObjectsAnd(repo: string, branch: string): string[] {
  return fingerprint(repo, { exclude: (rel) => rel === '.git/objects' || rel === `.git/refs/heads/${branch.split('/')[0]}` });
}

describe('createRunBranch', () => {
  it('creates the branch with the base commit as parent and the copy’s files as tree, touching nothing else', async () => {
    const repo = repoWithHistory();
    const head = sh(repo, ['rev-parse', 'HEAD']).trim();
    const copy = await branchSource(repo);
    write(copy.root, 'a.txt', 'a from the run\n');
    write(copy.root, 'c.txt', 'c from the run, not checkpointed\n');
    const expectedTree = await currentTree(copy.root);

    const before = allButObjectsAnd(repo, 'hew/fix');
    const indexBefore = statSync(path.join(repo, '.git/index'));
    const statusBefore = readOnlyStatus(repo);

    const made = await createRunBranch(copy, 'hew/fix', 'Fix things\n\nhew run 20250101-000000-abcd');
    expect(made).toMatchObject({ branch: 'hew/fix', parent: head, includesUncommitted: false });
    expect(sh(repo, ['rev-parse', 'refs/heads/hew/fix']).trim()).toBe(made.commit);
    expect(sh(repo, ['rev-parse', 'hew/fix^']).trim()).toBe(head);
    expect(sh(repo, ['rev-parse', 'hew/fix^{tree}']).trim()).toBe(expectedTree);
    expect(sh(repo, ['show', 'hew/fix:c.txt'])).toBe('c from the run, not checkpointed\n');
    expect(sh(repo, ['log', '-1', '--format=%s', 'hew/fix']).trim()).toBe('Fix things');

    // Working tree, index (bytes and mtime), HEAD, config, other refs, no FETCH_HEAD, no reflog: all as before.
    expect(allButObjectsAnd(repo, 'hew/fix')).toEqual(before);
    const indexAfter = statSync(path.join(repo, '.git/index'));
    expect([indexAfter.mtimeMs, indexAfter.size]).toEqual([indexBefore.mtimeMs, indexBefore.size]);
    expect(readOnlyStatus(repo)).toBe(statusBefore);
    expect(readFileSync(path.join(repo, 'a.txt'), 'utf8')).toBe('a\n');
    expect(sh(repo, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/main');
    // The copy keeps no transfer ref behind (only its own record), and the user's repository gets none of them.
    expect(sh(copy.root, ['for-each-ref', '--format=%(refname)', 'refs/hew']).trim()).toBe('refs/hew/base\nrefs/hew/last');
    expect(sh(repo, ['for-each-ref', 'refs/hew']).trim()).toBe('');
  });

  it('says when the user’s uncommitted files from the run start are part of the commit', async () => {
    const repo = repoWithHistory();
    write(repo, 'b.txt', 'b, uncommitted\n');
    const copy = await branchSource(repo);
    write(copy.root, 'a.txt', 'run\n');
    const made = await createRunBranch(copy, 'with-wip', 'WIP');
    expect(made.includesUncommitted).toBe(true);
    expect(sh(repo, ['show', 'with-wip:b.txt'])).toBe('b, uncommitted\n');
    expect(readFileSync(path.join(repo, 'b.txt'), 'utf8')).toBe('b, uncommitted\n');
  });

  it('refuses an existing branch or an invalid name and changes nothing', async () => {
    const repo = repoWithHistory();
    sh(repo, ['branch', 'taken']);
    const copy = await branchSource(repo);
    write(copy.root, 'a.txt', 'run\n');
    const before = fingerprint(repo, { withTimes: true });
    for (const [name, reason] of [['taken', 'exists'], ['main', 'exists'], ['bad..name', 'invalid-name'], ['-x', 'invalid-name']] as const) {
      const err = await createRunBranch(copy, name, 'x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BranchError);
      expect((err as BranchError).reason).toBe(reason);
    }
    expect(fingerprint(repo, { withTimes: true })).toEqual(before);
  });

  it('refuses a plain directory (not a git repository)', async () => {
    const dir = tempDir();
    write(dir, 'x.txt', 'x\n');
    const copy = await branchSource(dir);
    const err = await createRunBranch(copy, 'anything', 'x').catch((e: unknown) => e);
    expect((err as BranchError).reason).toBe('not-git');
  });
});

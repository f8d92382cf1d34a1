// changedFiles / diffAgainstBase / checkpoint on real copies: always relative to the base snapshot,
// never touching the copy's own index, and the diff applies cleanly to another copy at the base.
import { execFileSync } from 'node:child_process';
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedFiles, checkpoint, diffAgainstBase, parseNameStatus } from '../../src/workcopy/changes.ts';
import { createWorkingCopy } from '../../src/workcopy/create.ts';
import { LAST_REF, restoreCheckpoint, stepRef } from '../../src/workcopy/snapshots.ts';
import { cleanupTempDirs, fingerprint, initRepo, sh, tempDir, visibleFiles, write } from './fixtures.ts';

afterAll(cleanupTempDirs);

function smallRepo(): string {
  const repo = initRepo(tempDir());
  write(repo, 'keep.txt', 'unchanged\n');
  write(repo, 'edit.txt', 'line 1\nline 2\nline 3\n');
  write(repo, 'gone.txt', 'delete me\n');
  write(repo, 'src/move-me.ts', 'export function moved() {\n  return 42;\n}\n'.repeat(5));
  write(repo, 'logo.bin', Buffer.from([0, 1, 2, 3, 255, 254, 0, 9]));
  sh(repo, ['add', '-A']);
  sh(repo, ['commit', '-q', '-m', 'base']);
  write(repo, 'dirty.txt', 'uncommitted but part of the base\n');
  return repo;
}

async function copyOf(repo: string) {
  return createWorkingCopy(repo, path.join(tempDir(), 'work'));
}

function edit(root: string): void {
  write(root, 'edit.txt', 'line 1\nline two\nline 3\n');
  write(root, 'added/new.ts', 'export const added = 1;\n');
  unlinkSync(path.join(root, 'gone.txt'));
  renameSync(path.join(root, 'src/move-me.ts'), path.join(root, 'src/moved.ts'));
  write(root, 'logo.bin', Buffer.from([0, 1, 2, 3, 255, 254, 0, 10, 11]));
}

const EXPECTED = [
  { path: 'added/new.ts', kind: 'add' },
  { path: 'edit.txt', kind: 'update' },
  { path: 'gone.txt', kind: 'delete' },
  { path: 'logo.bin', kind: 'update' },
  { path: 'src/move-me.ts', kind: 'move', move_path: 'src/moved.ts' },
];

describe('changedFiles', () => {
  it('reports add, update, delete and move (rename detection), sorted, without touching the index', async () => {
    const copy = await copyOf(smallRepo());
    expect(await changedFiles(copy)).toEqual([]);
    edit(copy.root);
    const gitDirBefore = fingerprint(path.join(copy.root, '.git'), {
      withTimes: true,
      exclude: (rel) => rel === 'objects', // new blobs may be written; index, refs and HEAD may not change
    });
    expect(await changedFiles(copy)).toEqual(EXPECTED);
    expect(fingerprint(path.join(copy.root, '.git'), { withTimes: true, exclude: (rel) => rel === 'objects' })).toEqual(gitDirBefore);
    // The copy's base includes the user's uncommitted file, so it is not a change.
    expect((await changedFiles(copy)).some((c) => c.path === 'dirty.txt')).toBe(false);
  });

  it('parses name-status output with moves and copies', () => {
    expect(parseNameStatus('M\0b\0R087\0old\0new\0A\0a\0C100\0src\0dup\0T\0t\0')).toEqual([
      { path: 'a', kind: 'add' },
      { path: 'b', kind: 'update' },
      { path: 'dup', kind: 'add' },
      { path: 'old', kind: 'move', move_path: 'new' },
      { path: 't', kind: 'update' },
    ]);
  });
});

describe('diffAgainstBase', () => {
  it('is a unified, binary-safe diff that recreates the copy when applied at the base', async () => {
    const repo = smallRepo();
    const copy = await copyOf(repo);
    edit(copy.root);
    const diff = await diffAgainstBase(copy);
    expect(diff).toContain('diff --git a/edit.txt b/edit.txt');
    expect(diff).toContain('-line 2\n+line two\n');
    expect(diff).toContain('new file mode 100644');
    expect(diff).toContain('+++ b/added/new.ts');
    expect(diff).toContain('rename from src/move-me.ts');
    expect(diff).toContain('GIT binary patch');
    expect(diff).not.toContain('\u001b[');
    expect(diff.endsWith('\n')).toBe(true);

    const other = await copyOf(repo);
    writeFileSync(path.join(other.root, '..', 'run.diff'), diff);
    execFileSync('git', ['apply', '--index', path.join(other.root, '..', 'run.diff')], { cwd: other.root });
    expect(visibleFiles(other.root)).toEqual(visibleFiles(copy.root));

    const colored = await diffAgainstBase(copy, { color: true });
    expect(colored).toContain('\u001b[');
  });

  it('is empty when nothing changed', async () => {
    const copy = await copyOf(smallRepo());
    expect(await diffAgainstBase(copy)).toBe('');
  });
});

describe('checkpoint', () => {
  it('returns null when nothing changed, a sha otherwise, and changes stay relative to the base', async () => {
    const copy = await copyOf(smallRepo());
    const head = sh(copy.root, ['rev-parse', 'HEAD']).trim();
    const index = () => fingerprint(path.join(copy.root, '.git'), { withTimes: true, exclude: (rel) => rel !== 'index' && rel !== 'HEAD' && rel !== 'refs' });
    const indexBefore = index();
    expect(await checkpoint(copy, 1)).toBeNull();

    write(copy.root, 'edit.txt', 'step one\n');
    const first = await checkpoint(copy, 2);
    expect(first).toMatch(/^[0-9a-f]{40}$/);
    // Under hew's refs, never on HEAD, the branch or the index.
    expect(sh(copy.root, ['rev-parse', 'HEAD']).trim()).toBe(head);
    expect(sh(copy.root, ['rev-parse', stepRef(2), LAST_REF]).trim().split('\n')).toEqual([first, first]);
    expect(sh(copy.root, ['rev-parse', `${first}^`]).trim()).toBe(copy.baseSnapshot);
    expect(sh(copy.root, ['log', '-1', '--format=%s', first as string]).trim()).toBe('hew: step 2');
    expect(sh(copy.root, ['log', '--format=%s'])).toBe('base\n');
    expect(sh(copy.root, ['stash', 'list'])).toBe('');
    expect(sh(copy.root, ['reflog'])).not.toContain('hew:');
    expect(index()).toEqual(indexBefore);
    expect(sh(copy.root, ['status', '--porcelain'])).toBe(' M edit.txt\n?? dirty.txt\n');
    expect(await checkpoint(copy, 3)).toBeNull();
    expect(await changedFiles(copy)).toEqual([{ path: 'edit.txt', kind: 'update' }]);

    write(copy.root, 'more.txt', 'more\n');
    const second = await checkpoint(copy, 4);
    expect(sh(copy.root, ['rev-parse', `${second}^`]).trim()).toBe(first);
    expect(await changedFiles(copy)).toEqual([
      { path: 'edit.txt', kind: 'update' },
      { path: 'more.txt', kind: 'add' },
    ]);
    expect(await diffAgainstBase(copy)).toContain('+step one');

    // Back to the base content: no changes, even though checkpoints exist.
    write(copy.root, 'edit.txt', 'line 1\nline 2\nline 3\n');
    unlinkSync(path.join(copy.root, 'more.txt'));
    expect(await changedFiles(copy)).toEqual([]);
    expect(await checkpoint(copy, 5)).toMatch(/^[0-9a-f]{40}$/);
    expect(await changedFiles(copy)).toEqual([]);
  });
});

describe('restoreCheckpoint', () => {
  it('puts the files back as they were at a checkpoint and the index back to the user’s staged state; HEAD stays', async () => {
    const repo = smallRepo();
    write(repo, 'keep.txt', 'staged by the user\n');
    sh(repo, ['add', 'keep.txt']);
    write(repo, 'keep.txt', 'staged, then edited again\n');
    const copy = await copyOf(repo);
    const head = sh(copy.root, ['rev-parse', 'HEAD']).trim();
    const status0 = sh(copy.root, ['status', '--porcelain']);
    const cached = sh(copy.root, ['diff', '--cached']);
    expect(cached).toContain('+staged by the user');

    write(copy.root, 'edit.txt', 'step one\n');
    const one = (await checkpoint(copy, 1)) as string;
    const status1 = sh(copy.root, ['status', '--porcelain']);
    const files1 = visibleFiles(copy.root);
    write(copy.root, 'edit.txt', 'step two\n');
    write(copy.root, 'added.txt', 'new in step two\n');
    unlinkSync(path.join(copy.root, 'keep.txt'));
    await checkpoint(copy, 2);

    await restoreCheckpoint(copy.root, one);
    expect(visibleFiles(copy.root)).toEqual(files1);
    expect(sh(copy.root, ['status', '--porcelain'])).toBe(status1);
    expect(sh(copy.root, ['diff', '--cached'])).toBe(cached);
    expect(sh(copy.root, ['rev-parse', 'HEAD', LAST_REF]).trim().split('\n')).toEqual([head, one]);
    expect(await checkpoint(copy, 2)).toBeNull(); // the restored checkpoint is the last one now

    await restoreCheckpoint(copy.root, copy.baseSnapshot);
    expect(sh(copy.root, ['status', '--porcelain'])).toBe(status0);
    expect(await changedFiles(copy)).toEqual([]);
  });
});

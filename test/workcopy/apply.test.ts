// applyCopy on real repositories and real working copies: a clean apply reaches the user's files
// (and nothing in .git), three-way merges of edits on other lines, and every kind of conflict leaves
// the user's whole tree — .git included, mtimes included — exactly as it was.
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyCopy } from '../../src/workcopy/apply.ts';
import { checkpoint } from '../../src/workcopy/changes.ts';
import { createWorkingCopy } from '../../src/workcopy/create.ts';
import { cleanupTempDirs, fingerprint, initRepo, readOnlyStatus, sh, tempDir, visibleFiles, write } from './fixtures.ts';

afterAll(cleanupTempDirs);

const LINES = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

function userRepo(): string {
  const repo = initRepo(tempDir());
  write(repo, '.gitignore', 'node_modules/\n');
  write(repo, 'notes.txt', LINES);
  write(repo, 'keep.txt', 'untouched\n');
  write(repo, 'gone.txt', 'to be deleted by the run\n');
  write(repo, 'src/old-name.ts', 'export const moved = true;\n'.repeat(4));
  write(repo, 'logo.bin', Buffer.from([0, 1, 2, 3, 255, 254, 0, 9]));
  write(repo, 'run.sh', '#!/bin/sh\necho run\n');
  symlinkSync('keep.txt', path.join(repo, 'link'));
  sh(repo, ['add', '-A']);
  sh(repo, ['commit', '-q', '-m', 'base']);
  return repo;
}

async function copyOf(repo: string) {
  return createWorkingCopy(repo, path.join(tempDir(), 'work'));
}

/** The run's edits: every kind of change. */
function runEdits(root: string): void {
  write(root, 'notes.txt', LINES.replace('line 2\n', 'line two (run)\n'));
  write(root, 'added/deep/new.ts', 'export const added = 1;\n');
  unlinkSync(path.join(root, 'gone.txt'));
  renameSync(path.join(root, 'src/old-name.ts'), path.join(root, 'src/new-name.ts'));
  write(root, 'logo.bin', Buffer.from([0, 1, 2, 3, 255, 254, 0, 10, 11]));
  chmodSync(path.join(root, 'run.sh'), 0o755);
  unlinkSync(path.join(root, 'link'));
  symlinkSync('notes.txt', path.join(root, 'link'));
  write(root, 'node_modules/dep/index.js', 'ignored output\n');
}

describe('applyCopy: clean applies', () => {
  it('brings every kind of change into the working tree and leaves .git (index, HEAD, refs) untouched', async () => {
    const repo = userRepo();
    const copy = await copyOf(repo);
    runEdits(copy.root);
    const gitBefore = fingerprint(path.join(repo, '.git'), { withTimes: true });

    const result = await applyCopy(copy, repo);
    expect(result.ok).toBe(true);
    expect(result.conflicts).toEqual([]);
    expect(result.applied).toEqual([
      { path: 'added/deep/new.ts', action: 'add' },
      { path: 'gone.txt', action: 'delete' },
      { path: 'link', action: 'update' },
      { path: 'logo.bin', action: 'update' },
      { path: 'notes.txt', action: 'update' },
      { path: 'run.sh', action: 'update' },
      { path: 'src/new-name.ts', action: 'add' },
      { path: 'src/old-name.ts', action: 'delete' },
    ]);
    // The user's visible files are now exactly the copy's (minus what git ignores there).
    expect(visibleFiles(repo)).toEqual(visibleFiles(copy.root, ['node_modules']));
    expect(existsSync(path.join(repo, 'node_modules'))).toBe(false);
    expect(readFileSync(path.join(repo, 'logo.bin'))).toEqual(Buffer.from([0, 1, 2, 3, 255, 254, 0, 10, 11]));
    expect(lstatSync(path.join(repo, 'run.sh')).mode & 0o111).toBe(0o111);
    expect(readlinkSync(path.join(repo, 'link'))).toBe('notes.txt');
    expect(existsSync(path.join(repo, 'src/old-name.ts'))).toBe(false);
    // Nothing in .git changed — not even the index's mtime; the user sees plain unstaged changes.
    expect(fingerprint(path.join(repo, '.git'), { withTimes: true })).toEqual(gitBefore);
    expect(readOnlyStatus(repo)).toContain(' M notes.txt');
    expect(readOnlyStatus(repo)).toContain('?? src/new-name.ts');
    // No temporary files are left beside the written ones.
    expect(visibleFiles(repo).some((l) => l.includes('hew-apply'))).toBe(false);
  });

  it('takes the copy as it is now: checkpointed and uncommitted edits alike', async () => {
    const repo = userRepo();
    const copy = await copyOf(repo);
    write(copy.root, 'keep.txt', 'first edit\n');
    expect(await checkpoint(copy, 1)).not.toBeNull();
    write(copy.root, 'keep.txt', 'second edit, not checkpointed\n');
    write(copy.root, 'fresh.txt', 'also not checkpointed\n');
    const result = await applyCopy(copy, repo);
    expect(result.ok).toBe(true);
    expect(readFileSync(path.join(repo, 'keep.txt'), 'utf8')).toBe('second edit, not checkpointed\n');
    expect(readFileSync(path.join(repo, 'fresh.txt'), 'utf8')).toBe('also not checkpointed\n');
  });

  it('merges a file the user edited on other lines since the run started', async () => {
    const repo = userRepo();
    const copy = await copyOf(repo);
    write(copy.root, 'notes.txt', LINES.replace('line 2\n', 'line two (run)\n'));
    write(repo, 'notes.txt', LINES.replace('line 11\n', 'line eleven (user)\n'));
    const result = await applyCopy(copy, repo);
    expect(result.ok).toBe(true);
    expect(result.applied).toEqual([{ path: 'notes.txt', action: 'merge' }]);
    const merged = readFileSync(path.join(repo, 'notes.txt'), 'utf8');
    expect(merged).toBe(LINES.replace('line 2\n', 'line two (run)\n').replace('line 11\n', 'line eleven (user)\n'));
  });

  it('keeps the user’s uncommitted files from the run start as the base (no conflict with themselves)', async () => {
    const repo = userRepo();
    write(repo, 'notes.txt', LINES.replace('line 5\n', 'line five (uncommitted)\n'));
    write(repo, 'draft.md', 'untracked draft\n');
    const copy = await copyOf(repo);
    write(copy.root, 'notes.txt', LINES.replace('line 5\n', 'line five (uncommitted)\n').replace('line 9\n', 'line nine (run)\n'));
    write(copy.root, 'draft.md', 'untracked draft, finished by the run\n');
    const result = await applyCopy(copy, repo);
    expect(result.ok).toBe(true);
    expect(result.applied.map((f) => `${f.action} ${f.path}`)).toEqual(['update draft.md', 'update notes.txt']);
    expect(readFileSync(path.join(repo, 'notes.txt'), 'utf8')).toContain('line nine (run)');
    expect(readFileSync(path.join(repo, 'notes.txt'), 'utf8')).toContain('line five (uncommitted)');
  });

  it('a second apply of the same run is a no-op success that writes nothing', async () => {
    const repo = userRepo();
    const copy = await copyOf(repo);
    runEdits(copy.root);
    expect((await applyCopy(copy, repo)).ok).toBe(true);
    const after = fingerprint(repo, { withTimes: true });
    const again = await applyCopy(copy, repo);
    expect(again.ok).toBe(true);
    expect(again.applied).toEqual([]);
    expect(again.unchanged).toHaveLength(8);
    expect(fingerprint(repo, { withTimes: true })).toEqual(after);
  });

  it('an add where the user already has the identical file counts as already applied', async () => {
    const repo = userRepo();
    const copy = await copyOf(repo);
    write(copy.root, 'same.txt', 'same bytes\n');
    write(repo, 'same.txt', 'same bytes\n');
    const result = await applyCopy(copy, repo);
    expect(result).toMatchObject({ ok: true, applied: [], unchanged: ['same.txt'] });
  });

  it('replaces a file by a directory and a directory by a file', async () => {
    const repo = userRepo();
    const copy = await copyOf(repo);
    unlinkSync(path.join(copy.root, 'keep.txt'));
    write(copy.root, 'keep.txt/inner.txt', 'now a directory\n');
    rmSync(path.join(copy.root, 'src'), { recursive: true });
    write(copy.root, 'src', 'now a file\n');
    const result = await applyCopy(copy, repo);
    expect(result.conflicts).toEqual([]);
    expect(result.ok).toBe(true);
    expect(readFileSync(path.join(repo, 'keep.txt/inner.txt'), 'utf8')).toBe('now a directory\n');
    expect(readFileSync(path.join(repo, 'src'), 'utf8')).toBe('now a file\n');
  });

  it('applies a plain (non-git) directory’s run the same way', async () => {
    const dir = tempDir();
    write(dir, 'a.txt', LINES);
    write(dir, 'b.txt', 'b\n');
    write(dir, 'node_modules/x/index.js', 'dependency\n');
    const copy = await createWorkingCopy(dir, path.join(tempDir(), 'work'));
    expect(copy.kind).toBe('plain');
    write(copy.root, 'a.txt', LINES.replace('line 1\n', 'line one (run)\n'));
    unlinkSync(path.join(copy.root, 'b.txt'));
    write(copy.root, 'c/c.txt', 'new\n');
    write(copy.root, 'node_modules/y/index.js', 'installed by the run\n');
    write(dir, 'a.txt', LINES.replace('line 12\n', 'line twelve (user)\n'));

    const result = await applyCopy(copy, dir);
    expect(result.ok).toBe(true);
    expect(result.applied.map((f) => `${f.action} ${f.path}`)).toEqual(['merge a.txt', 'delete b.txt', 'add c/c.txt']);
    expect(result.skipped).toEqual([{ path: 'node_modules/y/index.js', reason: 'in a dependency or build output directory, never copied' }]);
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe(LINES.replace('line 1\n', 'line one (run)\n').replace('line 12\n', 'line twelve (user)\n'));
    expect(existsSync(path.join(dir, 'b.txt'))).toBe(false);
    expect(existsSync(path.join(dir, 'node_modules/y'))).toBe(false);
    expect(existsSync(path.join(dir, '.git'))).toBe(false);
  });
});

describe('applyCopy: conflicts write nothing', () => {
  async function expectRefused(repo: string, copy: { root: string; baseSnapshot: string; kind: 'git' | 'plain' }, conflicts: [string, RegExp][]) {
    const before = fingerprint(repo, { withTimes: true });
    const result = await applyCopy(copy, repo);
    expect(result.ok).toBe(false);
    expect(result.applied).toEqual([]);
    expect(result.conflicts.map((c) => c.path)).toEqual(conflicts.map(([p]) => p));
    for (const [i, [, reason]] of conflicts.entries()) expect(result.conflicts[i]?.reason).toMatch(reason);
    expect(fingerprint(repo, { withTimes: true })).toEqual(before);
    return result;
  }

  it('the user changed the same lines', async () => {
    const repo = userRepo();
    const copy = await copyOf(repo);
    write(copy.root, 'notes.txt', LINES.replace('line 2\n', 'line two (run)\n'));
    write(repo, 'notes.txt', LINES.replace('line 2\n', 'line two (user)\n'));
    await expectRefused(repo, copy, [['notes.txt', /same lines/]]);
  });

  it('one conflicting file among several clean ones: all or nothing', async () => {
    const repo = userRepo();
    const copy = await copyOf(repo);
    runEdits(copy.root);
    write(repo, 'logo.bin', Buffer.from([9, 9, 0, 9]));
    const result = await expectRefused(repo, copy, [['logo.bin', /binary/]]);
    expect(result.unchanged).toEqual([]);
  });

  it('the run deleted a file the user modified', async () => {
    const repo = userRepo();
    const copy = await copyOf(repo);
    unlinkSync(path.join(copy.root, 'gone.txt'));
    write(repo, 'gone.txt', 'the user still needs this\n');
    await expectRefused(repo, copy, [['gone.txt', /run deleted this file, and you changed it/]]);
  });

  it('the user deleted a file the run modified', async () => {
    const repo = userRepo();
    const copy = await copyOf(repo);
    write(copy.root, 'keep.txt', 'run edit\n');
    unlinkSync(path.join(repo, 'keep.txt'));
    await expectRefused(repo, copy, [['keep.txt', /you deleted this file/]]);
  });

  it('the run added a file where the user created a different one', async () => {
    const repo = userRepo();
    const copy = await copyOf(repo);
    write(copy.root, 'new.txt', 'from the run\n');
    write(repo, 'new.txt', 'from the user\n');
    await expectRefused(repo, copy, [['new.txt', /created a different one/]]);
  });

  it('a rename whose source the user edited is a delete-vs-modify conflict', async () => {
    const repo = userRepo();
    const copy = await copyOf(repo);
    renameSync(path.join(copy.root, 'src/old-name.ts'), path.join(copy.root, 'src/new-name.ts'));
    write(repo, 'src/old-name.ts', 'export const moved = false;\n');
    await expectRefused(repo, copy, [['src/old-name.ts', /deleted/]]);
  });

  it('never writes through a symlink the user put where the run has a directory', async () => {
    const repo = userRepo();
    const outside = tempDir();
    const copy = await copyOf(repo);
    write(copy.root, 'src/extra.ts', 'export const extra = 1;\n');
    rmSync(path.join(repo, 'src'), { recursive: true });
    symlinkSync(outside, path.join(repo, 'src'));
    await expectRefused(repo, copy, [['src/extra.ts', /src is a file or symlink/]]);
    expect(existsSync(path.join(outside, 'extra.ts'))).toBe(false);
  });

  it('the user has a directory where the run adds a file', async () => {
    const repo = userRepo();
    const copy = await copyOf(repo);
    write(copy.root, 'cache', 'a file from the run\n');
    mkdirSync(path.join(repo, 'cache'));
    write(repo, 'cache/user.txt', 'the user’s own\n');
    await expectRefused(repo, copy, [['cache', /directory/]]);
  });
});

// A directory that is not a git repository: a plain copy with its own git, dependency and build
// directories and big files left out, and the source left exactly as it was (no .git appears in it).
import { existsSync, lstatSync, readlinkSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedFiles } from '../../src/workcopy/changes.ts';
import { createWorkingCopy } from '../../src/workcopy/create.ts';
import { findDependencyDirs } from '../../src/workcopy/deps.ts';
import { cleanupTempDirs, fingerprint, initRepo, sh, tempDir, visibleFiles, write } from './fixtures.ts';

afterAll(cleanupTempDirs);

describe('createWorkingCopy (plain directory)', () => {
  it('copies the tree minus node_modules, build output and big files, and gives the copy its own git', async () => {
    const src = tempDir('hew-plain-');
    write(src, 'main.py', 'print("hi")\n');
    write(src, 'lib/util.py', 'X = 1\n');
    write(src, 'run.sh', '#!/bin/sh\n', 0o755);
    symlinkSync('main.py', path.join(src, 'entry.py'));
    write(src, 'node_modules/pkg/index.js', 'x\n');
    write(src, 'lib/__pycache__/util.cpython-312.pyc', 'bytecode');
    write(src, 'dist/bundle.js', 'built\n');
    write(src, 'big.bin', Buffer.alloc(11 * 1024 * 1024, 1));
    const before = fingerprint(src, { withTimes: true });

    const copy = await createWorkingCopy(src, path.join(tempDir(), 'work'));

    expect(fingerprint(src, { withTimes: true })).toEqual(before);
    expect(existsSync(path.join(src, '.git'))).toBe(false);
    expect(copy.kind).toBe('plain');
    expect(copy.baseCommit).toBeNull();
    expect(copy.subdir).toBe('');
    expect(copy.skipped).toEqual([
      { path: 'big.bin', reason: '11 MiB, over the 10 MiB limit' },
      { path: 'dist/', reason: 'dependency, VCS or build output directory' },
      { path: 'lib/__pycache__/', reason: 'dependency, VCS or build output directory' },
      { path: 'node_modules/', reason: 'dependency, VCS or build output directory' },
    ]);
    expect(visibleFiles(copy.root)).toEqual(visibleFiles(src, ['node_modules', 'dist', 'lib/__pycache__', 'big.bin']));
    expect(lstatSync(path.join(copy.root, 'run.sh')).mode & 0o111).toBe(0o111);
    expect(readlinkSync(path.join(copy.root, 'entry.py'))).toBe('main.py');
    expect(sh(copy.root, ['rev-parse', 'HEAD']).trim()).toBe(copy.baseSnapshot);
    expect(sh(copy.root, ['ls-files']).trim().split('\n')).toEqual(['entry.py', 'lib/util.py', 'main.py', 'run.sh']);

    write(copy.root, 'main.py', 'print("bye")\n');
    expect(await changedFiles(copy)).toEqual([{ path: 'main.py', kind: 'update' }]);
  });

  it('honours a smaller size limit', async () => {
    const src = tempDir('hew-plain-');
    write(src, 'small.txt', 'ok\n');
    write(src, 'medium.txt', 'x'.repeat(2048));
    const copy = await createWorkingCopy(src, path.join(tempDir(), 'work'), { maxFileBytes: 1024 });
    expect(copy.skipped).toEqual([{ path: 'medium.txt', reason: '2 KiB, over the 1 KiB limit' }]);
    expect(existsSync(path.join(copy.root, 'medium.txt'))).toBe(false);
    expect(existsSync(path.join(copy.root, 'small.txt'))).toBe(true);
  });
});

describe('plain copy limits and failures', () => {
  it('refuses a tree over the file limit before copying anything, and leaves no copy', async () => {
    const src = tempDir('hew-plain-');
    for (let i = 0; i < 6; i++) write(src, `d${i}/f.txt`, 'x\n');
    write(src, 'node_modules/a/many.js', 'not counted\n');
    const dest = path.join(tempDir(), 'work');
    await expect(createWorkingCopy(src, dest, { maxFiles: 5 })).rejects.toThrow(/has more than 5 files .*too much for a plain copy; run hew in a git repository/);
    expect(existsSync(dest)).toBe(false);
    // At the limit it copies.
    const copy = await createWorkingCopy(src, path.join(tempDir(), 'work'), { maxFiles: 6 });
    expect(existsSync(path.join(copy.root, 'd5', 'f.txt'))).toBe(true);
  });

  it('refuses a tree over the byte limit; big files left out do not count', async () => {
    const src = tempDir('hew-plain-');
    write(src, 'a.txt', 'x'.repeat(600));
    write(src, 'b.txt', 'x'.repeat(600));
    write(src, 'huge.bin', 'x'.repeat(5000));
    await expect(createWorkingCopy(src, path.join(tempDir(), 'work'), { maxFileBytes: 4096, maxTotalBytes: 1000 })).rejects.toThrow(/1\.2 KiB in files, more than the 1000 B limit/);
    const copy = await createWorkingCopy(src, path.join(tempDir(), 'work'), { maxFileBytes: 4096, maxTotalBytes: 1200 });
    expect(copy.skipped).toEqual([{ path: 'huge.bin', reason: '4.9 KiB, over the 4 KiB limit' }]);
  });

  it("leaves hew's own folders out", async () => {
    const src = tempDir('hew-plain-');
    write(src, 'notes.txt', 'n\n');
    write(src, '.local/state/hew/runs/x/meta.json', '{}');
    write(src, '.config/hew/config.toml', 'model = "x"\n');
    const copy = await createWorkingCopy(src, path.join(tempDir(), 'work'), { ownDirs: [path.join(src, '.local/state/hew'), path.join(src, '.config/hew')] });
    expect(existsSync(path.join(copy.root, 'notes.txt'))).toBe(true);
    expect(existsSync(path.join(copy.root, '.local/state/hew'))).toBe(false);
    expect(existsSync(path.join(copy.root, '.config/hew'))).toBe(false);
  });

  it('a copy into its own source never copies itself', async () => {
    const src = tempDir('hew-plain-');
    write(src, 'a.txt', 'a\n');
    const copy = await createWorkingCopy(src, path.join(src, 'runs', 'x', 'work'));
    expect(sh(copy.root, ['ls-files']).trim().split('\n')).toEqual(['a.txt']);
  });
});

describe('findDependencyDirs', () => {
  it('finds ignored dependency directories but not committed ones', async () => {
    const repo = initRepo(tempDir());
    write(repo, '.gitignore', 'node_modules/\n.venv/\n');
    write(repo, 'vendor/lib.go', 'package lib\n');
    write(repo, 'node_modules/a/index.js', '1\n');
    write(repo, 'packages/web/node_modules/b/index.js', '1\n');
    write(repo, 'py/.venv/bin/python', '');
    sh(repo, ['add', '-A']);
    sh(repo, ['commit', '-q', '-m', 'x']);
    const before = fingerprint(repo, { withTimes: true });
    expect(await findDependencyDirs(repo, { kind: 'git' })).toEqual(['node_modules', 'packages/web/node_modules', 'py/.venv']);
    expect(await findDependencyDirs(repo, { kind: 'plain' })).toEqual(['node_modules', 'packages/web/node_modules', 'py/.venv', 'vendor']);
    expect(fingerprint(repo, { withTimes: true })).toEqual(before);
  });
});

// createWorkingCopy against real repositories: the copy shows what the user sees, and the user's
// repository (working tree and .git, byte for byte and mtime for mtime) is left exactly as it was.
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, renameSync, symlinkSync, unlinkSync, utimesSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkingCopy } from '../../src/workcopy/create.ts';
import { BASE_REF } from '../../src/workcopy/snapshots.ts';
import { changedFiles } from '../../src/workcopy/changes.ts';
import { SUBMODULE_REASONS } from '../../src/workcopy/submodules.ts';
import { cleanupTempDirs, fingerprint, FIXTURE_ENV, initRepo, readOnlyStatus, sh, tempDir, visibleFiles, write } from './fixtures.ts';

afterAll(cleanupTempDirs);

/** A repository in every state a user's tree can be in. */
function messyRepo(): string {
  const repo = initRepo(tempDir());
  write(repo, '.gitignore', 'node_modules/\n*.log\n');
  write(repo, 'README.md', '# demo\n');
  write(repo, 'src/a.ts', 'export const a = 1;\n');
  write(repo, 'src/b.ts', 'export const b = 1;\n');
  write(repo, 'old.txt', 'to be deleted\n');
  write(repo, 'rename-me.txt', 'moving soon\n');
  write(repo, 'script.sh', '#!/bin/sh\necho hi\n', 0o755);
  symlinkSync('README.md', path.join(repo, 'link-to-readme'));
  sh(repo, ['add', '-A']);
  sh(repo, ['commit', '-q', '-m', 'initial']);

  write(repo, 'src/a.ts', 'export const a = 2; // edited, not staged\n');
  write(repo, 'src/b.ts', 'export const b = 2;\n');
  sh(repo, ['add', 'src/b.ts']);
  write(repo, 'src/b.ts', 'export const b = 3; // staged, then edited again\n');
  write(repo, 'src/new.ts', 'export const fresh = true;\n');
  sh(repo, ['add', 'src/new.ts']);
  write(repo, 'notes.md', 'untracked notes\n');
  write(repo, 'docs/guide.md', 'untracked dir\n');
  write(repo, 'tools/run.sh', '#!/bin/sh\nexit 0\n', 0o755);
  symlinkSync('../src/a.ts', path.join(repo, 'tools/a-link'));
  write(repo, 'node_modules/x/index.js', 'module.exports = 1;\n');
  write(repo, 'debug.log', 'ignored log\n');
  unlinkSync(path.join(repo, 'old.txt'));
  sh(repo, ['mv', 'rename-me.txt', 'renamed.txt']);
  // Make the index stale, so a `git status` that may write would refresh and rewrite it.
  const later = new Date(Date.now() + 5000);
  utimesSync(path.join(repo, 'README.md'), later, later);
  return repo;
}

describe('createWorkingCopy (git)', () => {
  it('mirrors what the user sees and leaves the user repository untouched, .git included', async () => {
    const repo = messyRepo();
    const before = fingerprint(repo, { withTimes: true });
    const statusBefore = readOnlyStatus(repo);
    const userHead = sh(repo, ['rev-parse', 'HEAD']).trim();

    const dest = path.join(tempDir(), 'work');
    const copy = await createWorkingCopy(repo, dest);

    expect(fingerprint(repo, { withTimes: true })).toEqual(before);
    expect(readOnlyStatus(repo)).toBe(statusBefore);

    expect(copy.kind).toBe('git');
    expect(copy.root).toBe(dest);
    expect(copy.baseCommit).toBe(userHead);
    expect(copy.subdir).toBe('');
    expect(copy.skipped).toEqual([]);
    // The copy's visible files equal the user's minus what git ignores.
    expect(visibleFiles(dest)).toEqual(visibleFiles(repo, ['node_modules', 'debug.log']));
    expect(existsSync(path.join(dest, 'node_modules'))).toBe(false);
    expect(existsSync(path.join(dest, 'debug.log'))).toBe(false);
    expect(existsSync(path.join(dest, 'old.txt'))).toBe(false);
    expect(existsSync(path.join(dest, 'rename-me.txt'))).toBe(false);
    expect(readFileSync(path.join(dest, 'src/b.ts'), 'utf8')).toContain('b = 3');
    expect(lstatSync(path.join(dest, 'script.sh')).mode & 0o111).toBe(0o111);
    expect(lstatSync(path.join(dest, 'tools/run.sh')).mode & 0o111).toBe(0o111);
    expect(readlinkSync(path.join(dest, 'link-to-readme'))).toBe('README.md');
    expect(readlinkSync(path.join(dest, 'tools/a-link'))).toBe('../src/a.ts');

    // The copy: no remote; HEAD the user's commit on the user's branch; status, diff, staged diff,
    // log, branches and stash as in the user's checkout; the base snapshot under refs/hew/base.
    expect(sh(dest, ['remote']).trim()).toBe('');
    expect(sh(dest, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/main');
    expect(sh(dest, ['rev-parse', 'HEAD']).trim()).toBe(userHead);
    expect(sh(dest, ['rev-parse', BASE_REF]).trim()).toBe(copy.baseSnapshot);
    expect(sh(dest, ['rev-parse', `${copy.baseSnapshot}^`]).trim()).toBe(userHead);
    expect(readOnlyStatus(dest)).toBe(statusBefore);
    for (const args of [['diff'], ['diff', '--cached'], ['log', '--format=%H %s'], ['branch'], ['stash', 'list'], ['status']]) {
      expect(sh(dest, args), `git ${args.join(' ')}`).toBe(sh(repo, args, { GIT_OPTIONAL_LOCKS: '0' }));
    }
    expect(sh(dest, ['config', 'user.email']).trim()).toBe('hew@localhost');
    expect(await changedFiles(copy)).toEqual([]);

    // The fingerprint does notice index writes: a plain `git status` rewrites the stale index.
    sh(repo, ['status', '--porcelain']);
    expect(fingerprint(repo, { withTimes: true })).not.toEqual(before);
  });

  it('starting from a subdirectory copies the whole repository and records the subdir', async () => {
    const repo = messyRepo();
    const before = fingerprint(repo, { withTimes: true });
    const copy = await createWorkingCopy(path.join(repo, 'src'), path.join(tempDir(), 'work'));
    expect(copy.subdir).toBe('src');
    expect(copy.source).toBe(repo);
    expect(existsSync(path.join(copy.root, 'README.md'))).toBe(true);
    expect(readFileSync(path.join(copy.root, 'src/a.ts'), 'utf8')).toContain('edited');
    expect(fingerprint(repo, { withTimes: true })).toEqual(before);
  });

  it('handles an unborn repository: no base commit, the branch stays unborn, the snapshot is a root commit', async () => {
    const repo = initRepo(tempDir());
    write(repo, '.gitignore', '*.log\n');
    write(repo, 'a.txt', 'a\n');
    write(repo, 'sub/b.txt', 'b\n');
    write(repo, 'x.log', 'ignored\n');
    const before = fingerprint(repo, { withTimes: true });

    const copy = await createWorkingCopy(repo, path.join(tempDir(), 'work'));
    expect(copy.baseCommit).toBeNull();
    expect(sh(copy.root, ['rev-list', '--parents', '-n', '1', copy.baseSnapshot]).trim()).toBe(copy.baseSnapshot);
    expect(visibleFiles(copy.root)).toEqual(visibleFiles(repo, ['x.log']));
    // Nothing is staged in the user's repository, so nothing is in the copy's index either.
    expect(sh(copy.root, ['ls-files'])).toBe('');
    expect(sh(copy.root, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/main');
    expect(readOnlyStatus(copy.root)).toBe(readOnlyStatus(repo));
    expect(sh(copy.root, ['ls-tree', '-r', '--name-only', copy.baseSnapshot]).trim().split('\n')).toEqual(['.gitignore', 'a.txt', 'sub/b.txt']);
    expect(fingerprint(repo, { withTimes: true })).toEqual(before);
  });

  it('copies from a linked worktree at that worktree’s HEAD', async () => {
    const repo = initRepo(tempDir());
    write(repo, 'f.txt', 'main\n');
    sh(repo, ['add', '-A']);
    sh(repo, ['commit', '-q', '-m', 'one']);
    const wt = path.join(tempDir(), 'wt');
    sh(repo, ['worktree', 'add', '-q', '-b', 'feature', wt]);
    write(wt, 'f.txt', 'feature\n');
    sh(wt, ['commit', '-q', '-am', 'two']);
    write(wt, 'g.txt', 'untracked in worktree\n');
    const before = fingerprint(repo, { withTimes: true });

    const copy = await createWorkingCopy(wt, path.join(tempDir(), 'work'));
    expect(copy.baseCommit).toBe(sh(wt, ['rev-parse', 'HEAD']).trim());
    expect(readFileSync(path.join(copy.root, 'f.txt'), 'utf8')).toBe('feature\n');
    expect(readFileSync(path.join(copy.root, 'g.txt'), 'utf8')).toBe('untracked in worktree\n');
    expect(sh(copy.root, ['branch', '--format=%(HEAD)%(refname)'])).toBe('*refs/heads/feature\n');
    expect(fingerprint(repo, { withTimes: true })).toEqual(before);
  });

  it('a detached HEAD stays detached at the same commit; the clone’s branch is gone', async () => {
    const repo = messyRepo();
    const head = sh(repo, ['rev-parse', 'HEAD']).trim();
    sh(repo, ['checkout', '-q', '--detach']);
    const copy = await createWorkingCopy(repo, path.join(tempDir(), 'work'));
    expect(sh(copy.root, ['rev-parse', 'HEAD']).trim()).toBe(head);
    expect(spawnSync('git', ['symbolic-ref', '-q', 'HEAD'], { cwd: copy.root }).status).toBe(1);
    expect(sh(copy.root, ['for-each-ref', '--format=%(refname)', 'refs/heads'])).toBe('');
    expect(readOnlyStatus(copy.root)).toBe(readOnlyStatus(repo));
    expect(sh(copy.root, ['diff', '--cached'])).toBe(sh(repo, ['diff', '--cached'], { GIT_OPTIONAL_LOCKS: '0' }));
  });

  it('a conflicted index (a merge half done) is reproduced, all three sides', async () => {
    const repo = initRepo(tempDir());
    write(repo, 'f.txt', 'base\n');
    sh(repo, ['add', '-A']);
    sh(repo, ['commit', '-q', '-m', 'base']);
    sh(repo, ['checkout', '-q', '-b', 'other']);
    write(repo, 'f.txt', 'theirs\n');
    sh(repo, ['commit', '-q', '-am', 'theirs']);
    sh(repo, ['checkout', '-q', 'main']);
    write(repo, 'f.txt', 'ours\n');
    write(repo, 'g.txt', 'staged\n');
    sh(repo, ['add', '-A']);
    sh(repo, ['commit', '-q', '-m', 'ours']);
    expect(spawnSync('git', ['merge', '-q', 'other'], { cwd: repo, env: { ...process.env, ...FIXTURE_ENV } }).status).toBe(1);
    const before = fingerprint(repo, { withTimes: true });
    const copy = await createWorkingCopy(repo, path.join(tempDir(), 'work'));
    expect(sh(copy.root, ['ls-files', '--stage'])).toBe(sh(repo, ['ls-files', '--stage'], { GIT_OPTIONAL_LOCKS: '0' }));
    expect(readOnlyStatus(copy.root)).toBe(readOnlyStatus(repo));
    expect(readFileSync(path.join(copy.root, 'f.txt'), 'utf8')).toContain('<<<<<<<');
    expect(fingerprint(repo, { withTimes: true })).toEqual(before);
  });

  it('copies an initialised submodule’s files as the user has them (never its .git) and notes nested repositories', async () => {
    const lib = initRepo(tempDir());
    write(lib, 'lib.txt', 'library\n');
    sh(lib, ['add', '-A']);
    sh(lib, ['commit', '-q', '-m', 'lib']);
    const repo = initRepo(tempDir());
    write(repo, 'app.txt', 'app\n');
    sh(repo, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, 'deps/lib']);
    sh(repo, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, 'deps/uninit']);
    sh(repo, ['commit', '-q', '-m', 'with submodules']);
    sh(repo, ['submodule', 'deinit', '-q', '-f', 'deps/uninit']);
    mkdirSync(path.join(repo, 'scratch'));
    const nested = initRepo(path.join(repo, 'scratch'));
    write(nested, 'n.txt', 'nested\n');
    write(repo, 'deps/lib/lib.txt', 'edited inside the submodule\n');
    write(repo, 'deps/lib/untracked.txt', 'new inside the submodule\n');
    const before = fingerprint(repo, { withTimes: true });

    const copy = await createWorkingCopy(repo, path.join(tempDir(), 'work'));
    expect(copy.skipped).toEqual([
      { path: 'deps/uninit/', reason: SUBMODULE_REASONS.notInitialised },
      { path: 'scratch/', reason: SUBMODULE_REASONS.nestedRepo },
    ]);
    expect(existsSync(path.join(copy.root, 'app.txt'))).toBe(true);
    expect(readFileSync(path.join(copy.root, 'deps/lib/lib.txt'), 'utf8')).toBe('edited inside the submodule\n');
    expect(readFileSync(path.join(copy.root, 'deps/lib/untracked.txt'), 'utf8')).toBe('new inside the submodule\n');
    expect(existsSync(path.join(copy.root, 'deps/lib/.git'))).toBe(false);
    expect(existsSync(path.join(copy.root, 'scratch/n.txt'))).toBe(false);
    // The copy's index keeps the gitlinks (git status is quiet); the base snapshot holds the files.
    expect(sh(copy.root, ['ls-files', '-s', 'deps/lib'])).toMatch(/^160000 /);
    expect(sh(copy.root, ['status', '--porcelain'])).toBe('?? app.txt\n'); // the user's status less the nested repository
    expect(sh(copy.root, ['ls-tree', '-r', '--name-only', copy.baseSnapshot, 'deps/lib']).split('\n')).toEqual(['deps/lib/lib.txt', 'deps/lib/untracked.txt', '']);
    expect(await changedFiles(copy)).toEqual([]);
    expect(fingerprint(repo, { withTimes: true })).toEqual(before);
  });

  it('can share the user objects (alternates) instead of copying them', async () => {
    const repo = messyRepo();
    const before = fingerprint(repo);
    const owned = await createWorkingCopy(repo, path.join(tempDir(), 'owned'));
    const shared = await createWorkingCopy(repo, path.join(tempDir(), 'shared'), { shareObjects: true });
    expect(existsSync(path.join(owned.root, '.git/objects/info/alternates'))).toBe(false);
    expect(readFileSync(path.join(shared.root, '.git/objects/info/alternates'), 'utf8').trim()).toBe(path.join(repo, '.git/objects'));
    expect(visibleFiles(shared.root)).toEqual(visibleFiles(owned.root));
    const treeOf = (root: string, sha: string) => sh(root, ['rev-parse', `${sha}^{tree}`]).trim();
    expect(treeOf(shared.root, shared.baseSnapshot)).toBe(treeOf(owned.root, owned.baseSnapshot));
    expect(sh(owned.root, ['fsck', '--no-dangling', '--connectivity-only']).trim()).toBe('');
    expect(fingerprint(repo)).toEqual(before); // bytes unchanged (object mtimes may be refreshed when sharing)
  });

  it('refuses a destination that is not empty', async () => {
    const repo = messyRepo();
    const dest = tempDir();
    write(dest, 'occupied', 'x');
    await expect(createWorkingCopy(repo, dest)).rejects.toThrow(/not empty/);
  });

  it('ignores GIT_DIR / GIT_INDEX_FILE inherited from the environment', async () => {
    const repo = messyRepo();
    const other = initRepo(tempDir());
    const saved = { dir: process.env.GIT_DIR, index: process.env.GIT_INDEX_FILE };
    process.env.GIT_DIR = path.join(other, '.git');
    process.env.GIT_INDEX_FILE = path.join(other, 'bogus-index');
    try {
      const copy = await createWorkingCopy(repo, path.join(tempDir(), 'work'));
      expect(copy.baseCommit).toBe(sh(repo, ['rev-parse', 'HEAD'], { GIT_DIR: path.join(repo, '.git') }).trim());
    } finally {
      if (saved.dir === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved.dir;
      if (saved.index === undefined) delete process.env.GIT_INDEX_FILE;
      else process.env.GIT_INDEX_FILE = saved.index;
    }
    expect(existsSync(path.join(other, 'bogus-index'))).toBe(false);
  });

  it('two copies of one repository are independent', async () => {
    const repo = messyRepo();
    const [one, two] = await Promise.all([
      createWorkingCopy(repo, path.join(tempDir(), 'one')),
      createWorkingCopy(repo, path.join(tempDir(), 'two')),
    ]);
    expect(one.root).not.toBe(two.root);
    write(one.root, 'only-in-one.txt', 'x\n');
    renameSync(path.join(one.root, 'notes.md'), path.join(one.root, 'notes-moved.md'));
    expect(await changedFiles(one)).toEqual([
      { path: 'notes.md', kind: 'move', move_path: 'notes-moved.md' },
      { path: 'only-in-one.txt', kind: 'add' },
    ]);
    expect(await changedFiles(two)).toEqual([]);
    expect(existsSync(path.join(two.root, 'only-in-one.txt'))).toBe(false);
  });

  it('measures making a copy of a ~1,000-file repository', async () => {
    const repo = initRepo(tempDir());
    for (let i = 0; i < 1000; i++) write(repo, `pkg${i % 20}/file${i}.ts`, `export const v${i} = ${i};\n`.repeat(20));
    sh(repo, ['add', '-A']);
    sh(repo, ['commit', '-q', '-m', 'many files']);
    for (let i = 0; i < 20; i++) write(repo, `pkg${i}/file${i}.ts`, `// dirty ${i}\n`);
    const started = performance.now();
    const copy = await createWorkingCopy(repo, path.join(tempDir(), 'work'));
    const ms = performance.now() - started;
    console.log(`[workcopy] created a copy of a 1000-file repo (20 dirty files) in ${ms.toFixed(0)} ms`);
    expect(sh(copy.root, ['ls-files']).trim().split('\n')).toHaveLength(1000);
    expect(readFileSync(path.join(copy.root, 'pkg7/file7.ts'), 'utf8')).toBe('// dirty 7\n');
  });
});

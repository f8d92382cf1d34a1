// The repository lookup's pure parts as tables (git's rev-parse answer, git's reason, hew's own
// folders inside a tree), and the lookup itself against real directories.
import { mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isExcludedPath, ownDirsInside } from '../../src/workcopy/own-dirs.ts';
import { gitReason, locateRepository, locateRepositorySync, NotAWorkTreeError, parseLocation } from '../../src/workcopy/repo-location.ts';
import { cleanupTempDirs, initRepo, sh, tempDir, write } from './fixtures.ts';

afterAll(cleanupTempDirs);

const SHA = 'a'.repeat(40);

describe('parseLocation', () => {
  const cases: [string, string, number, ReturnType<typeof parseLocation>][] = [
    ['a commit', `/r\nsub/\n.git\n/r/.git\n${SHA}\n`, 0, { top: '/r', prefix: 'sub', commonDir: '/r/sub/.git', gitDir: '/r/.git', head: SHA }],
    ['the top itself', `/r\n\n/r/.git\n/r/.git\n${SHA}\n`, 0, { top: '/r', prefix: '', commonDir: '/r/.git', gitDir: '/r/.git', head: SHA }],
    ['an unborn branch (exit 1)', '/r\n\n/r/.git\n/r/.git\n', 1, { top: '/r', prefix: '', commonDir: '/r/.git', gitDir: '/r/.git', head: null }],
    ['a linked worktree', `/wt\nsrc/\n/main/.git\n/main/.git/worktrees/wt\n${SHA}\n`, 0, { top: '/wt', prefix: 'src', commonDir: '/main/.git', gitDir: '/main/.git/worktrees/wt', head: SHA }],
    ['not a repository (exit 128)', '', 128, null],
    ['exit 1 without output', '', 1, null],
    ['no git directory line', '/r\n\n/r/.git\n', 1, null],
    ['garbage where HEAD goes', '/r\n\n/r/.git\n/r/.git\nnot-a-sha\n', 0, { top: '/r', prefix: '', commonDir: '/r/.git', gitDir: '/r/.git', head: null }],
  ];
  it.each(cases)('%s', (_name, stdout, code, expected) => {
    expect(parseLocation(stdout, code, '/r/sub')).toEqual(expected);
  });
});

describe('gitReason', () => {
  it.each([
    ['fatal: not a git repository (or any of the parent directories): .git\n', 'not a git repository (or any of the parent directories): .git'],
    ["fatal: detected dubious ownership in repository at '/x'\nTo add an exception…", "detected dubious ownership in repository at '/x'"],
    ['', 'not a git repository'],
  ])('%j → %j', (stderr, reason) => expect(gitReason(stderr)).toBe(reason));
});

describe('own folders inside a tree', () => {
  const top = realpathSync(tempDir('hew-own-'));
  mkdirSync(path.join(top, 'real-state'));
  symlinkSync(path.join(top, 'real-state'), path.join(top, 'linked-state'));
  it.each([
    ['a folder inside', [path.join(top, '.local/state/hew')], ['.local/state/hew']],
    ['one that does not exist yet', [path.join(top, 'nope/hew')], ['nope/hew']],
    ['one through a link', ['/no/such', path.join(top, 'linked-state/hew')], ['real-state/hew']],
    ['one outside', ['/elsewhere/hew'], []],
    ['the top itself', [top], []],
    ['a parent of the top', [path.dirname(top)], []],
  ])('%s', (_name, dirs, expected) => expect(ownDirsInside(top, dirs)).toEqual(expected));

  it.each([
    ['.local/state/hew', true],
    ['.local/state/hew/runs/x/meta.json', true],
    ['.local/state/hew/', true],
    ['.local/state/hewn/x', false],
    ['.local/state', false],
    ['src/a.ts', false],
  ])('%s excluded: %s', (rel, expected) => expect(isExcludedPath(rel, ['.local/state/hew', '.config/hew'])).toBe(expected));
});

describe('locateRepository', () => {
  it('answers alike, async and sync, and as git does for a stray empty .git', async () => {
    const repo = realpathSync(initRepo(tempDir()));
    write(repo, 'a/b/c.txt', 'x\n');
    mkdirSync(path.join(repo, 'a', '.git'));
    sh(repo, ['add', '-A']);
    sh(repo, ['commit', '-q', '-m', 'x']);
    const head = sh(repo, ['rev-parse', 'HEAD']).trim();
    const branch = sh(repo, ['symbolic-ref', '--short', 'HEAD']).trim();
    const expected = { repo: { top: repo, prefix: 'a/b', commonDir: path.join(repo, '.git'), head, branch } };
    expect(await locateRepository(path.join(repo, 'a', 'b'))).toEqual(expected);
    expect(locateRepositorySync(path.join(repo, 'a', 'b'))).toEqual(expected);
  });

  it('finds none in a plain directory under a stray .git, and says why in git’s words', async () => {
    const parent = tempDir();
    mkdirSync(path.join(parent, '.git'));
    mkdirSync(path.join(parent, 'plain'));
    const found = await locateRepository(path.join(parent, 'plain'));
    expect(found.repo).toBeNull();
    expect(found).toMatchObject({ reason: expect.stringContaining('not a git repository') });
  });

  it('refuses a git directory, which has no work tree', async () => {
    const repo = initRepo(tempDir());
    await expect(locateRepository(path.join(repo, '.git'))).rejects.toBeInstanceOf(NotAWorkTreeError);
    expect(() => locateRepositorySync(path.join(repo, '.git'))).toThrow(NotAWorkTreeError);
  });
});

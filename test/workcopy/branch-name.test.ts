// The branch-name check of `hew apply --branch` and `batch --branch-prefix`: hew's own rules as a
// pure table, then the whole check (git check-ref-format --branch, clashes with existing refs) against
// a real repository whose refs and status it must leave as they were.
import { describe, expect, it } from 'vitest';
import { branchNameRule, checkBranchName, describeBranchProblem } from '../../src/workcopy/branch-name.ts';
import { fixtureRepo, git } from '../support/fixtures.ts';

describe('branchNameRule (pure)', () => {
  const accepted = ['hew/fix', 'fix', 'a/b/c', 'feature-1', 'HEADS-up', 'my/HEADroom', 'x.y', 'ünï/cødé'];
  const refused: [string, RegExp][] = [
    ['', /empty/],
    ['-x', /starts with "-"/],
    ['--force', /starts with "-"/],
    ['refs/heads/x', /refs\/heads\/refs\/heads\/x.*without "refs\/heads\/": x/],
    ['refs/tags/v1', /starting with "refs\/"/],
    ['@', /git's name for HEAD/],
    ['HEAD', /ending in HEAD/],
    ['origin/HEAD', /ending in HEAD/],
    ['FETCH_HEAD', /ending in HEAD/],
    ['ORIG_HEAD', /ending in HEAD/],
  ];
  it.each(accepted)('passes %j', (name) => expect(branchNameRule(name)).toBeNull());
  it.each(refused)('refuses %j', (name, why) => {
    const problem = branchNameRule(name);
    expect(problem?.reason).toBe('invalid-name');
    expect(describeBranchProblem(problem!)).toMatch(why);
  });
});

describe('checkBranchName (a real repository)', () => {
  it('accepts free valid names, refuses invalid and clashing ones, and reads only', async () => {
    const repo = fixtureRepo('date-parser');
    git(repo, 'branch', 'taken');
    git(repo, 'branch', 'dir/leaf');
    git(repo, 'tag', 'v1.0');
    git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    git(repo, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
    git(repo, 'update-ref', 'refs/notes/mine', 'HEAD');
    const before = [git(repo, 'for-each-ref'), git(repo, 'status', '--porcelain=v2', '--branch')];

    for (const name of ['hew/fix', 'taken2', 'dir2/leaf', 'v1.1', 'origin2', 'upstream/main', 'main2']) {
      expect(await checkBranchName(repo, name), name).toBeNull();
    }
    const refused: [string, 'invalid-name' | 'exists', RegExp][] = [
      ['HEAD', 'invalid-name', /not a valid branch name/],
      ['-b', 'invalid-name', /starts with "-"/],
      ['refs/heads/x', 'invalid-name', /refs\/heads\/refs\/heads\/x/],
      ['origin/HEAD', 'invalid-name', /ending in HEAD/],
      ['a..b', 'invalid-name', /git check-ref-format --branch refuses it/],
      ['x.lock', 'invalid-name', /git check-ref-format --branch refuses it/],
      ['with space', 'invalid-name', /git check-ref-format --branch refuses it/],
      ['@{-1}', 'invalid-name', /git check-ref-format --branch refuses it/],
      ['a:b', 'invalid-name', /git check-ref-format --branch refuses it/],
      ['taken', 'exists', /^branch taken already exists in .*; choose another name$/],
      ['main', 'exists', /^branch main already exists/],
      ['v1.0', 'exists', /clashes with the existing tag v1\.0/],
      ['origin/main', 'exists', /clashes with the existing remote-tracking ref origin\/main/],
      ['origin', 'exists', /clashes with the existing remote-tracking ref origin\/HEAD/],
      ['notes/mine', 'exists', /clashes with the existing ref refs\/notes\/mine/],
      ['dir', 'exists', /clashes with the existing branch dir\/leaf/],
      ['taken/sub', 'exists', /clashes with the existing branch taken\b/],
    ];
    for (const [name, reason, why] of refused) {
      const problem = await checkBranchName(repo, name);
      expect(problem?.reason, name).toBe(reason);
      expect(describeBranchProblem(problem!), name).toMatch(why);
      expect(describeBranchProblem(problem!)).not.toContain('\n');
    }
    expect([git(repo, 'for-each-ref'), git(repo, 'status', '--porcelain=v2', '--branch')]).toEqual(before);
  });
});

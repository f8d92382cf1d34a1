// The pure verdict on which of a run's changes apply may write, around submodules and nested
// repositories (src/workcopy/submodules.ts), as a table; and how the lists are shown (left-out-lines.ts).
import { describe, expect, it } from 'vitest';
import { ancestorDirs, nestedRepoReason, SUBMODULE_REASONS as R } from '../../src/workcopy/submodules.ts';
import { notAppliedLines, notCopiedLines } from '../../src/cli/left-out-lines.ts';

describe('ancestorDirs', () => {
  it.each([
    ['a.txt', []],
    ['a/b.txt', ['a']],
    ['a/b/c.txt', ['a', 'a/b']],
  ])('%s → %j', (rel, dirs) => {
    expect(ancestorDirs(rel)).toEqual(dirs);
  });
});

describe('nestedRepoReason', () => {
  const layout = { copied: new Set(['lib', 'deps/inner']), notCopied: new Set(['gone']) };
  const none = new Set<string>();
  // [path, gitlinks the run made, directories with a .git in the user's tree now, reason or null]
  const cases: [string, string[], string[], string | null][] = [
    ['app.txt', [], [], null],
    ['src/a.ts', [], [], null],
    ['lib/a.txt', [], ['lib'], null], // a copied submodule, still initialised: applied
    ['lib/new/deep.txt', [], ['lib'], null],
    ['deps/inner/x.c', [], ['deps/inner'], null],
    ['lib/a.txt', [], [], R.noLongerInitialised], // the user de-initialised it since
    ['gone/a.txt', [], [], R.notCopied], // not initialised when the run started
    ['gone/a.txt', [], ['gone'], R.notCopied], // initialised since: still not the run's to write
    ['scratch/n.txt', [], ['scratch'], R.insideNestedRepo], // the user's nested repository
    ['lib/vendor/x.txt', [], ['lib', 'lib/vendor'], R.insideNestedRepo], // a submodule inside the submodule
    ['tool', ['tool'], [], R.madeRepo], // the run's `git init`: the gitlink itself
    ['tool/a.txt', ['tool'], [], R.madeRepo], // and what sits under it
    ['libx/a.txt', [], [], null], // a name that starts like a submodule's is not inside it
  ];
  it.each(cases)('%s (made %j, user repos %j) → %s', (rel, made, userRepos, reason) => {
    expect(nestedRepoReason(rel, layout, new Set(made), userRepos.length ? new Set(userRepos) : none)).toBe(reason);
  });
});

describe('the lists as shown to people', () => {
  it('names each path made safe, with hew’s reason, and counts past ten', () => {
    const hostile = { path: 'evil\u001b]0;pwned\u0007\u001b[2J.txt', reason: R.special };
    const lines = notCopiedLines([hostile]);
    expect(lines[0]).toBe('1 path not in the working copy (the run did not see it):');
    expect(lines[1]).toMatch(/^ {2}not copied evil.*\.txt: not a regular file or symlink, not copied$/);
    expect(lines.join('\n')).not.toContain('\u001b');
    expect(lines.join('\n')).not.toContain('\u0007');
    const many = Array.from({ length: 12 }, (_, i) => ({ path: `lib/f${i}`, reason: R.notCopied }));
    const shown = notAppliedLines(many);
    expect(shown[0]).toBe('12 changes not applied:');
    expect(shown).toHaveLength(12);
    expect(shown.at(-1)).toBe('  … and 2 more');
    expect(notCopiedLines([])).toEqual([]);
    expect(notAppliedLines([])).toEqual([]);
  });
});
